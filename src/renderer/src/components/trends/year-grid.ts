/** Cell size and margins of the year-in-pixels drawing, in SVG units. */
export const CELL = 15
export const GRID_LEFT = 36
export const GRID_TOP = 28

export interface YearCell {
  date: string
  /** Column: weeks since the week (Sunday first) holding 1 January. */
  week: number
  /** Row: 0 = Sunday … 6 = Saturday. */
  weekday: number
}

export interface YearGrid {
  cells: YearCell[]
  /** The column where each month's first day falls, for its label. */
  months: { month: number; week: number }[]
  width: number
  height: number
}

/** Every day of a calendar year laid out as a GitHub-style grid: weeks across, weekdays down. */
export function yearGrid(year: number): YearGrid {
  const first = Date.UTC(year, 0, 1)
  const offset = new Date(first).getUTCDay()
  const cells: YearCell[] = []
  const months: YearGrid['months'] = []
  for (let i = 0; ; i++) {
    const date = new Date(first + i * 86_400_000)
    if (date.getUTCFullYear() !== year) break
    const week = Math.floor((i + offset) / 7)
    if (date.getUTCDate() === 1) months.push({ month: date.getUTCMonth(), week })
    cells.push({ date: date.toISOString().slice(0, 10), week, weekday: date.getUTCDay() })
  }
  const weeks = cells[cells.length - 1]!.week + 1
  return { cells, months, width: GRID_LEFT + weeks * CELL + 8, height: GRID_TOP + 7 * CELL + 4 }
}
