/**
 * The automatic voice baseline's storage (migration 0009): each memo's voice statistic, the
 * profile's versioned automatic baseline, and the rule that makes a new version when the memos
 * have moved it. The statistic itself lives in src/shared/calibration/auto-baseline.ts.
 */
import {
  AUTO_BASELINE_NEW_VERSION_DISTANCE,
  AUTO_BASELINE_RULES,
  automaticBaseline,
  baselineDistance,
  MEMO_VOICE_STATS_VERSION,
  memoVoiceStatsSchema,
  poolMemoVoiceStats,
  subtractMemoVoiceStats,
  voicedSecondsOf,
  type MemoVoiceStats
} from '../../shared/calibration/auto-baseline'
import { FEATURES_VERSION } from '../../shared/calibration/rules'
import type { BaselineVectors } from '../../shared/models/manifest'
import type { Db } from '../db/open'

export interface AutomaticBaselineRow {
  id: number
  profileId: number
  version: number
  vectors: BaselineVectors
  voicedSec: number
  memoCount: number
  memoIds: number[]
  pool: MemoVoiceStats
  createdAt: string
}

interface Row {
  id: number
  profile_id: number
  version: number
  mean_json: string
  std_json: string
  voiced_sec: number
  memo_count: number
  memo_ids_json: string
  pool_json: string
  created_at: string
}

const toRow = (r: Row): AutomaticBaselineRow => ({
  id: r.id,
  profileId: r.profile_id,
  version: r.version,
  vectors: { mean: JSON.parse(r.mean_json) as number[], std: JSON.parse(r.std_json) as number[] },
  voicedSec: r.voiced_sec,
  memoCount: r.memo_count,
  memoIds: JSON.parse(r.memo_ids_json) as number[],
  pool: JSON.parse(r.pool_json) as MemoVoiceStats,
  createdAt: r.created_at
})

/** Keeps (or replaces) a memo's statistic: the analysis process measures it with every voice analysis. */
export function saveMemoVoiceStats(db: Db, memoId: number, stats: MemoVoiceStats): void {
  db.prepare(
    `INSERT INTO memo_voice_stats (memo_id, stats_version, features_version, frames, stats_json, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(memo_id) DO UPDATE SET stats_version = excluded.stats_version, features_version = excluded.features_version,
       frames = excluded.frames, stats_json = excluded.stats_json, updated_at = excluded.updated_at`
  ).run(memoId, stats.version, stats.featuresVersion, stats.frames, JSON.stringify(stats), new Date().toISOString())
}

export function deleteMemoVoiceStats(db: Db, memoId: number): void {
  db.prepare('DELETE FROM memo_voice_stats WHERE memo_id = ?').run(memoId)
}

/** The profile's memos' statistics of today's definition (older ones wait for their re-analysis). */
export function profileMemoStats(db: Db, profileId: number): { memoId: number; stats: MemoVoiceStats }[] {
  const rows = db
    .prepare(
      `SELECT s.memo_id AS memoId, s.stats_json AS json FROM memo_voice_stats s
         JOIN voice_memos vm ON vm.id = s.memo_id JOIN entries e ON e.id = vm.entry_id
        WHERE e.profile_id = ? AND s.stats_version = ? AND s.features_version = ? ORDER BY s.memo_id`
    )
    .all(profileId, MEMO_VOICE_STATS_VERSION, FEATURES_VERSION) as { memoId: number; json: string }[]
  return rows.flatMap((r) => {
    const parsed = memoVoiceStatsSchema.safeParse(JSON.parse(r.json))
    return parsed.success ? [{ memoId: r.memoId, stats: parsed.data as MemoVoiceStats }] : []
  })
}

export function currentAutomaticBaseline(db: Db, profileId: number): AutomaticBaselineRow | null {
  const row = db.prepare('SELECT * FROM automatic_baselines WHERE profile_id = ? ORDER BY version DESC LIMIT 1').get(profileId) as Row | undefined
  return row ? toRow(row) : null
}

/** The profile's memos' voiced speech now (the automatic baseline's progress before it exists). */
export function profileVoicedSeconds(db: Db, profileId: number): { voicedSec: number; memoCount: number } {
  const all = profileMemoStats(db, profileId)
  return { voicedSec: voicedSecondsOf({ frames: all.reduce((n, s) => n + s.stats.frames, 0) }), memoCount: all.length }
}

/**
 * Makes a new version when the profile's memos now give a baseline that differs from the current
 * one by more than `AUTO_BASELINE_NEW_VERSION_DISTANCE` (or the first one, once they hold
 * `AUTO_BASELINE_RULES.minVoicedSec`). Small moves do not re-analyse the whole diary. Memos deleted
 * below the minimum leave the last version standing: it was measured on this voice.
 */
export function refreshAutomaticBaseline(db: Db, profileId: number): { changed: boolean; current: AutomaticBaselineRow | null } {
  return db.transaction(() => {
    const current = currentAutomaticBaseline(db, profileId)
    const all = profileMemoStats(db, profileId)
    if (all.length === 0) return { changed: false, current }
    const pool = poolMemoVoiceStats(all.map((s) => s.stats))
    const auto = automaticBaseline(pool, AUTO_BASELINE_RULES)
    if (auto.status !== 'ok') return { changed: false, current }
    if (current && baselineDistance(current.vectors, auto.baseline) <= AUTO_BASELINE_NEW_VERSION_DISTANCE) return { changed: false, current }
    const row = db
      .prepare(
        `INSERT INTO automatic_baselines (profile_id, version, mean_json, std_json, voiced_sec, memo_count, memo_ids_json, pool_json, features, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`
      )
      .get(
        profileId,
        (current?.version ?? 0) + 1,
        JSON.stringify(auto.baseline.mean),
        JSON.stringify(auto.baseline.std),
        auto.voicedSec,
        all.length,
        JSON.stringify(all.map((s) => s.memoId)),
        JSON.stringify(pool),
        FEATURES_VERSION,
        new Date().toISOString()
      ) as Row
    return { changed: true, current: toRow(row) }
  })()
}

/**
 * The statistic a memo is read against under an automatic version: the version's pool without the
 * memo itself when it is part of it (AUTO_BASELINE_INCLUDES_THIS_MEMO is false, by measurement).
 */
export function poolForMemo(db: Db, version: AutomaticBaselineRow, memoId: number): MemoVoiceStats {
  if (!version.memoIds.includes(memoId)) return version.pool
  const own = profileMemoStats(db, version.profileId).find((s) => s.memoId === memoId)
  if (!own) return version.pool
  try {
    return subtractMemoVoiceStats(version.pool, own.stats)
  } catch {
    return version.pool // its statistic changed since the version was made: keep the version's own pool
  }
}
