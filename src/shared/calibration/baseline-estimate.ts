/**
 * From accepted takes to a baseline: drop a take that disagrees with the others, then refuse a
 * result that could not describe a voice (too little speech, a coefficient that never moves).
 */
import { HOP_LENGTH, N_MFCC } from '../audio'
import type { BaselineVectors } from '../models/manifest'
import { poolStats, statsStd, type FrameStats } from './frame-stats'
import type { BaselineRejection } from './codes'
import { BASELINE_RULES, CALIBRATION_SAMPLE_RATE, type BaselineRules } from './rules'

export interface EstimateTake<Id> {
  id: Id
  stats: FrameStats
}

export { BASELINE_REJECTIONS, type BaselineRejection } from './codes'

export interface DroppedTake<Id> {
  id: Id
  /** How far the take sat from the others (see `takeDistance`). */
  distance: number
}

interface EstimateCommon<Id> {
  /** Takes whose frames are in the baseline, in input order. */
  used: Id[]
  /** Takes left out as outliers, in the order they were dropped. */
  dropped: DroppedTake<Id>[]
  /** Each used take's distance from the others at the end. */
  distances: { id: Id; distance: number }[]
  voicedSec: number
  frames: number
}

export type BaselineEstimate<Id> =
  | (EstimateCommon<Id> & { status: 'ok'; baseline: BaselineVectors })
  | (EstimateCommon<Id> & {
      status: 'rejected'
      reason: BaselineRejection
      /** For `degenerate-std`: the coefficients whose std is too small. */
      coefficients?: number[]
    })

const framesToSec = (frames: number): number => (frames * HOP_LENGTH) / CALIBRATION_SAMPLE_RATE

/**
 * RMS over the 13 coefficients of `(take mean − others' mean) / others' std`: 0 for a take that
 * sounds like the rest on average, about 1 when every coefficient sits a whole std away. The std
 * is floored at `minStd` so near-constant takes cannot divide by zero.
 */
export function takeDistance(take: FrameStats, others: FrameStats): number {
  const std = statsStd(others)
  let sum = 0
  for (let k = 0; k < N_MFCC; k++) {
    const z = (take.mean[k]! - others.mean[k]!) / Math.max(std[k]!, BASELINE_RULES.minStd)
    sum += z * z
  }
  return Math.sqrt(sum / N_MFCC)
}

function leaveOneOutDistances<Id>(takes: readonly EstimateTake<Id>[]): number[] {
  return takes.map((t, i) => takeDistance(t.stats, poolStats(takes.filter((_, j) => j !== i).map((o) => o.stats))))
}

/** How many takes may be dropped: one in small sets, a quarter in larger ones; more means the takes disagree overall. */
export const maxDrops = (n: number): number => Math.max(1, Math.floor(n / 4))

export function estimateBaseline<Id>(takes: readonly EstimateTake<Id>[], rules: BaselineRules = BASELINE_RULES): BaselineEstimate<Id> {
  let kept = takes.filter((t) => t.stats.frames > 0)
  const dropped: DroppedTake<Id>[] = []
  const common = (): EstimateCommon<Id> => {
    const pooled = poolStats(kept.map((t) => t.stats))
    const distances = kept.length >= 2 ? leaveOneOutDistances(kept) : kept.map(() => 0)
    return {
      used: kept.map((t) => t.id),
      dropped,
      distances: kept.map((t, i) => ({ id: t.id, distance: distances[i]! })),
      voicedSec: framesToSec(pooled.frames),
      frames: pooled.frames
    }
  }
  if (kept.length < rules.minTakes) return { status: 'rejected', reason: 'too-few-takes', ...common() }
  // Too little speech first: with a few seconds, distances between takes mostly measure which vowels were said.
  const enoughSpeech = (): boolean => framesToSec(poolStats(kept.map((t) => t.stats)).frames) >= rules.minVoicedSec
  if (!enoughSpeech()) return { status: 'rejected', reason: 'too-little-speech', ...common() }

  // Drop the worst outlier, then look again: one wild take inflates the others' std and can hide a second.
  for (;;) {
    const distances = leaveOneOutDistances(kept)
    let worst = 0
    for (let i = 1; i < distances.length; i++) if (distances[i]! > distances[worst]!) worst = i
    if (distances[worst]! <= rules.maxTakeDistance) break
    if (dropped.length >= maxDrops(takes.length) || kept.length - 1 < rules.minTakes) {
      return { status: 'rejected', reason: 'takes-disagree', ...common() }
    }
    dropped.push({ id: kept[worst]!.id, distance: distances[worst]! })
    kept = kept.filter((_, i) => i !== worst)
  }

  if (!enoughSpeech()) return { status: 'rejected', reason: 'too-little-speech', ...common() }
  const pooled = poolStats(kept.map((t) => t.stats))
  const std = statsStd(pooled)
  const flat = std.flatMap((s, k) => (s < rules.minStd ? [k] : []))
  if (flat.length > 0) return { status: 'rejected', reason: 'degenerate-std', coefficients: flat, ...common() }
  // Stored as float32 values, as the model's own arithmetic sees them.
  return { status: 'ok', baseline: { mean: pooled.mean.map(Math.fround), std: std.map(Math.fround) }, ...common() }
}
