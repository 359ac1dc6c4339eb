import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { HaruApiError } from '../../../src/shared/api/errors'
import { openDatabase, type Db } from '../../../src/main/db/open'
import { createEntry, deleteEntry, getEntry, getEntryByDate, listEntries, updateEntryText } from '../../../src/main/repos/entries'
import { createProfile, listProfiles } from '../../../src/main/repos/profiles'
import { makeTempDir } from '../../helpers/temp-dir'

let tmp: ReturnType<typeof makeTempDir>
let db: Db
beforeEach(() => {
  tmp = makeTempDir()
  db = openDatabase(tmp.dir)
})
afterEach(() => {
  db.close()
  tmp.cleanup()
})

const KOREAN = '오늘은 친구와 싸워서 속상했다… 그래도 저녁엔 괜찮아졌어! 😢➡️😊 (ㅋㅋ) 한글 자모 ㄱㄴㄷ, 한자 漢字, e\u0301'

describe('repositories', () => {
  it('round-trips Korean text and emoji exactly, byte for byte, after reopening the file', () => {
    const p = createProfile(db, '하루', 'FEMALE')
    const e = createEntry(db, p.id, '2026-11-25', KOREAN)
    db.close()
    db = openDatabase(tmp.dir)
    const back = getEntry(db, e.id)
    expect(back.text).toBe(KOREAN)
    expect(Buffer.from(back.text, 'utf8').equals(Buffer.from(KOREAN, 'utf8'))).toBe(true)
    expect(back.text.normalize('NFC')).toBe(KOREAN.normalize('NFC'))
    expect(listProfiles(db)).toEqual([expect.objectContaining({ name: '하루', gender: 'FEMALE' })])
  })

  it('keeps one entry per profile and day', () => {
    const p = createProfile(db, 'A', 'UNSPECIFIED')
    createEntry(db, p.id, '2026-11-25', 'first')
    expect(() => createEntry(db, p.id, '2026-11-25', 'second')).toThrow(/already an entry for 2026-11-25/)
    const other = createProfile(db, 'B', 'MALE')
    expect(createEntry(db, other.id, '2026-11-25', 'mine').text).toBe('mine')
  })

  it('lists newest day first with previews cut in SQL, filtered by range', () => {
    const p = createProfile(db, 'A', 'UNSPECIFIED')
    createEntry(db, p.id, '2026-01-02', '둘째 날')
    createEntry(db, p.id, '2026-01-01', '가'.repeat(500))
    createEntry(db, p.id, '2026-01-03', '셋째 날')
    const all = listEntries(db, p.id, { limit: 10, offset: 0 })
    expect(all.map((e) => e.entryDate)).toEqual(['2026-01-03', '2026-01-02', '2026-01-01'])
    expect(all[2]!.preview).toBe('가'.repeat(120))
    expect(all[2]!.length).toBe(500)
    expect(listEntries(db, p.id, { from: '2026-01-02', to: '2026-01-02', limit: 10, offset: 0 }).map((e) => e.entryDate)).toEqual(['2026-01-02'])
    expect(listEntries(db, p.id, { limit: 1, offset: 1 }).map((e) => e.entryDate)).toEqual(['2026-01-02'])
  })

  it('updates text and the updated time, and deletes with cascades to memos and analyses', () => {
    const p = createProfile(db, 'A', 'UNSPECIFIED')
    const e = createEntry(db, p.id, '2026-11-25', 'before')
    const u = updateEntryText(db, e.id, 'after')
    expect(u.text).toBe('after')
    expect(u.updatedAt >= e.updatedAt).toBe(true)
    const memo = db
      .prepare("INSERT INTO voice_memos (entry_id, file_path, duration_sec, sample_rate, created_at) VALUES (?, 'm.wav', 1.5, 16000, 'now') RETURNING id")
      .get(e.id) as { id: number }
    db.prepare(
      "INSERT INTO analyses (memo_id, source, model_id, labels_json, probs_json, canonical_json, created_at) VALUES (?, 'audio', 'seed', '[]', '[]', '{}', 'now')"
    ).run(memo.id)
    deleteEntry(db, e.id)
    expect(getEntryByDate(db, p.id, '2026-11-25')).toBeNull()
    expect((db.prepare('SELECT count(*) AS n FROM voice_memos').get() as { n: number }).n).toBe(0)
    expect((db.prepare('SELECT count(*) AS n FROM analyses').get() as { n: number }).n).toBe(0)
  })

  it('reports missing rows as typed not-found errors', () => {
    const err = (() => {
      try {
        getEntry(db, 999)
      } catch (e) {
        return e
      }
    })()
    expect(err).toBeInstanceOf(HaruApiError)
    expect((err as HaruApiError).code).toBe('not-found')
    expect(() => deleteEntry(db, 999)).toThrow(/no entry with id 999/)
    expect(() => updateEntryText(db, 999, 'x')).toThrow(/no entry with id 999/)
  })

  it('enforces the schema: one active baseline per profile, 13-value vectors', () => {
    const p = createProfile(db, 'A', 'UNSPECIFIED')
    const v = JSON.stringify(Array(13).fill(1))
    const insert = db.prepare("INSERT INTO baselines (profile_id, mean_json, std_json, source, is_active, created_at) VALUES (?, ?, ?, 'calibrated', ?, 'now')")
    insert.run(p.id, v, v, 1)
    expect(() => insert.run(p.id, v, v, 1)).toThrow(/UNIQUE/)
    expect(() => insert.run(p.id, JSON.stringify([1, 2]), v, 0)).toThrow(/CHECK/)
  })
})
