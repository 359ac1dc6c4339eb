import { mkdtempSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openHaruService, type HaruService } from '../../../src/main/api/service'
import { exportMarkdown } from '../../../src/main/export/export-markdown'
import { createEntry } from '../../../src/main/repos/entries'
import { createProfile } from '../../../src/main/repos/profiles'
import { searchEntries } from '../../../src/main/repos/search'
import { setEntryTags } from '../../../src/main/repos/tags'
import { trendDays } from '../../../src/main/repos/trends'
import { createHaruApi } from '../../../src/shared/api/client'
import { CANONICAL_EMOTIONS, type CanonicalDistribution } from '../../../src/shared/emotions'
import { combineDay, pickDaySource } from '../../../src/shared/trends/day-emotion'
import { rng } from '../calibration/signals'
import { makeTempDir } from '../../helpers/temp-dir'
import { addMemo, analyse, dailyRows, dist, peaked } from './seed'

/**
 * Issue 11 item 8, "one day, one answer": the Today page said 놀람 29 % (the entry's own words)
 * while the calendar, search and the Markdown export said 화남 (the day: the entry and its memo's
 * transcript averaged). One shared function now states the day, with what it combined.
 */
let tmp: ReturnType<typeof makeTempDir>
let service: HaruService
let api: ReturnType<typeof createHaruApi>
let A: number

beforeEach(() => {
  tmp = makeTempDir()
  service = openHaruService({ dataDir: tmp.dir, appVersion: 't', transport: 'web' })
  api = createHaruApi(service.dispatch)
  A = createProfile(service.db, '지민', 'FEMALE').id
})
afterEach(() => {
  service.close()
  tmp.cleanup()
})

const SURPRISED_WORDS = dist({ SURPRISE: 0.29, ANGRY: 0.28, HAPPY: 0.2, SAD: 0.13, FEAR: 0.1 })
const ANGRY_TRANSCRIPT = dist({ ANGRY: 0.9, SAD: 0.1 })

function reportedDay() {
  const db = service.db
  const entry = createEntry(db, A, '2026-09-14', '발표 때문에 깜짝 놀랐다.').id
  analyse(db, { entryId: entry }, 'text', SURPRISED_WORDS)
  const memo = addMemo(db, entry, { transcript: '너무 화가 났다' })
  analyse(db, { memoId: memo }, 'text', ANGRY_TRANSCRIPT)
  analyse(db, { memoId: memo }, 'audio', peaked('HAPPY'))
  setEntryTags(db, entry, ['발표'])
  return { entry, memo }
}

