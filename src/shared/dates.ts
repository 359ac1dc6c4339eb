/** `YYYY-MM-DD` of the writer's local calendar day (a diary day is local, never UTC). */
export function localIsoDate(date: Date = new Date()): string {
  const y = date.getFullYear()
  const m = String(date.getMonth() + 1).padStart(2, '0')
  const d = String(date.getDate()).padStart(2, '0')
  return `${y}-${m}-${d}`
}

/** Adds whole days to a `YYYY-MM-DD` date, staying on the calendar (no time-zone drift). */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number]
  return localIsoDate(new Date(y, m - 1, d + days))
}
