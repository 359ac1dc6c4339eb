import Database from 'better-sqlite3-multiple-ciphers'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { migrate } from '../../../src/main/db/migrate'
import { migrations } from '../../../src/main/db/migrations'
import { REBUILD_ANALYSIS_DAILY_SQL } from '../../../src/main/db/migrations/0002_trends_search_tags'
import { DATABASE_FILE_NAME, openDatabase, type Db } from '../../../src/main/db/open'
import { setMood, clearMood } from '../../../src/main/moods/mood-repo'
import { createEntry, deleteEntry } from '../../../src/main/repos/entries'
import { createProfile } from '../../../src/main/repos/profiles'
import { CANONICAL_EMOTIONS, type CanonicalEmotion } from '../../../src/shared/emotions'
import { makeTempDir } from '../../helpers/temp-dir'
import { addMemo, analyse, dist, peaked } from '../trends/seed'

let tmp: ReturnType<typeof makeTempDir>
beforeEach(() => (tmp = makeTempDir()))
afterEach(() => tmp.cleanup())

const rows = (db: Db, table: string, order: string) => db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all()
const daily = (db: Db) => rows(db, 'analysis_daily', 'profile_id, source, entry_date')
const monthly = (db: Db) => rows(db, 'analysis_monthly', 'profile_id, source, month')

/** What `analysis_daily` must hold: the analyses' rows (migration 0002's rule) plus one `self` row per check-in. */
function expectedDaily(db: Db): unknown[] {
  db.exec('CREATE TEMP TABLE expected AS SELECT * FROM analysis_daily WHERE 0')
  db.exec(REBUILD_ANALYSIS_DAILY_SQL.replace('INSERT INTO analysis_daily', 'INSERT INTO temp.expected'))
  db.exec(`INSERT INTO temp.expected SELECT e.profile_id, 'self', e.entry_date, e.id, m.emotion,
      ${CANONICAL_EMOTIONS.map((c) => `CAST(m.emotion = '${c}' AS REAL)`).join(', ')}, 1
      FROM day_moods m JOIN entries e ON e.id = m.entry_id`)
  const out = db.prepare('SELECT * FROM temp.expected ORDER BY profile_id, source, entry_date').all()
  db.exec('DROP TABLE temp.expected')
  return out
}

