/**
 * Per-coefficient statistics of MFCC frames in a form that merges exactly: frame count, mean and
 * M2 (sum of squared deviations), combined with Chan et al.'s pairwise update. Each take stores
 * its own, so the baseline of any subset of takes (all but an outlier, a recomputation) needs no
 * audio, and the result equals the mean/std of all frames stacked together.
 */
import { N_MFCC, type MfccMatrix } from '../audio'

export interface FrameStats {
  frames: number
  mean: number[]
  /** Σ (x − mean)² per coefficient. */
  m2: number[]
}

export const emptyStats = (): FrameStats => ({ frames: 0, mean: new Array<number>(N_MFCC).fill(0), m2: new Array<number>(N_MFCC).fill(0) })

/** Statistics of the frames whose mask value is 1 (all frames without a mask); float64 throughout. */
export function statsOfFrames(mfcc: MfccMatrix, mask?: Uint8Array): FrameStats {
  const sum = new Float64Array(N_MFCC)
  let n = 0
  for (let t = 0; t < mfcc.frames; t++) {
    if (mask && !mask[t]) continue
    n++
    for (let k = 0; k < N_MFCC; k++) sum[k]! += mfcc.data[t * N_MFCC + k]!
  }
  if (n === 0) return emptyStats()
  const mean = Array.from(sum, (s) => s / n)
  const m2 = new Array<number>(N_MFCC).fill(0)
  for (let t = 0; t < mfcc.frames; t++) {
    if (mask && !mask[t]) continue
    for (let k = 0; k < N_MFCC; k++) {
      const d = mfcc.data[t * N_MFCC + k]! - mean[k]!
      m2[k]! += d * d
    }
  }
  return { frames: n, mean, m2 }
}

export function mergeStats(a: FrameStats, b: FrameStats): FrameStats {
  if (a.frames === 0) return { frames: b.frames, mean: [...b.mean], m2: [...b.m2] }
  if (b.frames === 0) return { frames: a.frames, mean: [...a.mean], m2: [...a.m2] }
  const n = a.frames + b.frames
  const mean: number[] = []
  const m2: number[] = []
  for (let k = 0; k < N_MFCC; k++) {
    const delta = b.mean[k]! - a.mean[k]!
    mean.push(a.mean[k]! + (delta * b.frames) / n)
    m2.push(a.m2[k]! + b.m2[k]! + (delta * delta * a.frames * b.frames) / n)
  }
  return { frames: n, mean, m2 }
}

export const poolStats = (all: readonly FrameStats[]): FrameStats => all.reduce(mergeStats, emptyStats())

/** Population std (numpy's default ddof=0, as the training recipe's baselines use). */
export function statsStd(s: FrameStats): number[] {
  return s.m2.map((v) => (s.frames > 0 ? Math.sqrt(Math.max(0, v) / s.frames) : 0))
}
