import type { Statement } from 'better-sqlite3-multiple-ciphers'
import type { DomainHandlers } from '../../shared/api/contract'
import type { Disagreement, OnThisDayItem, Streak, TrendDay, TrendSummary } from '../../shared/api/trends-schemas'
import { CANONICAL_EMOTIONS, type CanonicalDistribution, type CanonicalEmotion } from '../../shared/emotions'
import { daysInMonth, monthKey, monthRange, monthsBetween, shiftMonth, type TrendBucket } from '../../shared/trends/date-ranges'
import type { DaySource } from '../../shared/trends/sources'
import { currentStreak } from '../../shared/trends/streaks'
import type { HandlerContext } from '../api/handlers'
import type { Db } from '../db/open'
import { dayBriefs } from './day-marks'
import { getProfile } from './profiles'

/**
 * Trend queries. Every aggregate runs in SQLite over `analysis_daily` (one row per entry and
 * source, clustered on profile, source, date; kept by triggers, see migration 0002), so a month
 * reads ~30 rows of one index range; month buckets read the `analysis_monthly` roll-up (migration
 * 0005) for whole months, so all time reads one row per month. Never whole entries.
 */

const P = CANONICAL_EMOTIONS.map((e) => `p_${e.toLowerCase()}`)

export interface TrendQuery {
  profileId: number
  from: string
  to: string
  source: DaySource
  tag?: string | undefined
}

const statements = new WeakMap<Db, Map<string, Statement>>()
/** Prepared once per database and SQL text: trend queries run on every filter change. */
function prepared(db: Db, sql: string): Statement {
  let cache = statements.get(db)
  if (!cache) statements.set(db, (cache = new Map()))
  let stmt = cache.get(sql)
  if (!stmt) cache.set(sql, (stmt = db.prepare(sql)))
  return stmt
}

const rangeWhere = (q: TrendQuery, alias = ''): string =>
  `${alias}profile_id = @profileId AND ${alias}source = @source AND ${alias}entry_date BETWEEN @from AND @to` +
  (q.tag ? ` AND ${alias}entry_id IN (SELECT entry_id FROM entry_tags WHERE tag = @tag)` : '')

const params = (q: TrendQuery) => ({ profileId: q.profileId, source: q.source, from: q.from, to: q.to, ...(q.tag ? { tag: q.tag } : {}) })

/** SQL for the first day of the bucket holding `entry_date`; weeks start on Monday (ISO). */
const BUCKET_SQL: Record<TrendBucket, string> = {
  day: 'entry_date',
  week: "date(entry_date, '-6 days', 'weekday 1')",
  month: "substr(entry_date, 1, 7) || '-01'",
  year: "substr(entry_date, 1, 4) || '-01-01'"
}

/** `[bucket, days, c0, s0, c1, s1, …]`: raw arrays, because all-time queries return thousands. */
type SumRow = [string, number, ...number[]]
const SUM_COLUMNS = CANONICAL_EMOTIONS.map((e, i) => `sum(dominant = '${e}'), sum(${P[i]})`).join(', ')

function dailySums(db: Db, q: TrendQuery, bucket: TrendBucket): SumRow[] {
  const sql = `SELECT ${BUCKET_SQL[bucket]} AS bucket, count(*), ${SUM_COLUMNS}
    FROM analysis_daily WHERE ${rangeWhere(q)} GROUP BY bucket ORDER BY bucket`
  return prepared(db, sql).raw(true).all(params(q)) as SumRow[]
}

/**
 * Month and year buckets without a tag filter: whole months come from the `analysis_monthly`
 * roll-up (migration 0005), and only a partial first or last month is summed from the days.
 */
function rolledUpSums(db: Db, q: TrendQuery, bucket: 'month' | 'year'): SumRow[] {
  const fromMonth = monthKey(q.from)
  const toMonth = monthKey(q.to)
  const head = q.from.endsWith('-01') ? null : { from: q.from, to: min(q.to, monthRange(fromMonth).to) }
  const tail = q.to === monthRange(toMonth).to || (head && toMonth === fromMonth) ? null : { from: max(q.from, `${toMonth}-01`), to: q.to }
  const firstFull = head ? shiftMonth(fromMonth, 1) : fromMonth
  const lastFull = tail ? shiftMonth(toMonth, -1) : toMonth
  const rows: SumRow[] = []
  if (head) rows.push(...dailySums(db, { ...q, ...head }, bucket))
  if (firstFull <= lastFull) {
    const key = bucket === 'month' ? "month || '-01'" : "substr(month, 1, 4) || '-01-01'"
    const sums = CANONICAL_EMOTIONS.map((_, i) => `sum(${P[i]!.replace('p_', 'c_')}), sum(${P[i]!.replace('p_', 's_')})`).join(', ')
    const sql = `SELECT ${key} AS bucket, sum(days), ${sums} FROM analysis_monthly
      WHERE profile_id = @profileId AND source = @source AND month BETWEEN @firstFull AND @lastFull GROUP BY bucket ORDER BY bucket`
    rows.push(...(prepared(db, sql).raw(true).all({ profileId: q.profileId, source: q.source, firstFull, lastFull }) as SumRow[]))
  }
  if (tail) rows.push(...dailySums(db, { ...q, ...tail }, bucket))
  return rows
}

