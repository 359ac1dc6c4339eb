import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openHaruService, type HaruService } from '../../../src/main/api/service'
import { createEntry } from '../../../src/main/repos/entries'
import { createProfile } from '../../../src/main/repos/profiles'
import { setEntryTags } from '../../../src/main/repos/tags'
import { disagreements, onThisDay, streak, trendDays, trendSummary } from '../../../src/main/repos/trends'
import { createHaruApi } from '../../../src/shared/api/client'
import { HaruApiError } from '../../../src/shared/api/errors'
import type { Db } from '../../../src/main/db/open'
import { makeTempDir } from '../../helpers/temp-dir'
import { addMemo, analyse, day, dist } from './seed'

/**
 * A small diary with hand-computed expectations. Text analyses are `peaked(e)`: 0.7 on `e`,
 * 0.05 on each of the other six. 2026-03-01 is a Sunday, so ISO weeks start 03-02, 03-09, …
 */
let tmp: ReturnType<typeof makeTempDir>
let service: HaruService
let db: Db
let A: number
let B: number
const ids: Record<string, number> = {}

beforeAll(() => {
  tmp = makeTempDir()
  service = openHaruService({ dataDir: tmp.dir, appVersion: 't', transport: 'web' })
  db = service.db
  A = createProfile(db, '지민', 'FEMALE').id
  B = createProfile(db, '하늘', 'MALE').id
  const plan = {
    '2025-04-04': null,
    '2026-02-27': 'FEAR',
    '2026-03-02': 'HAPPY',
    '2026-03-03': 'HAPPY',
    '2026-03-04': 'SAD',
    '2026-03-08': 'ANGRY',
    '2026-03-09': 'SAD',
    '2026-03-10': null,
    '2026-03-31': 'NEUTRAL',
    '2026-04-01': 'HAPPY'
  } as const
  for (const [date, emotion] of Object.entries(plan)) ids[date] = day(db, A, date, emotion)
  // The other profile writes on the same days with other feelings: it must never leak into A's trends.
  for (const date of ['2026-03-02', '2026-03-03', '2026-03-04', '2026-04-02']) day(db, B, date, 'DISGUST')
  setEntryTags(db, ids['2026-03-02']!, ['산책'])
  setEntryTags(db, ids['2026-03-04']!, ['산책', '회사'])
  setEntryTags(db, ids['2026-04-01']!, ['산책'])
  analyse(db, { memoId: addMemo(db, ids['2026-03-02']!) }, 'audio', dist({ SAD: 0.9, HAPPY: 0.1 }))
  analyse(db, { memoId: addMemo(db, ids['2026-03-04']!) }, 'audio', dist({ SAD: 0.6, NEUTRAL: 0.4 }))
})
afterAll(() => {
  service.close()
  tmp.cleanup()
})

const march = { profileId: 0, from: '2026-03-01', to: '2026-03-31', source: 'text' as const }

