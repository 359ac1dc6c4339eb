import { HaruApiError } from '../../shared/api/errors'
import type { VoiceMemo } from '../../shared/api/memos-schemas'
import type { Db } from '../db/open'

interface MemoRow {
  id: number
  entry_id: number
  entry_date: string
  profile_id: number
  file_path: string
  duration_sec: number
  sample_rate: number
  transcript: string | null
  created_at: string
}

const SELECT = `SELECT vm.*, e.entry_date, e.profile_id FROM voice_memos vm JOIN entries e ON e.id = vm.entry_id`

const toMemo = (r: MemoRow): VoiceMemo => ({
  id: r.id,
  entryId: r.entry_id,
  entryDate: r.entry_date,
  filePath: r.file_path,
  durationSec: r.duration_sec,
  sampleRate: r.sample_rate,
  transcript: r.transcript,
  createdAt: r.created_at
})

export function getMemo(db: Db, id: number): VoiceMemo & { profileId: number } {
  const row = db.prepare(`${SELECT} WHERE vm.id = ?`).get(id) as MemoRow | undefined
  if (!row) throw new HaruApiError('not-found', `no voice memo with id ${id}`)
  return { ...toMemo(row), profileId: row.profile_id }
}

export function listMemos(db: Db, entryId: number): VoiceMemo[] {
  return (db.prepare(`${SELECT} WHERE vm.entry_id = ? ORDER BY vm.created_at, vm.id`).all(entryId) as MemoRow[]).map(toMemo)
}

/** The day's entry, created with no text when the memo is the first thing recorded that day. */
export function entryForDay(db: Db, profileId: number, entryDate: string): number {
  const existing = db.prepare('SELECT id FROM entries WHERE profile_id = ? AND entry_date = ?').get(profileId, entryDate) as { id: number } | undefined
  if (existing) return existing.id
  const now = new Date().toISOString()
  return (db.prepare("INSERT INTO entries (profile_id, entry_date, text, created_at, updated_at) VALUES (?, ?, '', ?, ?) RETURNING id").get(profileId, entryDate, now, now) as { id: number }).id
}

/** The memo stored with this WAV, if any (a file belongs to at most one memo). */
export function memoByFilePath(db: Db, filePath: string): VoiceMemo | null {
  const row = db.prepare(`${SELECT} WHERE vm.file_path = ?`).get(filePath) as MemoRow | undefined
  return row ? toMemo(row) : null
}

export function insertMemo(db: Db, memo: { profileId: number; entryDate: string; filePath: string; durationSec: number; sampleRate: number }): VoiceMemo {
  return db.transaction(() => {
    // Two memos on one WAV would share its fate: deleting either would delete the other's audio.
    if (memoByFilePath(db, memo.filePath)) throw new HaruApiError('conflict', `${memo.filePath} already belongs to a memo`)
    const entryId = entryForDay(db, memo.profileId, memo.entryDate)
    const { id } = db
      .prepare('INSERT INTO voice_memos (entry_id, file_path, duration_sec, sample_rate, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id')
      .get(entryId, memo.filePath, memo.durationSec, memo.sampleRate, new Date().toISOString()) as { id: number }
    const { profileId: _owner, ...stored } = getMemo(db, id)
    return stored
  })()
}

export function setTranscript(db: Db, id: number, transcript: string | null): void {
  if (db.prepare('UPDATE voice_memos SET transcript = ? WHERE id = ?').run(transcript, id).changes === 0) {
    throw new HaruApiError('not-found', `no voice memo with id ${id}`)
  }
}

/** Every recording's file path (memos, and calibration takes an older import may have put anywhere): what the recovery sweep must never remove. */
export function recordingFilePaths(db: Db): Set<string> {
  return new Set(db.prepare('SELECT file_path FROM voice_memos UNION SELECT file_path FROM calibration_takes').pluck().all() as string[])
}

/** File paths (relative to the data folder) of every memo of an entry, for deleting them with it. */
export function memoFilesOfEntry(db: Db, entryId: number): string[] {
  return (db.prepare('SELECT file_path FROM voice_memos WHERE entry_id = ?').all(entryId) as { file_path: string }[]).map((r) => r.file_path)
}

export function deleteMemoRow(db: Db, id: number): string {
  const memo = getMemo(db, id)
  db.prepare('DELETE FROM voice_memos WHERE id = ?').run(id)
  return memo.filePath
}
