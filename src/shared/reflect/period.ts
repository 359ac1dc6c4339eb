/**
 * The periods a reflection covers: ISO weeks (`2026-W48`, Monday to Sunday, the same weeks the
 * trend buckets use) and calendar months (`2026-11`). Pure calendar arithmetic on `YYYY-MM-DD`
 * strings, shared by the renderer, main and the CLI.
 */
import { addDays, daysFrom } from '../dates'
import { monthRange, shiftMonth, weekday, weekStart } from '../trends/date-ranges'

export const PERIOD_KINDS = ['week', 'month'] as const
export type PeriodKind = (typeof PERIOD_KINDS)[number]

export interface Period {
  kind: PeriodKind
  /** `2026-W48` or `2026-11`; the same strings as HTML's `<input type="week|month">`. */
  key: string
  from: string
  to: string
}

export const WEEK_KEY_RE = /^(\d{4})-W(\d{2})$/
export const MONTH_KEY_RE = /^(\d{4})-(\d{2})$/

/** ISO 8601: week 1 is the week with the year's first Thursday, so the Thursday decides the year. */
export function isoWeekKey(date: string): string {
  const thursday = addDays(weekStart(date), 3)
  const year = thursday.slice(0, 4)
  const week = Math.floor(daysFrom(`${year}-01-01`, thursday) / 7) + 1
  return `${year}-W${String(week).padStart(2, '0')}`
}

/** Monday of ISO week 1 of `year`: the Monday on or before 4 January. */
function firstIsoMonday(year: string): string {
  return weekStart(`${year}-01-04`)
}

/** Weeks in an ISO year: 53 when it starts on a Thursday, or on a Wednesday in a leap year. */
export function isoWeeksInYear(year: number): number {
  const y = String(year).padStart(4, '0')
  return isoWeekKey(`${y}-12-28`) === `${y}-W53` ? 53 : 52
}

/** The period a key names, or null when it is not a real week or month. */
export function parsePeriodKey(key: string): Period | null {
  const week = WEEK_KEY_RE.exec(key)
  if (week) {
    const [year, n] = [week[1]!, Number(week[2])]
    if (n < 1 || n > isoWeeksInYear(Number(year))) return null
    const from = addDays(firstIsoMonday(year), (n - 1) * 7)
    return { kind: 'week', key, from, to: addDays(from, 6) }
  }
  const month = MONTH_KEY_RE.exec(key)
  if (month) {
    const m = Number(month[2])
    if (m < 1 || m > 12) return null
    return { kind: 'month', key, ...monthRange(key) }
  }
  return null
}

/** The week or month holding `date`. */
export function periodOf(kind: PeriodKind, date: string): Period {
  return parsePeriodKey(kind === 'week' ? isoWeekKey(date) : date.slice(0, 7))!
}

/** The period just before (the previous week or month). */
export function previousPeriod(p: Period): Period {
  return p.kind === 'week' ? periodOf('week', addDays(p.from, -7)) : periodOf('month', `${shiftMonth(p.key, -1)}-01`)
}

export function nextPeriod(p: Period): Period {
  return p.kind === 'week' ? periodOf('week', addDays(p.from, 7)) : periodOf('month', `${shiftMonth(p.key, 1)}-01`)
}

/** Calendar days in the period (7, or 28–31). */
export function periodDays(p: Period): number {
  return daysFrom(p.from, p.to) + 1
}

/**
 * The periods that ended yesterday: last week on a Monday, last month on the 1st (both when a
 * month ends on a Sunday). The app offers their reflection on that day.
 */
export function periodsEndedYesterday(today: string): Period[] {
  const yesterday = addDays(today, -1)
  const ended: Period[] = []
  if (today.endsWith('-01')) ended.push(periodOf('month', yesterday))
  if (weekday(today) === 1) ended.push(periodOf('week', yesterday))
  return ended
}