const min = (a: string, b: string): string => (a < b ? a : b)
const max = (a: string, b: string): string => (a > b ? a : b)

export function trendSummary(db: Db, q: TrendQuery & { bucket: TrendBucket }): TrendSummary {
  getProfile(db, q.profileId)
  const rows = (q.bucket === 'month' || q.bucket === 'year') && !q.tag ? rolledUpSums(db, q, q.bucket) : dailySums(db, q, q.bucket)
  // Partial edge months land in the same year bucket as whole ones: merge rows by bucket.
  const merged = new Map<string, number[]>()
  for (const [bucket, ...values] of rows) {
    const into = merged.get(bucket)
    if (into) values.forEach((v, i) => (into[i]! += v))
    else merged.set(bucket, values)
  }
  const total = new Array<number>(1 + 2 * CANONICAL_EMOTIONS.length).fill(0)
  const buckets = [...merged].map(([start, values]) => {
    values.forEach((v, i) => (total[i]! += v))
    return { start, ...stats(values) }
  })
  return { from: q.from, to: q.to, source: q.source, bucket: q.bucket, buckets, totals: stats(total) }
}

/** `[days, c0, s0, c1, s1, …]` → day count, dominant counts and mean distribution. */
function stats(values: number[]): { days: number; counts: CanonicalDistribution; mean: CanonicalDistribution } {
  const days = values[0]!
  const counts = {} as CanonicalDistribution
  const mean = {} as CanonicalDistribution
  CANONICAL_EMOTIONS.forEach((e, i) => {
    counts[e] = values[1 + 2 * i]!
    mean[e] = days > 0 ? values[2 + 2 * i]! / days : 0
  })
  return { days, counts, mean }
}

const probsOf = (row: Record<string, unknown>, prefix = ''): CanonicalDistribution =>
  Object.fromEntries(CANONICAL_EMOTIONS.map((e, i) => [e, row[`${prefix}${P[i]}`] as number])) as CanonicalDistribution

/** One row per day with an analysis of the source: the calendar and the year in pixels. */
export function trendDays(db: Db, q: TrendQuery): TrendDay[] {
  getProfile(db, q.profileId)
  const sql = `SELECT entry_date, entry_id, dominant, ${P.join(', ')}, analyses FROM analysis_daily WHERE ${rangeWhere(q)} ORDER BY entry_date`
  return (prepared(db, sql).all(params(q)) as Record<string, unknown>[]).map((r) => ({
    date: r.entry_date as string,
    entryId: r.entry_id as number,
    dominant: r.dominant as CanonicalEmotion,
    probs: probsOf(r),
    analyses: r.analyses as number
  }))
}

/** Distinct entry dates on or before `until`, newest first, read a page at a time. */
function* datesDescending(db: Db, profileId: number, until: string): Generator<string> {
  const PAGE = 366
  const firstPage = prepared(db, `SELECT entry_date FROM entries WHERE profile_id = ? AND entry_date <= ? ORDER BY entry_date DESC LIMIT ${PAGE}`)
  const nextPage = prepared(db, `SELECT entry_date FROM entries WHERE profile_id = ? AND entry_date < ? ORDER BY entry_date DESC LIMIT ${PAGE}`)
  let rows = firstPage.all(profileId, until) as { entry_date: string }[]
  while (rows.length > 0) {
    for (const r of rows) yield r.entry_date
    if (rows.length < PAGE) return
    rows = nextPage.all(profileId, rows[rows.length - 1]!.entry_date) as { entry_date: string }[]
  }
}

/**
 * The streak counter: days in a row with an entry. The current streak walks back from today and
 * stops at the first gap (it reads only as many dates as the streak is long); the longest run is
 * one gaps-and-islands window query.
 */
