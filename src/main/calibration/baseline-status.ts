import type { BaselineStatus } from '../../shared/api/calibration-schemas'
import { activateBaseline, listBaselines } from '../repos/baselines'
import { getProfile } from '../repos/profiles'
import type { CalibrationContext } from './context'
import { countKeptTakes } from './takes-repo'
import { currentAutomaticBaseline, profileVoicedSeconds } from '../repos/automatic-baselines'
import { AUTO_BASELINE_RULES } from '../../shared/calibration/auto-baseline'
import type { Db } from '../db/open'

/** The profile's automatic baseline as the calibration page shows it. */
export function automaticBaselineView(db: Db, profileId: number, calibrated: boolean): NonNullable<BaselineStatus['automatic']> {
  const version = currentAutomaticBaseline(db, profileId)
  const now = profileVoicedSeconds(db, profileId)
  return {
    version: version?.version ?? null,
    voicedSec: version?.voicedSec ?? null,
    memoCount: version?.memoCount ?? now.memoCount,
    poolVoicedSec: now.voicedSec,
    neededSec: AUTO_BASELINE_RULES.minVoicedSec,
    inUse: !calibrated && version !== null,
    createdAt: version?.createdAt ?? null
  }
}
import { activeBaselineKind, loadDefaultVoiceModel } from './voice-baseline'

/** A profile's baseline history (newest first), which one analyses use now, and whether the default model is there. */
export async function baselineStatus(ctx: Pick<CalibrationContext, 'db' | 'resourcesDir'>, profileId: number): Promise<BaselineStatus> {
  const profile = getProfile(ctx.db, profileId)
  const model = await loadDefaultVoiceModel(ctx.resourcesDir)
  const active = activeBaselineKind(ctx.db, profile)
  return {
    profileId,
    gender: profile.gender,
    active,
    automatic: automaticBaselineView(ctx.db, profileId, active.kind === 'calibrated'),
    defaultModel: model !== null,
    baselines: listBaselines(ctx.db, profileId).map((b) => ({
      id: b.id,
      source: b.source,
      isActive: b.isActive,
      createdAt: b.createdAt,
      clipCount: b.clipCount,
      voicedSec: b.voicedSec,
      sessionId: b.sessionId,
      features: b.features,
      takesKept: countKeptTakes(ctx.db, profileId, b.sessionId),
      mean: b.mean,
      std: b.std
    }))
  }
}

/** Makes an older version active again (`baselineId`) or goes back to the model default (null). */
export async function switchBaseline(ctx: Pick<CalibrationContext, 'db' | 'resourcesDir'>, profileId: number, baselineId: number | null): Promise<BaselineStatus> {
  getProfile(ctx.db, profileId)
  activateBaseline(ctx.db, profileId, baselineId)
  return baselineStatus(ctx, profileId)
}
