/**
 * Calendar arithmetic on `YYYY-MM-DD` strings for the trend views. Everything runs on UTC dates
 * built from the parts, so a daylight-saving change can never shift a diary day.
 */

import { addDays, daysFrom, isoDateToUtcMs } from '../dates'

export interface DateRange {
  from: string
  to: string
}

export type TrendBucket = 'day' | 'week' | 'month' | 'year'
export type RangePreset = '30days' | 'month' | '3months' | 'year' | 'all'
export const RANGE_PRESETS: readonly RangePreset[] = ['30days', 'month', '3months', 'year', 'all']

/** The earliest day "all time" can mean; the schema accepts any four-digit year. */
export const ALL_TIME_FROM = '0001-01-01'

function parts(iso: string): [number, number, number] {
  return iso.split('-').map(Number) as [number, number, number]
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(iso: string): number {
  return new Date(isoDateToUtcMs(iso)).getUTCDay()
}

/** Monday of the ISO week holding `iso` (the same rule the SQL buckets use). */
export function weekStart(iso: string): string {
  return addDays(iso, -((weekday(iso) + 6) % 7))
}

export function monthKey(iso: string): string {
  return iso.slice(0, 7)
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeap(year) ? 29 : MONTH_DAYS[month - 1]!
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
}

/** `'2026-11'` → first and last day of that month. */
export function monthRange(month: string): DateRange {
  const [y, m] = month.split('-').map(Number) as [number, number]
  return { from: `${month}-01`, to: `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}` }
}

export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number]
  const index = y * 12 + (m - 1) + delta
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`
}

export function yearRange(year: number): DateRange {
  const y = String(year).padStart(4, '0')
  return { from: `${y}-01-01`, to: `${y}-12-31` }
}

export function bucketStart(iso: string, bucket: TrendBucket): string {
  if (bucket === 'day') return iso
  if (bucket === 'week') return weekStart(iso)
  if (bucket === 'year') return `${iso.slice(0, 4)}-01-01`
  return `${monthKey(iso)}-01`
}

/** Every bucket start from `from` to `to`, so charts show empty weeks as gaps, not as nothing. */
export function enumerateBuckets(range: DateRange, bucket: TrendBucket, max = 5000): string[] {
  const out: string[] = []
  let cursor = bucketStart(range.from, bucket)
  while (cursor <= range.to && out.length < max) {
    out.push(cursor)
    cursor =
      bucket === 'day'
        ? addDays(cursor, 1)
        : bucket === 'week'
          ? addDays(cursor, 7)
          : `${shiftMonth(monthKey(cursor), bucket === 'year' ? 12 : 1)}-01`
  }
  return out
}

/**
 * Days for up to six weeks, weeks up to two years, months up to ten years, then years: a readable
 * number of points (ninety daily points of seven emotions are a tangle; thirteen weekly ones are not).
 */
export function chooseBucket(range: DateRange): TrendBucket {
  const days = daysFrom(range.from, range.to) + 1
  if (days <= 42) return 'day'
  if (days <= 731) return 'week'
  if (days <= 3653) return 'month'
  return 'year'
}

/** The same day `months` months away, on the month's last day when it has fewer days (Nov 30 − 3 = Aug 30). */
export function addMonths(iso: string, months: number): string {
  const month = shiftMonth(monthKey(iso), months)
  const [y, m] = month.split('-').map(Number) as [number, number]
  return `${month}-${String(Math.min(Number(iso.slice(8, 10)), daysInMonth(y, m))).padStart(2, '0')}`
}

/**
 * The range a preset means on `today`; "all" starts at the first entry when it is known. "Last 3
 * months" is the three months up to today (Dec 1 → Sep 2 – Dec 1), "last 30 days" ends today too.
 */
export function presetRange(preset: RangePreset, today: string, firstEntry?: string | null): DateRange {
  switch (preset) {
    case '30days':
      return { from: addDays(today, -29), to: today }
    case 'month':
      return { from: `${monthKey(today)}-01`, to: today }
    case '3months':
      return { from: addDays(addMonths(today, -3), 1), to: today }
    case 'year':
      return { from: `${today.slice(0, 4)}-01-01`, to: today }
    case 'all':
      return { from: firstEntry && firstEntry <= today ? firstEntry : ALL_TIME_FROM, to: today }
  }
}

/** Days of the month so far before "this month" is worth showing on its own; until then the last 30 days. */
export const MONTH_DEFAULT_FROM_DAY = 8

/** The range Trends opens with: this month, or the last 30 days in a month's first week (not a nearly empty month). */
export function defaultRangePreset(today: string): RangePreset {
  return Number(today.slice(8, 10)) < MONTH_DEFAULT_FROM_DAY ? '30days' : 'month'
}

/**
 * The month as calendar rows of seven days (null pads the first and last week).
 * `firstWeekday` 0 starts weeks on Sunday, as Korean wall calendars do.
 */
export function monthGrid(month: string, firstWeekday: 0 | 1 = 0): (string | null)[][] {
  const { from, to } = monthRange(month)
  const cells: (string | null)[] = Array.from({ length: (weekday(from) - firstWeekday + 7) % 7 }, () => null)
  for (let d = from; d <= to; d = addDays(d, 1)) cells.push(d)
  while (cells.length % 7 !== 0) cells.push(null)
  return Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7))
}

/** Whole months from `earlier` to `later` when they share a day of month (On This Day). */
export function monthsBetween(earlier: string, later: string): number {
  const [y1, m1] = parts(earlier)
  const [y2, m2] = parts(later)
  return (y2 - y1) * 12 + (m2 - m1)
}
