/** The queue's two tables (migration 0006): a profile's pause/cancel, and failures to skip. */
import type { Db } from '../db/open'
import type { Target } from './currency'

export type QueueMode = 'active' | 'paused' | 'cancelled'

export function queueMode(db: Db, profileId: number): QueueMode {
  const row = db.prepare('SELECT mode FROM analysis_queue_state WHERE profile_id = ?').get(profileId) as { mode: QueueMode } | undefined
  return row?.mode ?? 'active'
}

export function setQueueMode(db: Db, profileId: number, mode: QueueMode): void {
  if (mode === 'active') {
    db.prepare('DELETE FROM analysis_queue_state WHERE profile_id = ?').run(profileId)
    return
  }
  db.prepare(
    `INSERT INTO analysis_queue_state (profile_id, mode, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (profile_id) DO UPDATE SET mode = excluded.mode, updated_at = excluded.updated_at`
  ).run(profileId, mode, new Date().toISOString())
}

/** Every profile id, oldest first. */
export function profileIds(db: Db): number[] {
  return (db.prepare('SELECT id FROM profiles ORDER BY id').all() as { id: number }[]).map((r) => r.id)
}

export function recordFailure(db: Db, item: { kind: Target; id: number }, wanted: string, code: string, message: string): void {
  const column = item.kind === 'entry' ? 'entry_id' : 'memo_id'
  db.prepare(
    `INSERT INTO analysis_queue_failures (${column}, wanted, code, message, failed_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (${column}) WHERE ${column} IS NOT NULL
     DO UPDATE SET wanted = excluded.wanted, code = excluded.code, message = excluded.message, failed_at = excluded.failed_at`
  ).run(item.id, wanted, code, message.slice(0, 500), new Date().toISOString())
}

/** Forgets a profile's failures, so an explicit "analyse again" tries them once more. */
export function clearFailures(db: Db, profileId: number): number {
  return db
    .prepare(
      `DELETE FROM analysis_queue_failures
        WHERE entry_id IN (SELECT id FROM entries WHERE profile_id = @p)
           OR memo_id IN (SELECT vm.id FROM voice_memos vm JOIN entries e ON e.id = vm.entry_id WHERE e.profile_id = @p)`
    )
    .run({ p: profileId }).changes
}

export interface QueueFailure {
  kind: Target
  id: number
  day: string
  code: string
  message: string
}

/** The profile's remembered failures for today's `wanted`, newest day first. */
export function listFailures(db: Db, profileId: number, wanted: string, limit = 50): QueueFailure[] {
  return db
    .prepare(
      `SELECT kind, id, day, code, message FROM (
         SELECT 'entry' AS kind, e.id, e.entry_date AS day, f.code, f.message FROM analysis_queue_failures f JOIN entries e ON e.id = f.entry_id
          WHERE e.profile_id = @p AND f.wanted = @w
         UNION ALL
         SELECT 'memo', vm.id, e.entry_date, f.code, f.message FROM analysis_queue_failures f JOIN voice_memos vm ON vm.id = f.memo_id JOIN entries e ON e.id = vm.entry_id
          WHERE e.profile_id = @p AND f.wanted = @w)
       ORDER BY day DESC LIMIT @limit`
    )
    .all({ p: profileId, w: wanted, limit }) as QueueFailure[]
}
