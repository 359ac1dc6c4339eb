import { HaruApiError } from '../../shared/api/errors'
import type { BaselineVectors } from '../../shared/models/manifest'
import type { Db } from '../db/open'

export interface StoredBaseline extends BaselineVectors {
  id: number
  profileId: number
  clipCount: number
  source: 'default' | 'calibrated'
  isActive: boolean
  createdAt: string
  /** The calibration session (kept takes) it was computed from; null for defaults and older rows. */
  sessionId: string | null
  voicedSec: number | null
  /** Which feature code computed it (see FEATURES_VERSION); null for defaults and older rows. */
  features: string | null
}

/** Provenance of a calibrated baseline, stored with it. */
export interface BaselineOrigin {
  sessionId?: string | null
  voicedSec?: number | null
  features?: string | null
}

interface BaselineRow {
  id: number
  profile_id: number
  mean_json: string
  std_json: string
  clip_count: number
  source: 'default' | 'calibrated'
  is_active: 0 | 1
  created_at: string
  session_id: string | null
  voiced_sec: number | null
  features: string | null
}

const toBaseline = (r: BaselineRow): StoredBaseline => ({
  id: r.id,
  profileId: r.profile_id,
  mean: JSON.parse(r.mean_json) as number[],
  std: JSON.parse(r.std_json) as number[],
  clipCount: r.clip_count,
  source: r.source,
  isActive: r.is_active === 1,
  createdAt: r.created_at,
  sessionId: r.session_id,
  voicedSec: r.voiced_sec,
  features: r.features
})

/** Newest first: the history the user sees. */
export function listBaselines(db: Db, profileId: number): StoredBaseline[] {
  return (db.prepare('SELECT * FROM baselines WHERE profile_id = ? ORDER BY created_at DESC, id DESC').all(profileId) as BaselineRow[]).map(toBaseline)
}

export function getActiveBaseline(db: Db, profileId: number): StoredBaseline | null {
  const row = db.prepare('SELECT * FROM baselines WHERE profile_id = ? AND is_active = 1').get(profileId) as BaselineRow | undefined
  return row ? toBaseline(row) : null
}

/** Stores a new baseline and makes it the active one, in one transaction. */
export function insertActiveBaseline(
  db: Db,
  profileId: number,
  vectors: BaselineVectors,
  clipCount: number,
  source: StoredBaseline['source'],
  origin: BaselineOrigin = {}
): StoredBaseline {
  return db.transaction(() => {
    db.prepare('UPDATE baselines SET is_active = 0 WHERE profile_id = ? AND is_active = 1').run(profileId)
    const row = db
      .prepare(
        `INSERT INTO baselines (profile_id, mean_json, std_json, clip_count, source, is_active, created_at, session_id, voiced_sec, features)
         VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?) RETURNING *`
      )
      .get(
        profileId,
        JSON.stringify(vectors.mean),
        JSON.stringify(vectors.std),
        clipCount,
        source,
        new Date().toISOString(),
        origin.sessionId ?? null,
        origin.voicedSec ?? null,
        origin.features ?? null
      ) as BaselineRow
    return toBaseline(row)
  })()
}

export function getBaseline(db: Db, profileId: number, baselineId: number): StoredBaseline {
  const row = db.prepare('SELECT * FROM baselines WHERE id = ? AND profile_id = ?').get(baselineId, profileId) as BaselineRow | undefined
  if (!row) throw new HaruApiError('not-found', `profile ${profileId} has no baseline ${baselineId}`)
  return toBaseline(row)
}

/** Makes an older baseline active again, or (id null) none: the profile falls back to its default. */
export function activateBaseline(db: Db, profileId: number, baselineId: number | null): void {
  db.transaction(() => {
    if (baselineId !== null) {
      const owner = db.prepare('SELECT profile_id FROM baselines WHERE id = ?').get(baselineId) as { profile_id: number } | undefined
      if (!owner || owner.profile_id !== profileId) throw new HaruApiError('not-found', `profile ${profileId} has no baseline ${baselineId}`)
    }
    db.prepare('UPDATE baselines SET is_active = 0 WHERE profile_id = ? AND is_active = 1').run(profileId)
    if (baselineId !== null) db.prepare('UPDATE baselines SET is_active = 1 WHERE id = ?').run(baselineId)
  })()
}
