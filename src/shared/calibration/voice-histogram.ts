/**
 * Per-coefficient histograms of voiced MFCC frames on one fixed grid, so the histograms of any
 * number of memos add up exactly (a sum of counts) and robust statistics (median, MAD) of all
 * their frames come out without reading any audio again.
 *
 * The grid's bins are about a tenth of a typical speaker's std of each coefficient (c0 ≈ 74,
 * c1 ≈ 55, c2–c3 ≈ 30–37, c4–c12 ≈ 10–22 on EmoDB), and its ranges cover a voice recorded
 * 30 dB quieter or louder than EmoDB; frames outside count in the edge bins. Within a bin, frames
 * are taken as evenly spread, which puts a median within a few hundredths of a std of the
 * exact one (tests/unit/calibration/auto-baseline.test.ts measures it).
 */
import { N_MFCC } from '../audio/mel-filterbank'
import type { MfccMatrix } from '../audio/mfcc'

export interface CoefficientBins {
  /** Lower edge of bin 0. */
  lo: number
  width: number
  bins: number
}

export const HISTOGRAM_GRID: readonly CoefficientBins[] = [
  { lo: -1200, width: 8, bins: 200 },
  { lo: -300, width: 5, bins: 150 },
  { lo: -300, width: 3, bins: 200 },
  { lo: -300, width: 3, bins: 200 },
  ...Array.from({ length: N_MFCC - 4 }, () => ({ lo: -200, width: 2, bins: 200 }))
]

/** The counts of one coefficient from bin `start` on (leading and trailing empty bins left out). */
export interface SparseBins {
  start: number
  counts: number[]
}

export function binOf(k: number, value: number): number {
  const g = HISTOGRAM_GRID[k]!
  const i = Math.floor((value - g.lo) / g.width)
  return Math.min(g.bins - 1, Math.max(0, Number.isFinite(i) ? i : value > 0 ? g.bins - 1 : 0))
}

/** Histograms of the frames whose mask value is 1 (every frame without a mask). */
export function histogramsOfFrames(mfcc: MfccMatrix, mask?: Uint8Array): SparseBins[] {
  const dense = HISTOGRAM_GRID.map((g) => new Array<number>(g.bins).fill(0))
  for (let t = 0; t < mfcc.frames; t++) {
    if (mask && !mask[t]) continue
    for (let k = 0; k < N_MFCC; k++) dense[k]![binOf(k, mfcc.data[t * N_MFCC + k]!)]!++
  }
  return dense.map(toSparse)
}

function toSparse(dense: readonly number[]): SparseBins {
  const first = dense.findIndex((c) => c > 0)
  if (first < 0) return { start: 0, counts: [] }
  let last = dense.length - 1
  while (dense[last] === 0) last--
  return { start: first, counts: dense.slice(first, last + 1) }
}

function toDense(k: number, s: SparseBins): number[] {
  const dense = new Array<number>(HISTOGRAM_GRID[k]!.bins).fill(0)
  s.counts.forEach((c, i) => (dense[s.start + i] = c))
  return dense
}

/** Bin-wise sum: the histogram of both sets of frames together. */
export function mergeBins(k: number, a: SparseBins, b: SparseBins): SparseBins {
  if (a.counts.length === 0) return { start: b.start, counts: [...b.counts] }
  if (b.counts.length === 0) return { start: a.start, counts: [...a.counts] }
  const dense = toDense(k, a)
  b.counts.forEach((c, i) => (dense[b.start + i]! += c))
  return toSparse(dense)
}

/** Bin-wise difference: the frames of `a` that are not `b`'s (b must be part of a). */
export function subtractBins(k: number, a: SparseBins, b: SparseBins): SparseBins {
  const dense = toDense(k, a)
  b.counts.forEach((c, i) => {
    dense[b.start + i]! -= c
    if (dense[b.start + i]! < 0) throw new Error(`coefficient ${k}: the histogram subtracted is not part of the pool`)
  })
  return toSparse(dense)
}

/** Cumulative count at `x` with frames spread evenly inside each bin (a piecewise-linear CDF). */
function cdf(k: number, s: SparseBins, x: number): number {
  const g = HISTOGRAM_GRID[k]!
  let total = 0
  for (let i = 0; i < s.counts.length; i++) {
    const lo = g.lo + (s.start + i) * g.width
    if (x >= lo + g.width) total += s.counts[i]!
    else {
      if (x > lo) total += (s.counts[i]! * (x - lo)) / g.width
      break
    }
  }
  return total
}

const countOf = (s: SparseBins): number => s.counts.reduce((a, c) => a + c, 0)

/** The value below which a share `q` of the frames lies. */
export function binQuantile(k: number, s: SparseBins, q: number): number {
  const g = HISTOGRAM_GRID[k]!
  const n = countOf(s)
  if (n === 0) return Number.NaN
  const target = q * n
  let seen = 0
  for (let i = 0; i < s.counts.length; i++) {
    const c = s.counts[i]!
    if (c > 0 && seen + c >= target) return g.lo + (s.start + i + (target - seen) / c) * g.width
    seen += c
  }
  return g.lo + (s.start + s.counts.length) * g.width
}

/** Median absolute deviation from `center`: the d at which half of the frames lie within center ± d. */
export function binMad(k: number, s: SparseBins, center: number): number {
  const n = countOf(s)
  if (n === 0) return Number.NaN
  const g = HISTOGRAM_GRID[k]!
  const within = (d: number): number => cdf(k, s, center + d) - cdf(k, s, center - d)
  let lo = 0
  let hi = g.bins * g.width
  // Bisection to a thousandth of a bin: `within` is monotone in d.
  while (hi - lo > g.width / 1000) {
    const mid = (lo + hi) / 2
    if (within(mid) >= n / 2) hi = mid
    else lo = mid
  }
  return (lo + hi) / 2
}
