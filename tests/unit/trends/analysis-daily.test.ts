import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../../src/main/db/open'
import { REBUILD_ANALYSIS_DAILY_SQL } from '../../../src/main/db/migrations/0002_trends_search_tags'
import { currentAnalysis, insertAnalysis } from '../../../src/main/repos/analyses'
import { createEntry, deleteEntry } from '../../../src/main/repos/entries'
import { createProfile } from '../../../src/main/repos/profiles'
import { CANONICAL_EMOTIONS, dominantEmotion, type CanonicalEmotion } from '../../../src/shared/emotions'
import { HaruApiError } from '../../../src/shared/api/errors'
import { makeTempDir } from '../../helpers/temp-dir'
import { addMemo, analyse, dailyRows, dist, peaked, tick } from './seed'

let tmp: ReturnType<typeof makeTempDir>
let db: Db
let profileId: number
beforeEach(() => {
  tmp = makeTempDir()
  db = openDatabase(tmp.dir)
  profileId = createProfile(db, '지민', 'FEMALE').id
})
afterEach(() => {
  db.close()
  tmp.cleanup()
})

const row = (entryId: number, source: string) =>
  db.prepare('SELECT * FROM analysis_daily WHERE entry_id = ? AND source = ?').get(entryId, source) as Record<string, number | string> | undefined

