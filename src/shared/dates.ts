/** `YYYY-MM-DD` of the writer's local calendar day (a diary day is local, never UTC). */
export function localIsoDate(date: Date = new Date()): string {
  const y = date.getFullYear()
  const m = String(date.getMonth() + 1).padStart(2, '0')
  const d = String(date.getDate()).padStart(2, '0')
  return `${y}-${m}-${d}`
}

const DAY_MS = 86_400_000

/**
 * Milliseconds of a `YYYY-MM-DD` day's UTC midnight. UTC, built from the parts, so a daylight-saving
 * change can never shift a diary day; setUTCFullYear keeps years below 100 literal (Date(y, ...) would not).
 */
export function isoDateToUtcMs(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  const date = new Date(0)
  date.setUTCFullYear(y, m - 1, d)
  return date.getTime()
}

function utcMsToIsoDate(ms: number): string {
  const date = new Date(ms)
  const y = String(date.getUTCFullYear()).padStart(4, '0')
  return `${y}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`
}

/** Adds whole days to a `YYYY-MM-DD` date, staying on the calendar. */
export function addDays(isoDate: string, days: number): string {
  return utcMsToIsoDate(isoDateToUtcMs(isoDate) + days * DAY_MS)
}

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export function daysFrom(a: string, b: string): number {
  return Math.round((isoDateToUtcMs(b) - isoDateToUtcMs(a)) / DAY_MS)
}
