import type { GenderHint } from '../shared/api/limits'
import type { AudioModelManifest, BaselineVectors } from '../shared/models/manifest'
import type { Db } from './db/open'
import { getActiveBaseline } from './repos/baselines'

export interface BaselineChoice {
  vectors: BaselineVectors
  /** The stored baseline used, or null for a model default. */
  baselineId: number | null
  source: 'calibrated' | 'default-male' | 'default-female' | 'default-average'
}

/** The mean of the model's two defaults, for "prefer not to say" (and std likewise averaged). */
export function averageDefault(manifest: AudioModelManifest): BaselineVectors {
  const { MALE, FEMALE } = manifest.baselines
  return { mean: MALE.mean.map((m, i) => (m + FEMALE.mean[i]!) / 2), std: MALE.std.map((s, i) => (s + FEMALE.std[i]!) / 2) }
}

export function defaultBaseline(manifest: AudioModelManifest, gender: GenderHint): BaselineChoice {
  if (gender === 'MALE') return { vectors: manifest.baselines.MALE, baselineId: null, source: 'default-male' }
  if (gender === 'FEMALE') return { vectors: manifest.baselines.FEMALE, baselineId: null, source: 'default-female' }
  return { vectors: averageDefault(manifest), baselineId: null, source: 'default-average' }
}

/**
 * The baseline a profile's voice is compared with: its own calibrated one when active, else the
 * model's default for the profile's gender hint, else the average of the two defaults.
 */
export function chooseBaseline(db: Db, profile: { id: number; gender: GenderHint }, manifest: AudioModelManifest): BaselineChoice {
  const active = getActiveBaseline(db, profile.id)
  if (active && active.source === 'calibrated') return { vectors: { mean: active.mean, std: active.std }, baselineId: active.id, source: 'calibrated' }
  return defaultBaseline(manifest, profile.gender)
}
