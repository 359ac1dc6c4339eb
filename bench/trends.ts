/**
 * Trend query speed on a large diary: 100,000 analysed entries of one profile (about 300 years of
 * days, 90 % of them written; every entry has a text analysis, a third also a voice memo with an
 * audio analysis) in a temporary SQLite file, written through the real triggers.
 *
 * Measured (warm, median of repeated runs): what the Trends page asks for a month (summary by day
 * plus the calendar's days), a year (summary by week plus the year-in-pixels days) and all time
 * (summary by the bucket the page picks: years for three centuries), plus the streak, against the naive way in the same run: select the raw
 * analyses of the range from SQLite and do the work in JavaScript (parse every canonical JSON,
 * keep the newest per entry, bucket and average). Run alone with `npx tsx bench/trends.ts`.
 */
import { rmSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase, type Db } from '../src/main/db/open'
import { insertAnalysis } from '../src/main/repos/analyses'
import { streak, trendDays, trendSummary } from '../src/main/repos/trends'
import { CANONICAL_EMOTIONS, dominantEmotion, type CanonicalDistribution } from '../src/shared/emotions'
import { addDays } from '../src/shared/dates'
import { bucketStart, chooseBucket, monthRange, yearRange, type TrendBucket } from '../src/shared/trends/date-ranges'
import { medianMs, ratio } from './stats'
import type { BenchResult } from './types'

const ENTRIES = 100_000
const START = '1720-01-01'
const WORDS = ['오늘은', '친구와', '산책을', '했다', '회사에서', '피곤했다', '저녁에', '비가', '왔다', '행복했던', '하루', '커피를', '마셨다']

