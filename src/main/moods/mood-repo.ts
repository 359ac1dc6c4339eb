import type { DayMood } from '../../shared/api/moods-schemas'
import type { CanonicalEmotion } from '../../shared/emotions'
import type { Db } from '../db/open'
import { entryForDay } from '../memos/memo-repo'
import { getProfile } from '../repos/profiles'

/**
 * The day's mood check-in (`day_moods`, migration 0008): one per profile and day, stored against
 * the day's entry. A check-in on a day with nothing written yet creates that entry with no text,
 * exactly as a first voice memo does, so the day exists in History, the calendar and the streak.
 * Its `self` row in the trend tables follows by trigger.
 */

interface MoodRow {
  entry_id: number
  profile_id: number
  entry_date: string
  emotion: CanonicalEmotion
  word: string | null
  intensity: number | null
  created_at: string
  updated_at: string
}

const SELECT = 'SELECT m.*, e.profile_id, e.entry_date FROM day_moods m JOIN entries e ON e.id = m.entry_id'

const toMood = (r: MoodRow): DayMood => ({
  entryId: r.entry_id,
  profileId: r.profile_id,
  date: r.entry_date,
  emotion: r.emotion,
  word: r.word,
  intensity: r.intensity,
  createdAt: r.created_at,
  updatedAt: r.updated_at
})

export interface MoodInput {
  profileId: number
  date: string
  emotion: CanonicalEmotion
  word: string | null
  intensity: number | null
}

export function setMood(db: Db, m: MoodInput): DayMood {
  getProfile(db, m.profileId)
  return db.transaction(() => {
    const entryId = entryForDay(db, m.profileId, m.date)
    const now = new Date().toISOString()
    db.prepare(
      `INSERT INTO day_moods (entry_id, emotion, word, intensity, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (entry_id) DO UPDATE SET emotion = excluded.emotion, word = excluded.word, intensity = excluded.intensity, updated_at = excluded.updated_at`
    ).run(entryId, m.emotion, m.word?.normalize('NFC') ?? null, m.intensity, now, now)
    return moodOfEntry(db, entryId)!
  })()
}

export function moodOfEntry(db: Db, entryId: number): DayMood | null {
  const row = db.prepare(`${SELECT} WHERE m.entry_id = ?`).get(entryId) as MoodRow | undefined
  return row ? toMood(row) : null
}

export function getMood(db: Db, profileId: number, date: string): DayMood | null {
  getProfile(db, profileId)
  const row = db.prepare(`${SELECT} WHERE e.profile_id = ? AND e.entry_date = ?`).get(profileId, date) as MoodRow | undefined
  return row ? toMood(row) : null
}

/** Removes the day's check-in; the entry stays (it may hold words, memos or tags). */
export function clearMood(db: Db, profileId: number, date: string): boolean {
  getProfile(db, profileId)
  return (
    db.prepare('DELETE FROM day_moods WHERE entry_id = (SELECT id FROM entries WHERE profile_id = ? AND entry_date = ?)').run(profileId, date).changes > 0
  )
}

export function listMoods(db: Db, q: { profileId: number; from: string; to: string; tag?: string | undefined }): DayMood[] {
  getProfile(db, q.profileId)
  return (
    db
      .prepare(
        `${SELECT} WHERE e.profile_id = @profileId AND e.entry_date BETWEEN @from AND @to
           AND (@tag IS NULL OR e.id IN (SELECT entry_id FROM entry_tags WHERE tag = @tag))
         ORDER BY e.entry_date`
      )
      .all({ profileId: q.profileId, from: q.from, to: q.to, tag: q.tag ?? null }) as MoodRow[]
  ).map(toMood)
}