describe('the day emotion rule (one shared function)', () => {
  it('equals analysis_daily on random days (entry and memos, several sources, stale analyses)', async () => {
    const rand = rng(7)
    const randomDist = (): CanonicalDistribution =>
      Object.fromEntries(CANONICAL_EMOTIONS.map((e) => [e, Math.round(rand() * 100) / 100 + 0.001])) as CanonicalDistribution
    const db = service.db
    for (let d = 1; d <= 28; d++) {
      const id = createEntry(db, A, `2026-02-${String(d).padStart(2, '0')}`, `날 ${d}`).id
      if (rand() < 0.7) analyse(db, { entryId: id }, 'text', randomDist())
      const memos = Math.floor(rand() * 3)
      for (let m = 0; m < memos; m++) {
        const memo = addMemo(db, id)
        for (const source of ['text', 'audio', 'fused'] as const) {
          if (rand() < 0.6) {
            analyse(db, { memoId: memo }, source, randomDist())
            if (rand() < 0.3) analyse(db, { memoId: memo }, source, randomDist(), '2000-01-01T00:00:00.000Z') // older: ignored
          }
        }
      }
    }
    const rows = dailyRows(db)
    expect(rows.length).toBeGreaterThan(20)
    for (const r of rows) {
      const detail = (await api.entries.day({ entryId: r.entry_id }))!
      const source = detail.sources.find((s) => s.source === r.source)!
      expect(source.dominant, `${r.entry_date} ${r.source}`).toBe(r.dominant)
      expect(source.parts.length).toBe(r.analyses)
      for (const e of CANONICAL_EMOTIONS) expect(source.probs[e]).toBeCloseTo(r[`p_${e.toLowerCase()}`] as number, 9)
      // The same function over the parts gives the same answer.
      expect(combineDay(source.parts.map((p) => p.probs))!.dominant).toBe(r.dominant)
    }
  })

  it('reads the day from the words (entry and transcripts) first, then the voice', () => {
    expect(pickDaySource(['audio', 'text', 'fused'])).toBe('text')
    expect(pickDaySource(['fused', 'audio'])).toBe('audio')
    expect(pickDaySource(['audio'])).toBe('audio')
    expect(pickDaySource([])).toBeNull()
    expect(combineDay([])).toBeNull()
    // Ties go to the earlier emotion in canonical order, as dominantEmotion does.
    expect(combineDay([dist({ SAD: 0.5, HAPPY: 0.5 })])!.dominant).toBe('SAD')
  })

  it('gives the reported day one answer: the Today API, the History list, search, the calendar and Markdown', async () => {
    const { entry, memo } = reportedDay()
    const day = (await api.entries.day({ entryId: entry }))!
    expect(day.headline).toMatchObject({ source: 'text', dominant: 'ANGRY' })
    expect(day.headline!.share).toBeCloseTo((0.28 + 0.9) / 2, 9)
    const words = day.sources.find((s) => s.source === 'text')!
    expect(words.parts).toEqual([
      { kind: 'entry', memoId: null, probs: expect.objectContaining({ SURPRISE: 0.29 }) },
      { kind: 'memo', memoId: memo, probs: expect.objectContaining({ ANGRY: 0.9 }) }
    ])
    expect(day.sources.map((s) => s.source)).toEqual(['text', 'audio'])

    const [listed] = await api.entries.list({ profileId: A })
    expect(listed!.emotion).toEqual({ source: 'text', dominant: 'ANGRY', share: day.headline!.share })
    expect(listed!.memos).toBe(1)
    expect(listed!.tags).toEqual(['발표'])
    expect(searchEntries(service.db, { profileId: A, query: '놀랐', source: 'text', limit: 5, offset: 0 }).hits[0]!.dominant).toBe('ANGRY')
    expect(trendDays(service.db, { profileId: A, from: '2026-09-01', to: '2026-09-30', source: 'text' })[0]!.dominant).toBe('ANGRY')

    const out = join(mkdtempSync(join(tmp.dir, 'md-')), 'md')
    exportMarkdown(service.db, out)
    const md = readFileSync(join(out, '지민', '2026-09.md'), 'utf8')
    expect(md).toContain(`- 이날의 감정 · the day: 화남 (Angry) ${Math.round(day.headline!.share * 100)}% — 글 · words (일기와 받아쓰기 1개 · entry and 1 transcript)`)
  })

  it('says there is no day emotion for a day nothing analysed', async () => {
    const e = createEntry(service.db, A, '2026-09-15', '아직').id
    expect(await api.entries.day({ entryId: e })).toEqual({ entryId: e, entryDate: '2026-09-15', headline: null, sources: [] })
    expect((await api.entries.list({ profileId: A }))[0]).toMatchObject({ emotion: null, memos: 0, tags: [] })
  })
})

describe('History by month', () => {
  it('lists the months that have entries, newest first, with counts (and by tag)', async () => {
    const db = service.db
    for (const d of ['2026-07-30', '2026-08-01', '2026-08-02', '2026-09-14']) createEntry(db, A, d, `${d}의 일기`)
    setEntryTags(db, db.prepare("SELECT id FROM entries WHERE entry_date = '2026-08-02'").pluck().get() as number, ['산책'])
    expect(await api.entries.months({ profileId: A })).toEqual([
      { month: '2026-09', count: 1 },
      { month: '2026-08', count: 2 },
      { month: '2026-07', count: 1 }
    ])
    expect(await api.entries.months({ profileId: A, tag: '산책' })).toEqual([{ month: '2026-08', count: 1 }])
    const august = await api.entries.list({ profileId: A, from: '2026-08-01', to: '2026-08-31' })
    expect(august.map((e) => e.entryDate)).toEqual(['2026-08-02', '2026-08-01'])
    const tagged = await api.tags.entries({ profileId: A, tag: '산책' })
    expect(tagged[0]).toMatchObject({ entryDate: '2026-08-02', tags: ['산책'], memos: 0, emotion: null })
  })
})

describe('clearing an entry (issue 11 item 5)', () => {
  it('clears the text of a day that keeps its voice memos: no old words in search, trends or the entry', async () => {
    const { entry, memo } = reportedDay()
    const cleared = await api.entries.clearText({ id: entry })
    expect(cleared.text).toBe('')
    expect((await api.entries.get({ id: entry })).text).toBe('')
    expect(searchEntries(service.db, { profileId: A, query: '놀랐', source: 'text', limit: 5, offset: 0 }).total).toBe(0)
    // The entry's own text analysis is gone; the memo's stays, so the day is now the transcript alone.
    expect(await api.analysis.storedEntryText({ entryId: entry })).toBeNull()
    const day = (await api.entries.day({ entryId: entry }))!
    expect(day.sources.find((s) => s.source === 'text')!.parts).toEqual([{ kind: 'memo', memoId: memo, probs: expect.objectContaining({ ANGRY: 0.9 }) }])
    expect((await api.entries.list({ profileId: A }))[0]).toMatchObject({ preview: '', length: 0, memos: 1 })
  })
})