export function seed(db: Db): { first: string; last: string } {
  let state = 12345
  const rand = (): number => ((state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32)
  const insertEntry = db.prepare('INSERT INTO entries (profile_id, entry_date, text, created_at, updated_at) VALUES (1, ?, ?, ?, ?) RETURNING id')
  const insertMemo = db.prepare("INSERT INTO voice_memos (entry_id, file_path, duration_sec, sample_rate, created_at) VALUES (?, ?, 12, 16000, ?) RETURNING id")
  const distribution = (): CanonicalDistribution => {
    const raw = CANONICAL_EMOTIONS.map(() => rand() ** 3)
    const total = raw.reduce((a, b) => a + b, 0)
    return Object.fromEntries(CANONICAL_EMOTIONS.map((e, i) => [e, raw[i]! / total])) as CanonicalDistribution
  }
  db.prepare("INSERT INTO profiles (id, name, created_at) VALUES (1, '벤치', '2026-01-01T00:00:00.000Z')").run()
  let date = START
  let count = 0
  db.transaction(() => {
    while (count < ENTRIES) {
      date = addDays(date, 1)
      if (rand() < 0.1) continue
      const text = Array.from({ length: 12 }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' ')
      const now = `${date}T21:00:00.000Z`
      const { id } = insertEntry.get(date, text, now, now) as { id: number }
      const labels = [...CANONICAL_EMOTIONS]
      const canonical = distribution()
      insertAnalysis(db, { entryId: id, source: 'text', modelId: 'bench', labels, probs: labels.map((e) => canonical[e]), canonical, createdAt: now })
      if (rand() < 0.33) {
        const memo = (insertMemo.get(id, `memos/${id}.wav`, now) as { id: number }).id
        const voice = distribution()
        insertAnalysis(db, { memoId: memo, source: 'audio', modelId: 'bench', labels, probs: labels.map((e) => voice[e]), canonical: voice, createdAt: now })
      }
      count++
    }
  })()
  return { first: addDays(START, 1), last: date }
}

/** The naive way: raw analyses of the range out of SQLite, everything else in JavaScript. */
function naiveSummary(db: Db, from: string, to: string, bucket: TrendBucket): number {
  const rows = db
    .prepare(
      `SELECT e.entry_date, a.id, a.created_at, a.canonical_json FROM entries e JOIN analyses a ON a.entry_id = e.id
        WHERE e.profile_id = 1 AND a.source = 'text' AND e.entry_date BETWEEN ? AND ?`
    )
    .all(from, to) as { entry_date: string; id: number; created_at: string; canonical_json: string }[]
  const newest = new Map<string, (typeof rows)[number]>()
  for (const r of rows) {
    const seen = newest.get(r.entry_date)
    if (!seen || r.created_at > seen.created_at || (r.created_at === seen.created_at && r.id > seen.id)) newest.set(r.entry_date, r)
  }
  const buckets = new Map<string, { days: number; counts: Record<string, number>; sums: Record<string, number> }>()
  for (const r of newest.values()) {
    const dist = JSON.parse(r.canonical_json) as CanonicalDistribution
    const key = bucketStart(r.entry_date, bucket)
    let b = buckets.get(key)
    if (!b) buckets.set(key, (b = { days: 0, counts: {}, sums: {} }))
    b.days++
    const top = dominantEmotion(dist)
    b.counts[top] = (b.counts[top] ?? 0) + 1
    for (const e of CANONICAL_EMOTIONS) b.sums[e] = (b.sums[e] ?? 0) + dist[e]
  }
  return buckets.size
}

export async function benchTrends(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'haru-bench-trends-'))
  const db = openDatabase(dir)
  try {
    const t0 = performance.now()
    const { first, last } = seed(db)
    const seedSec = (performance.now() - t0) / 1000
    db.pragma('optimize')
    const month = monthRange(last.slice(0, 7))
    const year = yearRange(Number(last.slice(0, 4)) - 1)
    const all = { from: first, to: last }
    const q = { profileId: 1, source: 'text' as const }

    // Sanity: the two ways agree on what they count, so the comparison is fair.
    const check = trendSummary(db, { ...q, ...all, bucket: 'month' })
    if (check.buckets.length !== naiveSummary(db, all.from, all.to, 'month') || check.totals.days !== ENTRIES) {
      throw new Error(`bench seed is inconsistent: ${check.totals.days} days in SQL`)
    }

    const monthMs = await medianMs(() => {
      trendSummary(db, { ...q, ...month, bucket: 'day' })
      trendDays(db, { ...q, ...month })
    }, 300, 20)
    const monthNaive = await medianMs(() => naiveSummary(db, month.from, month.to, 'day'), 300, 20)
    const yearMs = await medianMs(() => {
      trendSummary(db, { ...q, ...year, bucket: 'week' })
      trendDays(db, { ...q, ...year })
    }, 100, 5)
    const yearNaive = await medianMs(() => naiveSummary(db, year.from, year.to, 'week'), 100, 5)
    // What the page asks for all time: the bucket chooseBucket picks (years, for three centuries).
    const allBucket = chooseBucket(all)
    const allMs = await medianMs(() => trendSummary(db, { ...q, ...all, bucket: allBucket }), 21, 3)
    const allNaive = await medianMs(() => naiveSummary(db, all.from, all.to, allBucket), 11, 2)
    const allMonthsMs = await medianMs(() => trendSummary(db, { ...q, ...all, bucket: 'month' }), 21, 3)
    const streakMs = await medianMs(() => streak(db, 1, last), 21, 3)

    const naiveName = 'raw analyses of the range from SQLite, newest-per-day + buckets in JS'
    return [
      { name: `seed ${ENTRIES.toLocaleString('en')} analysed entries through the triggers`, value: seedSec, unit: 's' },
      { name: 'trends: month (summary by day + calendar days)', value: monthMs, unit: 'ms', baseline: { name: naiveName, value: monthNaive }, ratio: ratio(monthMs, monthNaive), target: '≤ 10 ms' },
      { name: 'trends: year (summary by week + year-in-pixels days)', value: yearMs, unit: 'ms', baseline: { name: naiveName, value: yearNaive }, ratio: ratio(yearMs, yearNaive) },
      { name: `trends: all time (summary by ${allBucket}, 100k days)`, value: allMs, unit: 'ms', baseline: { name: naiveName, value: allNaive }, ratio: ratio(allMs, allNaive), target: '≤ 50 ms' },
      { name: `trends: all time by month (${check.buckets.length.toLocaleString('en')} buckets)`, value: allMonthsMs, unit: 'ms' },
      { name: 'streak (current + longest over all time)', value: streakMs, unit: 'ms' }
    ]
  } finally {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { printResults } = await import('./print')
  printResults(await benchTrends())
}
