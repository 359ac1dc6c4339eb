/**
 * The automatic personal baseline: before a profile calibrates, its own memos describe its voice
 * on its own microphone. Each memo leaves one small statistic (`MemoVoiceStats`, stored with the
 * memo); a profile's statistic is the merge of its memos' (exact: histogram counts add), and the
 * baseline is the per-coefficient median and scaled MAD of all those voiced frames. Robust, so a
 * shouted memo, a cough or a memo in a noisy café moves it little. The voice model
 * `haru-audio-emodb-v2` was trained with this statistic (training/audio/README.md).
 */
import { z } from 'zod'
import { HOP_LENGTH, N_MFCC } from '../audio/mel-filterbank'
import type { MfccMatrix } from '../audio/mfcc'
import type { BaselineVectors } from '../models/manifest'
import { binMad, binQuantile, histogramsOfFrames, mergeBins, subtractBins, type SparseBins } from './voice-histogram'
import { CALIBRATION_SAMPLE_RATE, FEATURES_VERSION } from './rules'

/** Bumped when the statistic's definition or grid changes; stats of another version are not merged. */
export const MEMO_VOICE_STATS_VERSION = 1

/** What the app stores per memo (JSON, typically 3–5 kB) so the profile's baseline never needs old audio. */
export interface MemoVoiceStats {
  version: typeof MEMO_VOICE_STATS_VERSION
  /** The MFCC/voice-activity code the frames came from (`FEATURES_VERSION`). */
  featuresVersion: string
  /** Voiced frames counted (every coefficient's histogram holds this many). */
  frames: number
  /** One histogram per MFCC coefficient, on `HISTOGRAM_GRID`. */
  bins: SparseBins[]
}

const sparseBinsSchema = z.object({ start: z.number().int().min(0), counts: z.array(z.number().int().min(0)) })
/** For reading a stored statistic back (a damaged or foreign row is refused, not merged). */
export const memoVoiceStatsSchema = z.object({
  version: z.literal(MEMO_VOICE_STATS_VERSION),
  featuresVersion: z.string().min(1),
  frames: z.number().int().min(0),
  bins: z.array(sparseBinsSchema).length(N_MFCC)
})

export const emptyMemoVoiceStats = (): MemoVoiceStats => ({
  version: MEMO_VOICE_STATS_VERSION,
  featuresVersion: FEATURES_VERSION,
  frames: 0,
  bins: Array.from({ length: N_MFCC }, () => ({ start: 0, counts: [] }))
})

/** The statistic of one memo: histograms of its voiced frames (the same mask the voice engine uses). */
export function memoVoiceStats(mfcc: MfccMatrix, voiced: Uint8Array): MemoVoiceStats {
  let frames = 0
  for (let t = 0; t < mfcc.frames; t++) if (voiced[t]) frames++
  return { version: MEMO_VOICE_STATS_VERSION, featuresVersion: FEATURES_VERSION, frames, bins: histogramsOfFrames(mfcc, voiced) }
}

export function mergeMemoVoiceStats(a: MemoVoiceStats, b: MemoVoiceStats): MemoVoiceStats {
  if (a.featuresVersion !== b.featuresVersion || a.version !== b.version) {
    throw new Error(`cannot merge voice statistics of different versions (${a.version}/${a.featuresVersion} and ${b.version}/${b.featuresVersion})`)
  }
  return { ...a, frames: a.frames + b.frames, bins: a.bins.map((bins, k) => mergeBins(k, bins, b.bins[k]!)) }
}

/**
 * The pool without one memo (exact: counts subtract). A memo is analysed against its profile's
 * other memos, so re-analysing it with the current pool means taking itself out first.
 */
export function subtractMemoVoiceStats(pool: MemoVoiceStats, memo: MemoVoiceStats): MemoVoiceStats {
  if (pool.featuresVersion !== memo.featuresVersion || pool.version !== memo.version) throw new Error('cannot subtract voice statistics of different versions')
  if (memo.frames > pool.frames) throw new Error('the memo statistic subtracted is not part of the pool')
  return { ...pool, frames: pool.frames - memo.frames, bins: pool.bins.map((bins, k) => subtractBins(k, bins, memo.bins[k]!)) }
}

