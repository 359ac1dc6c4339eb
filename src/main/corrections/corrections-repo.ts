import type { Correction } from '../../shared/api/moods-schemas'
import { HaruApiError } from '../../shared/api/errors'
import type { CanonicalEmotion } from '../../shared/emotions'
import type { Db } from '../db/open'
import { getProfile } from '../repos/profiles'
import type { SentenceCorrection } from './apply'

/** Rows of `reading_corrections` (migration 0008): a sentence of an entry, or a voice memo's whole result. */

interface CorrectionRow {
  id: number
  entry_id: number | null
  memo_id: number | null
  sentence: string | null
  sentence_hash: string | null
  start_offset: number | null
  end_offset: number | null
  emotion: CanonicalEmotion
  model_emotion: CanonicalEmotion | null
  created_at: string
  profile_id: number
  entry_date: string
}

// The owning entry either directly (a sentence) or through the memo.
const SELECT = `SELECT c.*, e.profile_id, e.entry_date FROM reading_corrections c
  JOIN entries e ON e.id = coalesce(c.entry_id, (SELECT vm.entry_id FROM voice_memos vm WHERE vm.id = c.memo_id))`

const toCorrection = (r: CorrectionRow): Correction => ({
  id: r.id,
  profileId: r.profile_id,
  date: r.entry_date,
  kind: r.memo_id === null ? 'sentence' : 'memo',
  entryId: r.entry_id,
  memoId: r.memo_id,
  sentence: r.sentence,
  start: r.start_offset,
  end: r.end_offset,
  emotion: r.emotion,
  modelEmotion: r.model_emotion,
  createdAt: r.created_at
})

export function getCorrection(db: Db, id: number): Correction {
  const row = db.prepare(`${SELECT} WHERE c.id = ?`).get(id) as CorrectionRow | undefined
  if (!row) throw new HaruApiError('not-found', `no correction with id ${id}`)
  return toCorrection(row)
}

/** An entry's sentence corrections, oldest first (the order anchors are claimed in). */
export function sentenceCorrectionsOf(db: Db, entryId: number): SentenceCorrection[] {
  return (
    db
      .prepare('SELECT id, sentence_hash, start_offset, end_offset, emotion FROM reading_corrections WHERE entry_id = ? ORDER BY id')
      .all(entryId) as { id: number; sentence_hash: string; start_offset: number; end_offset: number; emotion: CanonicalEmotion }[]
  ).map((r) => ({ id: r.id, sentenceHash: r.sentence_hash, start: r.start_offset, end: r.end_offset, emotion: r.emotion }))
}

export function memoCorrectionOf(db: Db, memoId: number): { id: number; emotion: CanonicalEmotion } | null {
  return (db.prepare('SELECT id, emotion FROM reading_corrections WHERE memo_id = ?').get(memoId) as { id: number; emotion: CanonicalEmotion } | undefined) ?? null
}

export function insertSentenceCorrection(
  db: Db,
  c: { entryId: number; sentence: string; sentenceHash: string; start: number; end: number; emotion: CanonicalEmotion; modelEmotion: CanonicalEmotion | null }
): number {
  return (
    db
      .prepare(
        `INSERT INTO reading_corrections (entry_id, sentence, sentence_hash, start_offset, end_offset, emotion, model_emotion, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
      )
      .get(c.entryId, c.sentence, c.sentenceHash, c.start, c.end, c.emotion, c.modelEmotion, new Date().toISOString()) as { id: number }
  ).id
}

/** A memo's correction; a second one for the same memo replaces the first. */
export function upsertMemoCorrection(db: Db, c: { memoId: number; emotion: CanonicalEmotion; modelEmotion: CanonicalEmotion | null }): number {
  return db.transaction(() => {
    db.prepare('DELETE FROM reading_corrections WHERE memo_id = ?').run(c.memoId)
    return (
      db
        .prepare('INSERT INTO reading_corrections (memo_id, emotion, model_emotion, created_at) VALUES (?, ?, ?, ?) RETURNING id')
        .get(c.memoId, c.emotion, c.modelEmotion, new Date().toISOString()) as { id: number }
    ).id
  })()
}

export function deleteCorrection(db: Db, id: number): Correction {
  const correction = getCorrection(db, id)
  db.prepare('DELETE FROM reading_corrections WHERE id = ?').run(id)
  return correction
}

/** The anchor followed the sentence to new offsets (the text around it changed). */
export function moveAnchor(db: Db, id: number, start: number, end: number): void {
  db.prepare('UPDATE reading_corrections SET start_offset = ?, end_offset = ? WHERE id = ? AND (start_offset <> ? OR end_offset <> ?)').run(start, end, id, start, end)
}

export function listCorrections(db: Db, q: { profileId: number; from?: string | undefined; to?: string | undefined }): Correction[] {
  getProfile(db, q.profileId)
  return (
    db
      .prepare(`${SELECT} WHERE e.profile_id = @profileId AND (@from IS NULL OR e.entry_date >= @from) AND (@to IS NULL OR e.entry_date <= @to) ORDER BY e.entry_date, c.id`)
      .all({ profileId: q.profileId, from: q.from ?? null, to: q.to ?? null }) as CorrectionRow[]
  ).map(toCorrection)
}

/**
 * At most this many corrections train an adapter (the newest): it keeps a training to seconds and
 * the stored adapter to a few MB however long the diary grows.
 */
export const MAX_TRAINING_CORRECTIONS = 500

/** Everything the profile's adapter learns from: its newest sentence corrections, oldest first. */
export function trainingCorrections(db: Db, profileId: number): { id: number; sentence: string; sentenceHash: string; emotion: CanonicalEmotion }[] {
  return (
    db
      .prepare(
        `SELECT * FROM (SELECT c.id, c.sentence, c.sentence_hash, c.emotion FROM reading_corrections c JOIN entries e ON e.id = c.entry_id
          WHERE e.profile_id = ? ORDER BY c.id DESC LIMIT ?) ORDER BY id`
      )
      .all(profileId, MAX_TRAINING_CORRECTIONS) as { id: number; sentence: string; sentence_hash: string; emotion: CanonicalEmotion }[]
  ).map((r) => ({ id: r.id, sentence: r.sentence, sentenceHash: r.sentence_hash, emotion: r.emotion }))
}