describe('migration 0008 (check-ins, corrections, adapters)', () => {
  it('carries every trend row of an existing diary over unchanged when it rebuilds analysis_daily', () => {
    const db = new Database(join(tmp.dir, DATABASE_FILE_NAME))
    db.pragma('foreign_keys = ON')
    migrate(db, migrations.slice(0, 5))
    const p = createProfile(db, '지민', 'FEMALE').id
    const days = ['2026-01-30', '2026-01-31', '2026-02-01', '2026-02-14']
    // Written as a diary of migration 5 would hold them (the repo functions know the new columns).
    const raw = db.prepare(
      `INSERT INTO analyses (entry_id, memo_id, source, model_id, labels_json, probs_json, canonical_json, created_at) VALUES (?, ?, ?, 'm', '[]', '[]', ?, ?)`
    )
    days.forEach((d, i) => {
      const e = createEntry(db, p, d, `${d}의 일기`).id
      raw.run(e, null, 'text', JSON.stringify(peaked(CANONICAL_EMOTIONS[i]!)), `${d}T10:00:00Z`)
      const m = addMemo(db, e)
      raw.run(null, m, 'audio', JSON.stringify(dist({ SAD: 0.5, ANGRY: 0.5 })), `${d}T11:00:00Z`)
    })
    const before = { daily: daily(db), monthly: monthly(db) }
    expect(before.daily).toHaveLength(8)
    // Up to 0008, the migration under test (later ones, e.g. 0009, are not about trends).
    expect(migrate(db, migrations.slice(0, 8))).toEqual([6, 7, 8])
    expect(daily(db)).toEqual(before.daily)
    expect(monthly(db)).toEqual(before.monthly)
    // The rebuilt table still answers to the old triggers and to the monthly roll-up's.
    const e = createEntry(db, p, '2026-02-20', '새 일기').id
    analyse(db, { entryId: e }, 'text', peaked('FEAR'))
    expect(db.prepare("SELECT c_fear FROM analysis_monthly WHERE source = 'text' AND month = '2026-02'").pluck().get()).toBe(1)
    expect(daily(db)).toEqual(expectedDaily(db))
    db.close()
  })

  it('keeps the self rows and their monthly roll-up exact through check-ins, changes, clears and deletions', () => {
    const db = openDatabase(tmp.dir)
    const p = createProfile(db, '지민', 'FEMALE').id
    const q = createProfile(db, '하늘', 'MALE').id
    let seed = 7
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647)
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
    const dates = Array.from({ length: 40 }, (_, i) => `2026-0${1 + (i % 3)}-${String(1 + ((i * 7) % 28)).padStart(2, '0')}`)
    for (let step = 0; step < 300; step++) {
      const profile = pick([p, q])
      const date = pick(dates)
      const action = random()
      if (action < 0.6) setMood(db, { profileId: profile, date, emotion: pick(CANONICAL_EMOTIONS) as CanonicalEmotion, word: null, intensity: pick([null, 1, 3, 5]) })
      else if (action < 0.75) clearMood(db, profile, date)
      else if (action < 0.85) {
        const id = db.prepare('SELECT id FROM entries WHERE profile_id = ? AND entry_date = ?').pluck().get(profile, date) as number | undefined
        if (id) deleteEntry(db, id)
      } else if (action < 0.95) {
        const id = db.prepare('SELECT id FROM entries WHERE profile_id = ? AND entry_date = ?').pluck().get(profile, date) as number | undefined
        if (id) analyse(db, { entryId: id }, 'text', peaked(pick(CANONICAL_EMOTIONS)))
      } else {
        // A day moved to a free date takes its check-in with it.
        const id = db.prepare('SELECT id FROM entries WHERE profile_id = ? AND entry_date = ?').pluck().get(profile, date) as number | undefined
        const free = dates.find((d) => !db.prepare('SELECT 1 FROM entries WHERE profile_id = ? AND entry_date = ?').get(profile, d))
        if (id && free) db.prepare('UPDATE entries SET entry_date = ? WHERE id = ?').run(free, id)
      }
    }
    expect((db.prepare("SELECT count(*) FROM analysis_daily WHERE source = 'self'").pluck().get() as number)).toBeGreaterThan(10)
    expect(daily(db)).toEqual(expectedDaily(db))
    const rollup = db
      .prepare(
        `SELECT profile_id, source, substr(entry_date, 1, 7) AS month, count(*) AS days, ${CANONICAL_EMOTIONS.map((e) => `sum(dominant = '${e}') AS c_${e.toLowerCase()}`).join(', ')},
                ${CANONICAL_EMOTIONS.map((e) => `sum(p_${e.toLowerCase()}) AS s_${e.toLowerCase()}`).join(', ')}
           FROM analysis_daily GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`
      )
      .all()
    expect(monthly(db)).toEqual(rollup)
    db.close()
  })

  it('refuses a self row that is not a check-in of the canonical emotions, and a correction without an anchor', () => {
    const db = openDatabase(tmp.dir)
    const p = createProfile(db, '지민', 'FEMALE').id
    const e = createEntry(db, p, '2026-03-01', '좋았다.').id
    expect(() => db.prepare("INSERT INTO day_moods (entry_id, emotion, created_at, updated_at) VALUES (?, 'JOY', 'x', 'x')").run(e)).toThrow(/CHECK/)
    expect(() => db.prepare("INSERT INTO day_moods (entry_id, emotion, intensity, created_at, updated_at) VALUES (?, 'HAPPY', 6, 'x', 'x')").run(e)).toThrow(/CHECK/)
    expect(() => db.prepare("INSERT INTO reading_corrections (entry_id, emotion, created_at) VALUES (?, 'SAD', 'x')").run(e)).toThrow(/CHECK/)
    db.close()
  })

  it("removes a sentence's correction when an edit takes the sentence out of the entry, and keeps it while the sentence stays", () => {
    const db = openDatabase(tmp.dir)
    const p = createProfile(db, '지민', 'FEMALE').id
    const e = createEntry(db, p, '2026-03-01', '아침은 좋았다. 저녁은 별로였다.').id
    db.prepare("INSERT INTO reading_corrections (entry_id, sentence, sentence_hash, start_offset, end_offset, emotion, created_at) VALUES (?, '저녁은 별로였다.', ?, 9, 18, 'SAD', 'x')").run(e, 'a'.repeat(64))
    db.prepare('UPDATE entries SET text = ? WHERE id = ?').run('새벽엔 잠이 안 왔다. 아침은 좋았다. 저녁은 별로였다.', e)
    expect(db.prepare('SELECT count(*) FROM reading_corrections').pluck().get()).toBe(1)
    db.prepare('UPDATE entries SET text = ? WHERE id = ?').run('아침은 좋았다.', e)
    expect(db.prepare('SELECT count(*) FROM reading_corrections').pluck().get()).toBe(0)
    db.close()
  })
})
