import { isTextAdapterWeights, type TextAdapterWeights } from '../../shared/adaptation/adapter'
import type { AdapterTrainingResult } from '../../shared/adaptation/train'
import type { Db } from '../db/open'

/**
 * `text_adapters` (migration 0008): at most one adapter per profile and base text pack. Each
 * retraining replaces the row with the profile's next version number, and every analysis the
 * adapter read stores that version, so "is this reading current" can ask for it. Rows are never
 * deleted (a profile without corrections gets an adapter that learnt nothing), so a version number
 * is never given to two different adapters of a profile.
 */

export interface StoredAdapter {
  profileId: number
  modelId: string
  version: number
  examples: number
  /** Fingerprint of the corrections it learnt from. */
  trainedOn: string
  weights: TextAdapterWeights
  metrics: AdapterTrainingResult['metrics']
  createdAt: string
}

interface AdapterRow {
  profile_id: number
  model_id: string
  version: number
  examples: number
  trained_on: string
  weights_json: string
  metrics_json: string
  created_at: string
}

/** The profile's adapter over a pack, or null (none, or one that fails its checks: it is never half-applied). */
export function getAdapter(db: Db, profileId: number, modelId: string): StoredAdapter | null {
  const row = db.prepare('SELECT * FROM text_adapters WHERE profile_id = ? AND model_id = ?').get(profileId, modelId) as AdapterRow | undefined
  if (!row) return null
  let weights: unknown
  try {
    weights = JSON.parse(row.weights_json)
  } catch {
    return null
  }
  if (!isTextAdapterWeights(weights)) return null
  return {
    profileId: row.profile_id,
    modelId: row.model_id,
    version: row.version,
    examples: row.examples,
    trainedOn: row.trained_on,
    weights,
    metrics: JSON.parse(row.metrics_json) as StoredAdapter['metrics'],
    createdAt: row.created_at
  }
}

/** Stores a new adapter as the profile's next version; returns that version. */
export function saveAdapter(db: Db, a: { profileId: number; modelId: string; trainedOn: string; result: AdapterTrainingResult }): number {
  return db.transaction(() => {
    const version = (db.prepare('SELECT coalesce(max(version), 0) + 1 AS v FROM text_adapters WHERE profile_id = ?').get(a.profileId) as { v: number }).v
    db.prepare(
      `INSERT INTO text_adapters (profile_id, model_id, version, examples, trained_on, weights_json, metrics_json, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (profile_id, model_id) DO UPDATE SET version = excluded.version, examples = excluded.examples, trained_on = excluded.trained_on,
         weights_json = excluded.weights_json, metrics_json = excluded.metrics_json, created_at = excluded.created_at`
    ).run(a.profileId, a.modelId, version, a.result.metrics.examples, a.trainedOn, JSON.stringify(a.result.adapter), JSON.stringify(a.result.metrics), new Date().toISOString())
    return version
  })()
}