export function streak(db: Db, profileId: number, today: string): Streak {
  getProfile(db, profileId)
  const current = currentStreak(datesDescending(db, profileId, today), today)
  const longest = prepared(
    db,
    `WITH d AS (SELECT entry_date, julianday(entry_date) - row_number() OVER (ORDER BY entry_date) AS grp
                  FROM entries WHERE profile_id = ? AND entry_date <= ?)
     SELECT min(entry_date) AS first, max(entry_date) AS last, count(*) AS days FROM d GROUP BY grp ORDER BY days DESC, last DESC LIMIT 1`
  ).get(profileId, today) as { first: string; last: string; days: number } | undefined
  const totals = prepared(db, 'SELECT count(*) AS n, min(entry_date) AS first FROM entries WHERE profile_id = ? AND entry_date <= ?').get(
    profileId,
    today
  ) as { n: number; first: string | null }
  return {
    current,
    longest: longest?.days ?? 0,
    longestFrom: longest?.first ?? null,
    longestTo: longest?.last ?? null,
    totalDays: totals.n,
    firstEntryDate: totals.first
  }
}

/** Days with both a text and a voice analysis, the ones whose distributions differ most first. */
export function disagreements(db: Db, q: Omit<TrendQuery, 'source'> & { limit: number }): Disagreement[] {
  getProfile(db, q.profileId)
  const distance = `0.5 * (${P.map((c) => `abs(t.${c} - a.${c})`).join(' + ')})`
  const sql = `SELECT t.entry_date, t.entry_id, t.dominant AS t_dominant, a.dominant AS a_dominant,
        ${P.map((c) => `t.${c} AS t_${c}, a.${c} AS a_${c}`).join(', ')}, ${distance} AS distance
      FROM analysis_daily t
      JOIN analysis_daily a ON a.profile_id = t.profile_id AND a.source = 'audio' AND a.entry_date = t.entry_date
     WHERE ${rangeWhere({ ...q, source: 'text' }, 't.')}
     ORDER BY distance DESC, t.entry_date DESC LIMIT @limit`
  const rows = prepared(db, sql).all({ ...params({ ...q, source: 'text' }), limit: q.limit }) as Record<string, unknown>[]
  return rows.map((r) => ({
    date: r.entry_date as string,
    entryId: r.entry_id as number,
    text: { dominant: r.t_dominant as CanonicalEmotion, probs: probsOf(r, 't_') },
    audio: { dominant: r.a_dominant as CanonicalEmotion, probs: probsOf(r, 'a_') },
    distance: r.distance as number
  }))
}

/**
 * "On this day": entries on the same day of the month in earlier months (so also the same date in
 * earlier years), newest first. The candidate dates are generated back to the first entry and
 * looked up through the (profile, date) index, rather than scanning every entry.
 */
export function onThisDay(db: Db, profileId: number, date: string, limit: number): OnThisDayItem[] {
  getProfile(db, profileId)
  const first = (prepared(db, 'SELECT min(entry_date) AS d FROM entries WHERE profile_id = ?').get(profileId) as { d: string | null }).d
  if (!first || first >= date) return []
  const day = date.slice(8, 10)
  const candidates: string[] = []
  for (let month = shiftMonth(monthKey(date), -1); month >= monthKey(first); month = shiftMonth(month, -1)) {
    const [y, m] = month.split('-').map(Number) as [number, number]
    if (Number(day) <= daysInMonth(y, m)) candidates.push(`${month}-${day}`)
  }
  const rows = prepared(
    db,
    `SELECT e.id, e.entry_date, substr(e.text, 1, 120) AS preview
       FROM entries e
      WHERE e.profile_id = ? AND e.entry_date IN (SELECT value FROM json_each(?))
      ORDER BY e.entry_date DESC LIMIT ?`
  ).all(profileId, JSON.stringify(candidates), limit) as { id: number; entry_date: string; preview: string }[]
  const briefs = dayBriefs(
    db,
    rows.map((r) => r.id)
  )
  return rows.map((r) => ({
    entryId: r.id,
    entryDate: r.entry_date,
    preview: r.preview,
    monthsAgo: monthsBetween(r.entry_date, date),
    dominant: briefs.get(r.id)?.dominant ?? null,
    share: briefs.get(r.id)?.share ?? null
  }))
}

export const trendsHandlers: DomainHandlers<'trends', HandlerContext> = {
  summary: (input, { db }) => trendSummary(db, input),
  days: (input, { db }) => trendDays(db, input),
  streak: ({ profileId, today }, { db }) => streak(db, profileId, today),
  disagreements: (input, { db }) => disagreements(db, input),
  onThisDay: ({ profileId, date, limit }, { db }) => onThisDay(db, profileId, date, limit)
}
