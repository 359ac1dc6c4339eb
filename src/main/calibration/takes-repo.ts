import type { FrameStats } from '../../shared/calibration/frame-stats'
import type { TakeMetrics } from '../../shared/calibration/take-quality'
import type { Db } from '../db/open'

export interface StoredTake {
  id: number
  profileId: number
  sessionId: string
  sentenceIndex: number | null
  filePath: string
  sampleRate: number
  durationSec: number
  voicedSec: number
  metrics: TakeMetrics
  stats: FrameStats
  /** False when the session's last baseline left it out as an outlier. */
  accepted: boolean
  distance: number | null
  createdAt: string
}

interface TakeRow {
  id: number
  profile_id: number
  session_id: string
  sentence_index: number | null
  file_path: string
  sample_rate: number
  duration_sec: number
  voiced_sec: number
  metrics_json: string
  stats_json: string
  accepted: 0 | 1
  distance: number | null
  created_at: string
}

const toTake = (r: TakeRow): StoredTake => ({
  id: r.id,
  profileId: r.profile_id,
  sessionId: r.session_id,
  sentenceIndex: r.sentence_index,
  filePath: r.file_path,
  sampleRate: r.sample_rate,
  durationSec: r.duration_sec,
  voicedSec: r.voiced_sec,
  metrics: JSON.parse(r.metrics_json) as TakeMetrics,
  stats: JSON.parse(r.stats_json) as FrameStats,
  accepted: r.accepted === 1,
  distance: r.distance,
  createdAt: r.created_at
})

export type NewTake = Omit<StoredTake, 'id' | 'accepted' | 'distance' | 'createdAt'>

export function insertTake(db: Db, t: NewTake): StoredTake {
  const row = db
    .prepare(
      `INSERT INTO calibration_takes (profile_id, session_id, sentence_index, file_path, sample_rate, duration_sec, voiced_sec, metrics_json, stats_json, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`
    )
    .get(
      t.profileId,
      t.sessionId,
      t.sentenceIndex,
      t.filePath,
      t.sampleRate,
      t.durationSec,
      t.voicedSec,
      JSON.stringify(t.metrics),
      JSON.stringify(t.stats),
      new Date().toISOString()
    ) as TakeRow
  return toTake(row)
}

export function sessionTakes(db: Db, profileId: number, sessionId: string): StoredTake[] {
  return (db.prepare('SELECT * FROM calibration_takes WHERE profile_id = ? AND session_id = ? ORDER BY id').all(profileId, sessionId) as TakeRow[]).map(toTake)
}

/** Whether a baseline was saved from this session (its takes are then kept, not pending). */
export function sessionHasBaseline(db: Db, profileId: number, sessionId: string): boolean {
  return db.prepare('SELECT 1 FROM baselines WHERE profile_id = ? AND session_id = ? LIMIT 1').get(profileId, sessionId) !== undefined
}

/** Takes of sessions no baseline refers to, except `keepSession`: what an abandoned wizard left. */
export function pendingTakes(db: Db, profileId: number, keepSession?: string): StoredTake[] {
  return (
    db
      .prepare(
        `SELECT * FROM calibration_takes t
          WHERE t.profile_id = ? AND t.session_id IS NOT ?
            AND NOT EXISTS (SELECT 1 FROM baselines b WHERE b.profile_id = t.profile_id AND b.session_id = t.session_id)
          ORDER BY t.id`
      )
      .all(profileId, keepSession ?? null) as TakeRow[]
  ).map(toTake)
}

export function updateTakeOutcome(db: Db, takeId: number, outcome: { accepted: boolean; distance: number | null; stats?: FrameStats; metrics?: TakeMetrics; voicedSec?: number }): void {
  db.prepare(
    `UPDATE calibration_takes SET accepted = ?, distance = ?,
       stats_json = coalesce(?, stats_json), metrics_json = coalesce(?, metrics_json), voiced_sec = coalesce(?, voiced_sec)
     WHERE id = ?`
  ).run(
    outcome.accepted ? 1 : 0,
    outcome.distance,
    outcome.stats ? JSON.stringify(outcome.stats) : null,
    outcome.metrics ? JSON.stringify(outcome.metrics) : null,
    outcome.voicedSec ?? null,
    takeId
  )
}

/** Deletes take rows and returns them, so the caller can remove their files. */
export function deleteTakeRows(db: Db, profileId: number, filter: { sessionId?: string; ids?: number[] } = {}): StoredTake[] {
  return db.transaction(() => {
    let takes = filter.sessionId
      ? sessionTakes(db, profileId, filter.sessionId)
      : (db.prepare('SELECT * FROM calibration_takes WHERE profile_id = ? ORDER BY id').all(profileId) as TakeRow[]).map(toTake)
    if (filter.ids) {
      const wanted = new Set(filter.ids)
      takes = takes.filter((t) => wanted.has(t.id))
    }
    const del = db.prepare('DELETE FROM calibration_takes WHERE id = ?')
    for (const t of takes) del.run(t.id)
    return takes
  })()
}

export interface KeptSession {
  sessionId: string
  takes: number
  voicedSec: number
  createdAt: string
  baselineIds: number[]
}

/** Saved calibrations whose recordings are still kept, newest first. */
export function keptSessions(db: Db, profileId: number): KeptSession[] {
  const rows = db
    .prepare(
      `SELECT t.session_id, count(*) AS takes, sum(t.voiced_sec) AS voiced, min(t.created_at) AS created,
              (SELECT json_group_array(b.id) FROM baselines b WHERE b.profile_id = t.profile_id AND b.session_id = t.session_id) AS ids
         FROM calibration_takes t
        WHERE t.profile_id = ?
          AND EXISTS (SELECT 1 FROM baselines b WHERE b.profile_id = t.profile_id AND b.session_id = t.session_id)
        GROUP BY t.session_id
        ORDER BY created DESC`
    )
    .all(profileId) as { session_id: string; takes: number; voiced: number; created: string; ids: string }[]
  return rows.map((r) => ({
    sessionId: r.session_id,
    takes: r.takes,
    voicedSec: r.voiced,
    createdAt: r.created,
    baselineIds: (JSON.parse(r.ids) as number[]).sort((a, b) => a - b)
  }))
}

export function countKeptTakes(db: Db, profileId: number, sessionId: string | null): number {
  if (sessionId === null) return 0
  return (db.prepare('SELECT count(*) AS n FROM calibration_takes WHERE profile_id = ? AND session_id = ?').get(profileId, sessionId) as { n: number }).n
}

export function takeFilePaths(db: Db, profileId: number): Set<string> {
  return new Set((db.prepare('SELECT file_path FROM calibration_takes WHERE profile_id = ?').all(profileId) as { file_path: string }[]).map((r) => r.file_path))
}