describe('trend aggregates in SQL', () => {
  it('counts dominant emotions and averages distributions per ISO week', () => {
    const s = trendSummary(db, { ...march, profileId: A, bucket: 'week' })
    expect(s.buckets.map((b) => [b.start, b.days])).toEqual([
      ['2026-03-02', 4],
      ['2026-03-09', 1],
      ['2026-03-30', 1]
    ])
    const w1 = s.buckets[0]!
    expect(w1.counts).toEqual({ ANGRY: 1, SAD: 1, DISGUST: 0, HAPPY: 2, FEAR: 0, SURPRISE: 0, NEUTRAL: 0 })
    expect(w1.mean.HAPPY).toBeCloseTo((0.7 + 0.7 + 0.05 + 0.05) / 4, 12)
    expect(w1.mean.SAD).toBeCloseTo((0.05 + 0.05 + 0.7 + 0.05) / 4, 12)
    expect(w1.mean.ANGRY).toBeCloseTo(0.2125, 12)
    expect(w1.mean.FEAR).toBeCloseTo(0.05, 12)
    expect(s.totals.days).toBe(6)
    expect(s.totals.counts).toEqual({ ANGRY: 1, SAD: 2, DISGUST: 0, HAPPY: 2, FEAR: 0, SURPRISE: 0, NEUTRAL: 1 })
    expect(s.totals.mean.HAPPY).toBeCloseTo((0.7 * 2 + 0.05 * 4) / 6, 12)
  })

  it('buckets by day and by month, and an empty range gives zero totals', () => {
    const byDay = trendSummary(db, { ...march, profileId: A, bucket: 'day' })
    expect(byDay.buckets.map((b) => b.start)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-08', '2026-03-09', '2026-03-31'])
    expect(byDay.buckets[2]!.counts.SAD).toBe(1)
    const byMonth = trendSummary(db, { profileId: A, from: '2026-01-01', to: '2026-04-30', source: 'text', bucket: 'month' })
    expect(byMonth.buckets.map((b) => [b.start, b.days, b.counts.HAPPY, b.counts.FEAR])).toEqual([
      ['2026-02-01', 1, 0, 1],
      ['2026-03-01', 6, 2, 0],
      ['2026-04-01', 1, 1, 0]
    ])
    const empty = trendSummary(db, { profileId: A, from: '2020-01-01', to: '2020-12-31', source: 'text', bucket: 'month' })
    expect(empty.buckets).toEqual([])
    expect(empty.totals.days).toBe(0)
    expect(empty.totals.mean.HAPPY).toBe(0)
  })

  it('month buckets from the roll-up equal month buckets summed from the days, for any range edges', () => {
    const viaDays = (from: string, to: string) => {
      const byMonth = new Map<string, { days: number; happy: number; sad: number }>()
      for (const d of trendDays(db, { profileId: A, from, to, source: 'text' })) {
        const key = `${d.date.slice(0, 7)}-01`
        const b = byMonth.get(key) ?? { days: 0, happy: 0, sad: 0 }
        byMonth.set(key, { days: b.days + 1, happy: b.happy + (d.dominant === 'HAPPY' ? 1 : 0), sad: b.sad + d.probs.SAD })
      }
      return [...byMonth].map(([k, b]) => [k, b.days, b.happy, b.sad.toFixed(12)])
    }
    for (const [from, to] of [
      ['2026-03-05', '2026-04-01'],
      ['2026-02-27', '2026-03-31'],
      ['2026-03-01', '2026-03-31'],
      ['2026-03-03', '2026-03-09'],
      ['2026-02-01', '2026-04-30'],
      ['2025-01-01', '2026-04-02']
    ] as const) {
      const s = trendSummary(db, { profileId: A, from, to, source: 'text', bucket: 'month' })
      expect(s.buckets.map((b) => [b.start, b.days, b.counts.HAPPY, (b.mean.SAD * b.days).toFixed(12)]), `${from}…${to}`).toEqual(viaDays(from, to))
    }
    const all = trendSummary(db, { profileId: A, from: '0001-01-01', to: '2026-04-02', source: 'text', bucket: 'month' })
    expect(all.totals.days).toBe(8)
    // Year buckets merge a partial month (from the days) with whole months (from the roll-up).
    const years = trendSummary(db, { profileId: A, from: '2025-06-15', to: '2026-03-20', source: 'text', bucket: 'year' })
    expect(years.buckets.map((b) => [b.start, b.days, b.counts.HAPPY, b.counts.SAD])).toEqual([['2026-01-01', 6, 2, 2]])
    expect(years.buckets[0]!.mean.SAD).toBeCloseTo((0.7 * 2 + 0.05 * 4) / 6, 12)
  })

  it('filters by tag and by source, and keeps profiles apart', () => {
    const walks = trendSummary(db, { ...march, profileId: A, bucket: 'month', tag: '산책' })
    expect(walks.totals.days).toBe(2)
    expect(walks.totals.counts).toMatchObject({ HAPPY: 1, SAD: 1 })
    const voice = trendSummary(db, { ...march, profileId: A, source: 'audio', bucket: 'month' })
    expect(voice.totals.days).toBe(2)
    expect(voice.totals.counts.SAD).toBe(2)
    expect(voice.totals.mean.SAD).toBeCloseTo(0.75, 12)
    expect(voice.totals.mean.NEUTRAL).toBeCloseTo(0.2, 12)
    const other = trendSummary(db, { ...march, profileId: B, bucket: 'month' })
    expect(other.totals).toMatchObject({ days: 3, counts: { DISGUST: 3 } })
  })

  it('lists days with their dominant emotion and mix for the calendar', () => {
    const days = trendDays(db, { ...march, profileId: A })
    expect(days.map((d) => [d.date, d.dominant])).toEqual([
      ['2026-03-02', 'HAPPY'],
      ['2026-03-03', 'HAPPY'],
      ['2026-03-04', 'SAD'],
      ['2026-03-08', 'ANGRY'],
      ['2026-03-09', 'SAD'],
      ['2026-03-31', 'NEUTRAL']
    ])
    expect(days[0]).toMatchObject({ entryId: ids['2026-03-02'], analyses: 1 })
    expect(days[0]!.probs.HAPPY).toBeCloseTo(0.7, 12)
  })

  it('counts the current and the longest streak of days with an entry', () => {
    // 04-02 has no entry yet: the streak that ended yesterday (03-31, 04-01) still counts.
    expect(streak(db, A, '2026-04-02')).toEqual({
      current: 2,
      longest: 3,
      // Two runs of three (03-02…04 and 03-08…10): the later one is reported.
      longestFrom: '2026-03-08',
      longestTo: '2026-03-10',
      totalDays: 10,
      firstEntryDate: '2025-04-04'
    })
    expect(streak(db, A, '2026-04-01').current).toBe(2)
    expect(streak(db, A, '2026-04-03').current).toBe(0)
    expect(streak(db, A, '2026-03-09').current).toBe(2)
    expect(streak(db, B, '2026-04-02')).toMatchObject({ current: 1, longest: 3 })
  })

  it('finds the days where words and voice disagree most (total variation distance)', () => {
    const d = disagreements(db, { profileId: A, from: '2026-03-01', to: '2026-03-31', limit: 10 })
    expect(d.map((x) => x.date)).toEqual(['2026-03-02', '2026-03-04'])
    expect(d[0]!.distance).toBeCloseTo(0.5 * (0.6 + 0.85 + 5 * 0.05), 12)
    expect(d[1]!.distance).toBeCloseTo(0.5 * (0.1 + 0.35 + 5 * 0.05), 12)
    expect(d[0]).toMatchObject({ text: { dominant: 'HAPPY' }, audio: { dominant: 'SAD' } })
    expect(disagreements(db, { profileId: A, from: '2026-03-01', to: '2026-03-31', limit: 1 })).toHaveLength(1)
    expect(disagreements(db, { profileId: A, from: '2026-03-03', to: '2026-03-31', limit: 10, tag: '회사' }).map((x) => x.date)).toEqual(['2026-03-04'])
  })

  it('shows entries from the same day in earlier months and years', () => {
    expect(onThisDay(db, A, '2026-04-04', 12).map((x) => [x.entryDate, x.monthsAgo, x.dominant])).toEqual([
      ['2026-03-04', 1, 'SAD'],
      ['2025-04-04', 12, null]
    ])
    // The 31st exists only in some months; April is skipped, not mistaken for May 1st.
    expect(onThisDay(db, A, '2026-05-31', 12).map((x) => [x.entryDate, x.monthsAgo])).toEqual([['2026-03-31', 2]])
    expect(onThisDay(db, A, '2026-03-04', 12).map((x) => [x.entryDate, x.monthsAgo])).toEqual([['2025-04-04', 11]])
    expect(onThisDay(db, A, '2025-04-04', 12)).toEqual([])
    expect(onThisDay(db, A, '2026-04-04', 1)).toHaveLength(1)
  })
})

describe('trends over the API boundary', () => {
  it('serves the same figures and refuses bad ranges with invalid-input', async () => {
    const api = createHaruApi(service.dispatch)
    const s = await api.trends.summary({ profileId: A, from: '2026-03-01', to: '2026-03-31', bucket: 'week', tag: '#산책' })
    expect(s.totals.days).toBe(2)
    expect(s.source).toBe('text')
    const err = (p: Promise<unknown>) => p.then(() => 'ok', (e: HaruApiError) => `${e.code}: ${e.message}`)
    expect(await err(api.trends.summary({ profileId: A, from: '2026-04-01', to: '2026-03-01' }))).toMatch(/invalid-input: .*`from` is after `to`/)
    expect(await err(api.trends.days({ profileId: A, from: '2020-01-01', to: '2026-03-01' }))).toMatch(/invalid-input: .*limited to 400 days/)
    expect(await err(api.trends.summary({ profileId: A, from: '2026-03-01', to: '2026-03-31', source: 'video' as 'text' }))).toMatch(/invalid-input: .*source/)
    expect(await err(api.trends.summary({ profileId: 999, from: '2026-03-01', to: '2026-03-31' }))).toMatch(/not-found/)
    expect((await api.trends.onThisDay({ profileId: A, date: '2026-04-04' })).length).toBe(2)
    expect((await api.trends.streak({ profileId: A, today: '2026-04-02' })).current).toBe(2)
  })

  it('an entry created after the fact shows up at once (no cache to invalidate)', () => {
    const e = createEntry(db, A, '2026-03-20', '늦게 쓴 일기').id
    analyse(db, { entryId: e }, 'text', dist({ SURPRISE: 1 }))
    expect(trendSummary(db, { ...march, profileId: A, bucket: 'month' }).totals.counts.SURPRISE).toBe(1)
  })
})
