import type { SectionOf } from '../../../../shared/api/reflections-schemas'
import { daysFrom } from '../../../../shared/dates'
import { periodDays } from '../../../../shared/reflect/period'
import type { SectionProvider } from '../../reflector'
import * as T from '../templates'

/** The longest run of consecutive days among ascending distinct dates. */
export function longestRun(datesAsc: readonly string[]): number {
  let best = 0
  let run = 0
  datesAsc.forEach((d, i) => {
    run = i > 0 && daysFrom(datesAsc[i - 1]!, d) === 1 ? run + 1 : 1
    best = Math.max(best, run)
  })
  return best
}

/** How much was written: days, characters, runs, and the streak as the period closed. */
export const writingSection: SectionProvider = {
  kind: 'writing',
  build(m): SectionOf<'writing'> | null {
    if (m.entries.length === 0) return null
    const characters = m.entries.reduce((s, e) => s + e.text.length, 0)
    const daysInPeriod = periodDays(m.period)
    const longestRunInPeriod = longestRun(m.entries.map((e) => e.date))
    const statements = [
      T.writing.days(m.period, m.entries.length, daysInPeriod, m.previousWriting.days),
      T.writing.characters(m.period, characters, Math.round(characters / m.entries.length), m.previousWriting.characters)
    ]
    if (longestRunInPeriod >= 2) statements.push(T.writing.longestRun(longestRunInPeriod))
    if (m.streakAtEnd >= 2) statements.push(T.writing.streak(m.period.to, m.streakAtEnd))
    return {
      kind: 'writing',
      title: T.writing.title,
      statements,
      daysInPeriod,
      daysWritten: m.entries.length,
      previousDaysWritten: m.previousWriting.days,
      characters,
      previousCharacters: m.previousWriting.characters,
      longestRunInPeriod,
      streakAtEnd: m.streakAtEnd
    }
  }
}
