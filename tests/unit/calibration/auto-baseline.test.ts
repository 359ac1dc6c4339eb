import { describe, expect, it } from 'vitest'
import { computeMfcc, frameEnergyDb, voicedFrameMask, type MfccMatrix } from '../../../src/shared/audio'
import {
  AUTO_BASELINE_RULES,
  automaticBaseline,
  baselineDistance,
  emptyMemoVoiceStats,
  memoVoiceStats,
  memoVoiceStatsSchema,
  mergeMemoVoiceStats,
  poolMemoVoiceStats,
  robustBaseline,
  subtractMemoVoiceStats,
  voicedSecondsOf,
  type MemoVoiceStats
} from '../../../src/shared/calibration/auto-baseline'
import { poolStats, statsOfFrames, statsStd } from '../../../src/shared/calibration/frame-stats'
import { FEATURES_VERSION } from '../../../src/shared/calibration/rules'
import { syntheticVoice, tone } from './signals'

interface Memo {
  mfcc: MfccMatrix
  voiced: Uint8Array
  stats: MemoVoiceStats
}

function memo(samples: Float32Array): Memo {
  const mfcc = computeMfcc(samples, 16000)
  const voiced = voicedFrameMask(frameEnergyDb(samples, 16000))
  return { mfcc, voiced, stats: memoVoiceStats(mfcc, voiced) }
}

/** Every voiced frame's value of coefficient k, stacked over memos. */
const column = (memos: Memo[], k: number): number[] =>
  memos.flatMap((m) => Array.from({ length: m.mfcc.frames }, (_, t) => t).filter((t) => m.voiced[t]).map((t) => m.mfcc.data[t * 13 + k]!))

function exactMedian(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length / 2
  return s.length % 2 ? s[Math.floor(mid)]! : (s[mid - 1]! + s[mid]!) / 2
}

