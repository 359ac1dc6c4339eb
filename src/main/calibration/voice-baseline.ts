import { join } from 'node:path'
import type { GenderHint } from '../../shared/api/limits'
import type { BaselineKind } from '../../shared/api/calibration-schemas'
import type { AudioModelManifest } from '../../shared/models/manifest'
import { chooseBaseline, defaultBaseline, type BaselineChoice } from '../baseline-choice'
import type { Db } from '../db/open'
import { loadPack } from '../models/packs'
import { getActiveBaseline } from '../repos/baselines'
import { currentAutomaticBaseline, poolForMemo, type AutomaticBaselineRow } from '../repos/automatic-baselines'
import type { AudioAnalysisRequest } from '../../shared/analysis/protocol'
import { getProfile } from '../repos/profiles'
import { DEFAULT_AUDIO_PACK, shippedModelsDir } from '../resources-dir'

export interface DefaultVoiceModel {
  packDir: string
  manifest: AudioModelManifest
}

export const defaultAudioPackDir = (resourcesDir: string): string => join(shippedModelsDir(resourcesDir), DEFAULT_AUDIO_PACK)

/** The shipped voice model, or null when it is absent or not an audio pack (the UI then says so). */
export async function loadDefaultVoiceModel(resourcesDir: string): Promise<DefaultVoiceModel | null> {
  try {
    const pack = await loadPack(defaultAudioPackDir(resourcesDir))
    return pack.manifest.kind === 'audio' ? { packDir: pack.dir, manifest: pack.manifest } : null
  } catch {
    return null
  }
}

/** Which baseline a profile's analyses use now, without needing the model (the model holds the default vectors). */
export function activeBaselineKind(db: Db, profile: { id: number; gender: GenderHint }): { kind: BaselineKind; baselineId: number | null } {
  const active = getActiveBaseline(db, profile.id)
  if (active && active.source === 'calibrated') return { kind: 'calibrated', baselineId: active.id }
  const kind: BaselineKind = profile.gender === 'MALE' ? 'default-male' : profile.gender === 'FEMALE' ? 'default-female' : 'default-average'
  return { kind, baselineId: null }
}

export interface VoiceAnalysisSetup extends DefaultVoiceModel {
  /** Pass `choice.vectors` to the `analyze-audio` operation and store `choice.baselineId` with the analysis. */
  choice: BaselineChoice
  /**
   * Issue 16. Null when the profile has calibrated (a calibrated baseline always wins). Otherwise
   * the profile's automatic baseline version (null before its memos hold enough speech): the
   * request then carries `profileVoiceStats` and the analysis process chooses automatic → fallback.
   */
  automatic: { version: AutomaticBaselineRow | null } | null
}

/** The `analyze-audio` request for one memo of the profile: calibrated → automatic → fallback. */
export function voiceRequestFor(db: Db, setup: VoiceAnalysisSetup, memoId: number | null): Pick<AudioAnalysisRequest, 'baseline' | 'profileVoiceStats'> {
  if (!setup.automatic) return { baseline: setup.choice.vectors }
  const version = setup.automatic.version
  return { baseline: setup.choice.vectors, profileVoiceStats: version ? (memoId === null ? version.pool : poolForMemo(db, version, memoId)) : null }
}

/**
 * Everything a voice analysis of a profile needs: the default model and the baseline chosen for
 * the profile. Every analysis that stores a result should record `choice.baselineId` (null means
 * the model's default for the profile's gender hint).
 */
export async function voiceAnalysisSetup(db: Db, resourcesDir: string, profileId: number): Promise<VoiceAnalysisSetup | null> {
  const model = await loadDefaultVoiceModel(resourcesDir)
  if (!model) return null
  const choice = chooseBaseline(db, getProfile(db, profileId), model.manifest)
  const automatic = choice.source === 'calibrated' ? null : { version: currentAutomaticBaseline(db, profileId) }
  return { ...model, choice, automatic }
}

/** The default a profile would fall back to, for comparing a calibrated voice with it. */
export function referenceBaseline(manifest: AudioModelManifest, gender: GenderHint): { kind: BaselineKind; mean: number[]; std: number[] } {
  const d = defaultBaseline(manifest, gender)
  return { kind: d.source, mean: d.vectors.mean, std: d.vectors.std }
}
