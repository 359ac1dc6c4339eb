import type { SectionOf } from '../../../../shared/api/reflections-schemas'
import { CANONICAL_EMOTIONS, type CanonicalEmotion } from '../../../../shared/emotions'
import { pct } from '../../../../shared/reflect/phrases'
import type { SectionProvider } from '../../reflector'
import { leadingEmotions, meanOfDays } from '../period-mix'
import * as T from '../templates'

/** A move smaller than this (rounded percentage points) is not worth a sentence. */
export const CHANGE_MIN_POINTS = 5
const MAX_CHANGES = 3

/** The period's mix, its leading feelings, and how each moved against the period before. */
export const mixSection: SectionProvider = {
  kind: 'mix',
  build(m): SectionOf<'mix'> {
    const mix = meanOfDays(m.days)
    const previousMix = meanOfDays(m.previousDays)
    const leading = leadingEmotions(mix)
    const changes =
      mix && previousMix
        ? CANONICAL_EMOTIONS.map((emotion) => ({ emotion, points: pct(mix[emotion]) - pct(previousMix[emotion]) }))
            .filter((c) => Math.abs(c.points) >= CHANGE_MIN_POINTS)
            .sort((a, b) => Math.abs(b.points) - Math.abs(a.points) || order(a.emotion) - order(b.emotion))
            .slice(0, MAX_CHANGES)
        : []
    const statements = []
    if (!mix) statements.push(T.mix.noDays)
    else {
      statements.push(T.mix.basis(m.days.length))
      statements.push(T.mix.top(m.period, leading) ?? T.mix.calm(m.period, mix.NEUTRAL))
      if (!previousMix) statements.push(T.mix.noPrevious(m.period))
      else if (changes.length === 0) statements.push(T.mix.noChange(m.period, CHANGE_MIN_POINTS))
      else statements.push(...changes.map((c) => T.mix.change(m.period, c.emotion, c.points)))
    }
    return {
      kind: 'mix',
      title: T.mix.title,
      statements,
      days: m.days.length,
      previousDays: m.previousDays.length,
      mix,
      previousMix,
      leading,
      changes
    }
  }
}

const order = (e: CanonicalEmotion): number => CANONICAL_EMOTIONS.indexOf(e)
