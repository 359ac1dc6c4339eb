import { addDays, daysFrom } from '../dates'

export interface Run {
  from: string
  to: string
  days: number
}

/**
 * Days in a row with an entry that are still going on `today`: the run ending today, or ending
 * yesterday when today has no entry yet (the day is not over, so the streak is not broken).
 * `datesDesc` are distinct entry dates, newest first; only the head of the list is read.
 */
export function currentStreak(datesDesc: Iterable<string>, today: string): number {
  let expected: string | null = null
  let count = 0
  for (const date of datesDesc) {
    if (date > today) continue
    if (expected === null) {
      if (date !== today && date !== addDays(today, -1)) return 0
    } else if (date !== expected) {
      break
    }
    count++
    expected = addDays(date, -1)
  }
  return count
}

/** The longest run of consecutive days in ascending distinct dates (the latest one on ties). */
export function longestRun(datesAsc: readonly string[]): Run | null {
  let best: Run | null = null
  let start = 0
  for (let i = 0; i < datesAsc.length; i++) {
    const endsHere = i === datesAsc.length - 1 || daysFrom(datesAsc[i]!, datesAsc[i + 1]!) !== 1
    if (!endsHere) continue
    const run = { from: datesAsc[start]!, to: datesAsc[i]!, days: i - start + 1 }
    if (!best || run.days >= best.days) best = run
    start = i + 1
  }
  return best
}