describe('analysis_daily (kept by triggers)', () => {
  it('stores the dominant emotion and the distribution of a single text analysis', () => {
    const e = createEntry(db, profileId, '2026-03-04', '좋은 날').id
    analyse(db, { entryId: e }, 'text', dist({ HAPPY: 0.6, SAD: 0.3, NEUTRAL: 0.1 }))
    expect(row(e, 'text')).toMatchObject({ profile_id: profileId, entry_date: '2026-03-04', dominant: 'HAPPY', p_happy: 0.6, p_sad: 0.3, p_neutral: 0.1, p_angry: 0, analyses: 1 })
    expect(row(e, 'audio')).toBeUndefined()
  })

  it('uses only the newest analysis of a target (by created_at, then id)', () => {
    const e = createEntry(db, profileId, '2026-03-04', '날').id
    analyse(db, { entryId: e }, 'text', peaked('SAD'), '2026-03-04T10:00:00.000Z')
    analyse(db, { entryId: e }, 'text', peaked('HAPPY'), '2026-03-04T12:00:00.000Z')
    // Inserted later but older: must not become current.
    analyse(db, { entryId: e }, 'text', peaked('FEAR'), '2026-03-04T11:00:00.000Z')
    expect(row(e, 'text')).toMatchObject({ dominant: 'HAPPY', analyses: 1 })
    // Same timestamp: the higher id wins.
    analyse(db, { entryId: e }, 'text', peaked('ANGRY'), '2026-03-04T12:00:00.000Z')
    expect(row(e, 'text')?.dominant).toBe('ANGRY')
    expect(currentAnalysis(db, { entryId: e }, 'text')?.canonical.ANGRY).toBeCloseTo(0.7)
  })

  it('averages the entry and each memo with equal weight (hand-computed)', () => {
    const e = createEntry(db, profileId, '2026-03-05', '날').id
    const m1 = addMemo(db, e)
    const m2 = addMemo(db, e)
    analyse(db, { memoId: m1 }, 'audio', dist({ SAD: 0.8, NEUTRAL: 0.2 }))
    analyse(db, { memoId: m2 }, 'audio', dist({ SAD: 0.1, ANGRY: 0.5, NEUTRAL: 0.4 }))
    // An older analysis of m2 does not count.
    analyse(db, { memoId: m2 }, 'audio', dist({ HAPPY: 1 }), '2000-01-01T00:00:00.000Z')
    const r = row(e, 'audio')!
    expect(r.analyses).toBe(2)
    expect(r.p_sad).toBeCloseTo(0.45)
    expect(r.p_angry).toBeCloseTo(0.25)
    expect(r.p_neutral).toBeCloseTo(0.3)
    expect(r.p_happy).toBe(0)
    expect(r.dominant).toBe('SAD')
    // A fused analysis on the entry and one on a memo: averaged too.
    analyse(db, { entryId: e }, 'fused', dist({ HAPPY: 0.9, SAD: 0.1 }))
    analyse(db, { memoId: m1 }, 'fused', dist({ HAPPY: 0.1, SAD: 0.9 }))
    // 0.5 / 0.5: a tie goes to the emotion that comes first in canonical order (SAD before HAPPY).
    expect(row(e, 'fused')).toMatchObject({ analyses: 2, dominant: 'SAD', p_happy: 0.5, p_sad: 0.5 })
  })

  it('breaks ties like dominantEmotion: the earlier emotion in canonical order', () => {
    const e = createEntry(db, profileId, '2026-03-06', '날').id
    const tie = dist({ HAPPY: 0.5, SAD: 0.5 })
    analyse(db, { entryId: e }, 'text', tie)
    expect(dominantEmotion(tie)).toBe('SAD')
    expect(row(e, 'text')?.dominant).toBe('SAD')
  })

  it('follows deletes of analyses, memos and entries', () => {
    const e = createEntry(db, profileId, '2026-03-07', '날').id
    const m = addMemo(db, e)
    const a1 = analyse(db, { entryId: e }, 'audio', dist({ HAPPY: 1 }))
    analyse(db, { memoId: m }, 'audio', dist({ SAD: 1 }))
    expect(row(e, 'audio')).toMatchObject({ analyses: 2, p_happy: 0.5, p_sad: 0.5 })
    db.prepare('DELETE FROM voice_memos WHERE id = ?').run(m)
    expect(row(e, 'audio')).toMatchObject({ analyses: 1, p_happy: 1, p_sad: 0, dominant: 'HAPPY' })
    db.prepare('DELETE FROM analyses WHERE id = ?').run(a1.id)
    expect(row(e, 'audio')).toBeUndefined()
    analyse(db, { entryId: e }, 'text', peaked('FEAR'))
    deleteEntry(db, e)
    expect(dailyRows(db)).toEqual([])
  })

  it('ignores stored rows whose canonical JSON is empty or not a distribution', () => {
    const e = createEntry(db, profileId, '2026-03-08', '날').id
    const m = addMemo(db, e)
    const raw = db.prepare("INSERT INTO analyses (memo_id, source, model_id, labels_json, probs_json, canonical_json, created_at) VALUES (?, 'audio', 'x', '[]', '[]', ?, ?)")
    raw.run(m, '{}', tick())
    raw.run(m, 'not json', tick())
    raw.run(m, '[1,2]', tick())
    expect(row(e, 'audio')).toBeUndefined()
    analyse(db, { memoId: m }, 'audio', peaked('SURPRISE'), '1999-01-01T00:00:00.000Z')
    // The older valid analysis is the newest *valid* one, so it is used.
    expect(row(e, 'audio')?.dominant).toBe('SURPRISE')
  })

  it('refuses malformed analyses through insertAnalysis with typed errors', () => {
    const e = createEntry(db, profileId, '2026-03-09', '날').id
    const base = { source: 'text' as const, modelId: 'm', labels: ['a'], probs: [1], canonical: peaked('HAPPY') }
    const codeOf = (fn: () => unknown) => {
      try {
        fn()
      } catch (err) {
        return err instanceof HaruApiError ? `${err.code}: ${err.message}` : String(err)
      }
      return 'ok'
    }
    expect(codeOf(() => insertAnalysis(db, { ...base }))).toMatch(/invalid-input: .*exactly one of entryId and memoId/)
    expect(codeOf(() => insertAnalysis(db, { ...base, entryId: e, memoId: 1 }))).toMatch(/exactly one/)
    expect(codeOf(() => insertAnalysis(db, { ...base, entryId: e, probs: [0.5, 0.5] }))).toMatch(/1 labels but 2 probabilities/)
    expect(codeOf(() => insertAnalysis(db, { ...base, entryId: e, canonical: dist({}) }))).toMatch(/all zeros/)
    expect(codeOf(() => insertAnalysis(db, { ...base, entryId: e, canonical: { ...dist({}), HAPPY: Number.NaN } }))).toMatch(/HAPPY must be/)
    expect(codeOf(() => insertAnalysis(db, { ...base, entryId: 999 }))).toMatch(/not-found: .*no entry 999/)
    expect(codeOf(() => insertAnalysis(db, { ...base, entryId: e }))).toBe('ok')
  })

  it('equals a full recomputation after a random history of writes and deletes', () => {
    let seed = 42
    const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32)
    const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!
    const entries: number[] = []
    const memos: number[] = []
    for (let i = 1; i <= 28; i++) entries.push(createEntry(db, profileId, `2026-04-${String(i).padStart(2, '0')}`, `e${i}`).id)
    for (let i = 0; i < 300; i++) {
      const r = rand()
      if (r < 0.15) memos.push(addMemo(db, pick(entries)))
      else if (r < 0.75) {
        const target = rand() < 0.5 || memos.length === 0 ? { entryId: pick(entries) } : { memoId: pick(memos) }
        const probs = dist(Object.fromEntries(CANONICAL_EMOTIONS.map((e) => [e, Math.round(rand() * 100) / 100])) as Record<CanonicalEmotion, number>)
        probs.NEUTRAL += 0.01
        // Coarse timestamps so ties (resolved by id) happen.
        analyse(db, target, pick(['text', 'audio', 'fused'] as const), probs, `2026-05-01T00:00:0${Math.floor(rand() * 10)}.000Z`)
      } else if (r < 0.9) {
        const id = (db.prepare('SELECT id FROM analyses ORDER BY random() LIMIT 1').get() as { id: number } | undefined)?.id
        if (id) db.prepare('DELETE FROM analyses WHERE id = ?').run(id)
      } else if (r < 0.95 && memos.length > 0) {
        db.prepare('DELETE FROM voice_memos WHERE id = ?').run(memos.splice(Math.floor(rand() * memos.length), 1)[0])
      } else if (entries.length > 5) {
        const gone = entries.splice(Math.floor(rand() * entries.length), 1)[0]!
        deleteEntry(db, gone)
        for (const m of [...memos]) if (!(db.prepare('SELECT 1 FROM voice_memos WHERE id = ?').get(m))) memos.splice(memos.indexOf(m), 1)
      }
    }
    // The monthly roll-up (migration 0005) equals a fresh grouping of the daily rows.
    const monthly = db.prepare('SELECT * FROM analysis_monthly ORDER BY profile_id, source, month').all() as Record<string, number | string>[]
    const grouped = db
      .prepare(
        `SELECT profile_id, source, substr(entry_date, 1, 7) AS month, count(*) AS days,
                ${CANONICAL_EMOTIONS.map((e) => `sum(dominant = '${e}') AS c_${e.toLowerCase()}, sum(p_${e.toLowerCase()}) AS s_${e.toLowerCase()}`).join(', ')}
           FROM analysis_daily GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`
      )
      .all() as Record<string, number | string>[]
    expect(monthly.length).toBeGreaterThan(1)
    expect(monthly.map((m) => Object.keys(m).sort().map((k) => (k.startsWith('s_') ? Number(m[k]).toFixed(12) : m[k])))).toEqual(
      grouped.map((m) => Object.keys(m).sort().map((k) => (k.startsWith('s_') ? Number(m[k]).toFixed(12) : m[k])))
    )
    const maintained = dailyRows(db)
    expect(maintained.length).toBeGreaterThan(10)
    db.exec('DELETE FROM analysis_daily')
    db.exec(REBUILD_ANALYSIS_DAILY_SQL)
    const rebuilt = dailyRows(db)
    expect(rebuilt.map((r) => [r.entry_id, r.source, r.dominant, r.analyses])).toEqual(maintained.map((r) => [r.entry_id, r.source, r.dominant, r.analyses]))
    rebuilt.forEach((r, i) => {
      for (const e of CANONICAL_EMOTIONS) expect(r[`p_${e.toLowerCase()}`]).toBeCloseTo(maintained[i]![`p_${e.toLowerCase()}`] as number, 12)
    })
  })
})
