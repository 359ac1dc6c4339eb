/**
 * The shipped reflector: extractive. It runs each section provider over the period's material and
 * adds plain notices about what it could not use. It invents no text: templates with numbers, and
 * the writer's own sentences quoted as written.
 */
import type { Reflection } from '../../../shared/api/reflections-schemas'
import type { ReflectionMaterial } from '../material'
import type { SectionProvider, SyncReflector } from '../reflector'
import { associationsSection } from './sections/associations'
import { mixSection } from './sections/mix'
import { momentsSection } from './sections/moments'
import { selfAgreementSection } from './sections/self-agreement'
import { wordsVsVoiceSection } from './sections/words-vs-voice'
import { writingSection } from './sections/writing'
import * as T from './templates'

/** In page order. A new section is one more provider here. */
export const SECTION_PROVIDERS: readonly SectionProvider[] = [
  mixSection,
  momentsSection,
  associationsSection,
  wordsVsVoiceSection,
  selfAgreementSection,
  writingSection
]

export function createExtractiveReflector(providers: readonly SectionProvider[] = SECTION_PROVIDERS): SyncReflector {
  return {
    info: { id: 'haru-extractive-1', kind: 'extractive', note: T.reflectorNote },
    reflect(m: ReflectionMaterial): Reflection {
      const dateOf = new Map(m.entries.map((e) => [e.id, e.date]))
      const analysed = new Set(m.days.map((d) => d.date))
      const unanalysedDates = m.entries.filter((e) => !analysed.has(e.date)).map((e) => e.date)
      const staleDates = m.staleEntryIds.map((id) => dateOf.get(id)!).filter((d) => analysed.has(d))
      const notices = []
      if (m.entries.length === 0) notices.push(T.notices.nothingWritten)
      if (unanalysedDates.length > 0) notices.push(T.notices.unanalysed(unanalysedDates, m.entries.length))
      if (staleDates.length > 0) notices.push(T.notices.stale(staleDates))
      return {
        profileId: m.profileId,
        period: m.period,
        previous: m.previous,
        source: m.source,
        reflector: this.info,
        coverage: { entryDays: m.entries.length, analysedDays: m.days.length, unanalysedDates, staleDates },
        notices,
        sections: providers.flatMap((p) => p.build(m) ?? [])
      }
    }
  }
}