export const poolMemoVoiceStats = (all: readonly MemoVoiceStats[]): MemoVoiceStats => all.reduce(mergeMemoVoiceStats, emptyMemoVoiceStats())

export const voicedSecondsOf = (stats: Pick<MemoVoiceStats, 'frames'>): number => (stats.frames * HOP_LENGTH) / CALIBRATION_SAMPLE_RATE

/** Scales a MAD to a standard deviation for normally distributed values. */
export const MAD_TO_STD = 1.4826

/**
 * Choices measured on EmoDB through the channel-shift evaluation (training/audio/README.md,
 * "Automatic baseline"): UA against seconds of the profile's voiced speech.
 */
export const AUTO_BASELINE_RULES = {
  /**
   * Below this much voiced speech over the profile's other memos, the automatic baseline is not
   * used. On validation (training/audio/VALIDATION.md) UA rises from 69.7 (3 s of other memos) to
   * 74.2 at 11 s and then flattens (74.5–74.8 from 16 to 40 s): 10 s is the least within a point of
   * that plateau. One ordinary memo holds it; below it the memo is read against itself.
   */
  minVoicedSec: 10,
  /** A coefficient whose spread is below this (MFCC units) is not a voice (as BASELINE_RULES.minStd). */
  minStd: 1
} as const

export type AutomaticBaseline =
  | { status: 'ok'; baseline: BaselineVectors; voicedSec: number }
  | { status: 'not-enough-speech'; voicedSec: number; neededSec: number }
  | { status: 'degenerate'; voicedSec: number; coefficients: number[] }

/** Median and scaled MAD of every frame the statistic holds, without any minimum. */
export function robustBaseline(stats: MemoVoiceStats): { mean: number[]; std: number[] } {
  const mean = stats.bins.map((b, k) => binQuantile(k, b, 0.5))
  const std = stats.bins.map((b, k) => MAD_TO_STD * binMad(k, b, mean[k]!))
  return { mean, std }
}

/** The profile's automatic baseline, once its memos hold enough voiced speech. */
export function automaticBaseline(stats: MemoVoiceStats, rules: { minVoicedSec: number; minStd: number } = AUTO_BASELINE_RULES): AutomaticBaseline {
  const voicedSec = voicedSecondsOf(stats)
  if (voicedSec < rules.minVoicedSec || stats.frames < 2) return { status: 'not-enough-speech', voicedSec, neededSec: rules.minVoicedSec }
  const { mean, std } = robustBaseline(stats)
  const flat = std.flatMap((s, k) => (!(s >= rules.minStd) ? [k] : []))
  if (flat.length > 0) return { status: 'degenerate', voicedSec, coefficients: flat }
  return { status: 'ok', baseline: { mean: mean.map(Math.fround), std: std.map(Math.fround) }, voicedSec }
}

/**
 * How far apart two baselines are: RMS over the coefficients of the mean difference in units of
 * the older baseline's std. Lets the app decide when an automatic baseline has moved enough to
 * be a new version (and to re-analyse past memos): `AUTO_BASELINE_NEW_VERSION_DISTANCE`.
 */
export function baselineDistance(older: BaselineVectors, newer: BaselineVectors): number {
  let sum = 0
  for (let k = 0; k < N_MFCC; k++) {
    const z = (newer.mean[k]! - older.mean[k]!) / older.std[k]!
    const r = Math.log(newer.std[k]! / older.std[k]!)
    sum += z * z + r * r
  }
  return Math.sqrt(sum / N_MFCC)
}

/** Above this distance the automatic baseline counts as changed (about a tenth of a std on average). */
export const AUTO_BASELINE_NEW_VERSION_DISTANCE = 0.1
