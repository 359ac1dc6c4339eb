import type { SectionOf } from '../../../../shared/api/reflections-schemas'
import type { SectionProvider } from '../../reflector'
import * as T from '../templates'

/** Same threshold as a memo's own note: words and voice differing by more than this is worth saying. */
export const DIFFERENT_DISTANCE = 0.25
const MAX_DAYS = 3

/** The days where the words and the voice were read most differently (only when both exist). */
export const wordsVsVoiceSection: SectionProvider = {
  kind: 'wordsVsVoice',
  build(m): SectionOf<'wordsVsVoice'> | null {
    const { daysWithBoth, top } = m.wordsVsVoice
    if (daysWithBoth === 0) return null
    const days = top
      .filter((d) => d.distance > DIFFERENT_DISTANCE)
      .slice(0, MAX_DAYS)
      .map((d) => ({
        date: d.date,
        entryId: d.entryId,
        words: { emotion: d.text.dominant, share: d.text.probs[d.text.dominant] },
        voice: { emotion: d.audio.dominant, share: d.audio.probs[d.audio.dominant] },
        distance: d.distance
      }))
    const statements = [T.wordsVsVoice.basis(daysWithBoth)]
    if (days.length === 0) statements.push(T.wordsVsVoice.similar)
    else statements.push(...days.map((d) => T.wordsVsVoice.day(d.date, d.words.emotion, d.voice.emotion, d.distance)))
    return { kind: 'wordsVsVoice', title: T.wordsVsVoice.title, statements, daysWithBoth, days }
  }
}