describe('automatic baseline statistic', () => {
  const memos = [1, 2, 3, 4].map((seed) => memo(syntheticVoice({ seconds: 12, seed, f0: 120 + 10 * seed })))

  it('counts exactly the voiced frames, and merging memos adds them up in any order', () => {
    for (const m of memos) {
      expect(m.stats.frames).toBe(m.voiced.reduce((a, b) => a + b, 0))
      for (const bins of m.stats.bins) expect(bins.counts.reduce((a, b) => a + b, 0)).toBe(m.stats.frames)
    }
    const ab = mergeMemoVoiceStats(mergeMemoVoiceStats(memos[0]!.stats, memos[1]!.stats), memos[2]!.stats)
    const ba = mergeMemoVoiceStats(memos[2]!.stats, mergeMemoVoiceStats(memos[1]!.stats, memos[0]!.stats))
    expect(ab).toEqual(ba)
    expect(ab.frames).toBe(memos[0]!.stats.frames + memos[1]!.stats.frames + memos[2]!.stats.frames)
    // Merging equals the statistic of all the frames at once.
    const joined: MfccMatrix = { frames: 0, nMfcc: 13, data: new Float32Array(0) }
    const parts = memos.slice(0, 3)
    joined.frames = parts.reduce((a, m) => a + m.mfcc.frames, 0)
    joined.data = new Float32Array(joined.frames * 13)
    const mask = new Uint8Array(joined.frames)
    let at = 0
    for (const m of parts) {
      joined.data.set(m.mfcc.data, at * 13)
      mask.set(m.voiced, at)
      at += m.mfcc.frames
    }
    expect(memoVoiceStats(joined, mask)).toEqual(ab)
    expect(poolMemoVoiceStats(parts.map((m) => m.stats))).toEqual(ab)
    expect(mergeMemoVoiceStats(emptyMemoVoiceStats(), ab)).toEqual(ab)
  })

  it('puts the median within 3 % of a std of the exact median, and the scaled MAD near the std', () => {
    const pooled = poolMemoVoiceStats(memos.map((m) => m.stats))
    const robust = robustBaseline(pooled)
    const std = statsStd(poolStats(memos.map((m) => statsOfFrames(m.mfcc, m.voiced))))
    for (let k = 0; k < 13; k++) {
      const values = column(memos, k)
      const median = exactMedian(values)
      const mad = exactMedian(values.map((v) => Math.abs(v - median)))
      expect(Math.abs(robust.mean[k]! - median) / std[k]!, `c${k} median`).toBeLessThan(0.03)
      expect(Math.abs(robust.std[k]! / 1.4826 - mad) / std[k]!, `c${k} MAD`).toBeLessThan(0.05)
    }
  })

  it('is not available before the minimum of voiced speech, then gives float32 median and scaled MAD', () => {
    const min = AUTO_BASELINE_RULES.minVoicedSec
    const short = memo(syntheticVoice({ seconds: min / 2, seed: 11 })).stats
    expect(automaticBaseline(short)).toMatchObject({ status: 'not-enough-speech', neededSec: min })
    // Voiced frames are about three quarters of the synthetic voice: twice the minimum in seconds is plenty.
    const enough = Array.from({ length: 4 }, (_, i) => memo(syntheticVoice({ seconds: min / 2 + 1, seed: 20 + i })).stats)
    const pooled = poolMemoVoiceStats(enough)
    expect(voicedSecondsOf(pooled)).toBeGreaterThanOrEqual(min)
    const auto = automaticBaseline(pooled)
    expect(auto.status).toBe('ok')
    if (auto.status !== 'ok') return
    const robust = robustBaseline(pooled)
    auto.baseline.mean.forEach((v, k) => expect(v).toBe(Math.fround(robust.mean[k]!)))
    auto.baseline.std.forEach((v, k) => expect(v).toBe(Math.fround(robust.std[k]!)))
    expect(auto.voicedSec).toBeCloseTo(voicedSecondsOf(pooled), 9)
  })

  it('refuses a "voice" that never changes (a steady tone)', () => {
    const mfcc = computeMfcc(tone(AUTO_BASELINE_RULES.minVoicedSec + 5, 440, -20), 16000)
    const auto = automaticBaseline(memoVoiceStats(mfcc, new Uint8Array(mfcc.frames).fill(1)))
    expect(auto.status).toBe('degenerate')
  })

  it('moves little when one memo is a different voice, where a mean would move much more', () => {
    const base = poolMemoVoiceStats(memos.map((m) => m.stats))
    const intruder = memo(syntheticVoice({ seconds: 12, seed: 40, f0: 280, formantScale: 1.4, levelDb: -8 }))
    const withIntruder = mergeMemoVoiceStats(base, intruder.stats)
    const robustShift = baselineDistance(robustBaseline(base) as never, robustBaseline(withIntruder) as never)
    const meanStd = (ms: Memo[]) => {
      const p = poolStats(ms.map((m) => statsOfFrames(m.mfcc, m.voiced)))
      return { mean: p.mean, std: statsStd(p) }
    }
    const meanShift = baselineDistance(meanStd(memos), meanStd([...memos, intruder]))
    expect(robustShift).toBeLessThan(meanShift)
  })

  it('stores as JSON and reads back through its schema; a damaged row is refused', () => {
    const stats = poolMemoVoiceStats(memos.map((m) => m.stats))
    const back = memoVoiceStatsSchema.parse(JSON.parse(JSON.stringify(stats)))
    expect(back).toEqual(stats)
    expect(back.featuresVersion).toBe(FEATURES_VERSION)
    expect(JSON.stringify(stats).length).toBeLessThan(12_000)
    expect(memoVoiceStatsSchema.safeParse({ ...stats, bins: stats.bins.slice(1) }).success).toBe(false)
    expect(() => mergeMemoVoiceStats(stats, { ...stats, featuresVersion: 'other' })).toThrow(/different versions/)
  })

  it('measures how far a baseline moved', () => {
    const a = { mean: new Array(13).fill(0), std: new Array(13).fill(10) }
    expect(baselineDistance(a, a)).toBe(0)
    expect(baselineDistance(a, { ...a, mean: new Array(13).fill(1) })).toBeCloseTo(0.1, 9)
  })
})

describe('taking one memo out of a pool', () => {
  it('gives exactly the pool of the others', () => {
    const ms = [31, 32, 33].map((seed) => memo(syntheticVoice({ seconds: 6, seed })).stats)
    const all = poolMemoVoiceStats(ms)
    expect(subtractMemoVoiceStats(all, ms[1]!)).toEqual(poolMemoVoiceStats([ms[0]!, ms[2]!]))
    expect(subtractMemoVoiceStats(all, all)).toEqual(emptyMemoVoiceStats())
    expect(() => subtractMemoVoiceStats(ms[0]!, all)).toThrow(/not part of the pool/)
  })
})
