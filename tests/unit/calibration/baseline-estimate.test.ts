import { describe, expect, it } from 'vitest'
import { computeMfcc } from '../../../src/shared/audio'
import { analyzeTake } from '../../../src/shared/calibration/analyze-take'
import { estimateBaseline, maxDrops, takeDistance } from '../../../src/shared/calibration/baseline-estimate'
import { poolStats, statsOfFrames, statsStd } from '../../../src/shared/calibration/frame-stats'
import { BASELINE_RULES } from '../../../src/shared/calibration/rules'
import { addNoise, syntheticVoice, tone } from './signals'

const voice = (seed: number, extra: Parameters<typeof syntheticVoice>[0] = { seconds: 4 }) => analyzeTake(syntheticVoice({ ...extra, seed }))
const takesOf = (analyses: ReturnType<typeof analyzeTake>[]) => analyses.map((a, i) => ({ id: i + 1, stats: a.stats }))

/** Straight mean/std of a stacked matrix, the way numpy computes them over concatenated frames. */
function stackedMeanStd(rows: number[][]): { mean: number[]; std: number[] } {
  const mean = rows[0]!.map((_, k) => rows.reduce((s, r) => s + r[k]!, 0) / rows.length)
  const std = mean.map((m, k) => Math.sqrt(rows.reduce((s, r) => s + (r[k]! - m) ** 2, 0) / rows.length))
  return { mean, std }
}

describe('baseline estimate', () => {
  const calm = [1, 2, 3, 4, 5, 6].map((s) => voice(s))

  it('pools take statistics exactly as if all voiced frames were stacked', () => {
    const matrices = [1, 2, 3].map((seed) => computeMfcc(syntheticVoice({ seconds: 3, seed }), 16000))
    const rows = matrices.flatMap((m) => Array.from({ length: m.frames }, (_, t) => Array.from(m.data.subarray(t * 13, t * 13 + 13))))
    const pooled = poolStats(matrices.map((m) => statsOfFrames(m)))
    const ref = stackedMeanStd(rows)
    expect(pooled.frames).toBe(rows.length)
    pooled.mean.forEach((v, k) => expect(v).toBeCloseTo(ref.mean[k]!, 9))
    statsStd(pooled).forEach((v, k) => expect(v).toBeCloseTo(ref.std[k]!, 9))
  })

  it('gives mean and std over the voiced frames of all takes when they agree', () => {
    const est = estimateBaseline(takesOf(calm))
    expect(est.status).toBe('ok')
    if (est.status !== 'ok') return
    expect(est.used).toEqual([1, 2, 3, 4, 5, 6])
    expect(est.dropped).toEqual([])
    const pooled = poolStats(calm.map((c) => c.stats))
    expect(est.frames).toBe(pooled.frames)
    expect(est.voicedSec).toBeCloseTo((pooled.frames * 512) / 16000, 9)
    est.baseline.mean.forEach((v, k) => expect(v).toBe(Math.fround(pooled.mean[k]!)))
    est.baseline.std.forEach((v, k) => expect(v).toBe(Math.fround(statsStd(pooled)[k]!)))
    for (const d of est.distances) expect(d.distance).toBeLessThan(BASELINE_RULES.maxTakeDistance)
  })

  it('drops a take that disagrees with the others (another voice) and says which', () => {
    const intruder = voice(9, { seconds: 4, f0: 260, formantScale: 1.35 })
    expect(intruder.accepted).toBe(true) // each take alone is fine; only the set reveals it
    const est = estimateBaseline([...takesOf(calm), { id: 99, stats: intruder.stats }])
    expect(est.status).toBe('ok')
    expect(est.dropped.map((d) => d.id)).toEqual([99])
    expect(est.dropped[0]!.distance).toBeGreaterThan(1)
    expect(est.used).toEqual([1, 2, 3, 4, 5, 6])
    const clean = estimateBaseline(takesOf(calm))
    if (est.status === 'ok' && clean.status === 'ok') expect(est.baseline).toEqual(clean.baseline)
  })

  it('refuses the set when too many takes disagree to tell which voice is the user', () => {
    const others = [7, 8].map((s) => voice(s, { seconds: 4, f0: 260, formantScale: 1.35 }))
    const est = estimateBaseline([...takesOf(calm.slice(0, 3)), ...others.map((o, i) => ({ id: 50 + i, stats: o.stats }))])
    expect(maxDrops(5)).toBe(1)
    expect(est).toMatchObject({ status: 'rejected', reason: 'takes-disagree' })
  })

  it('refuses a degenerate std: a steady hum that passes every per-take check', () => {
    const hum = () => {
      const x = new Float32Array(16000 * 4)
      x.set(tone(3.5, 220, -20), 8000) // a quiet lead-in gives it a noise floor, so it is not "noisy"
      return analyzeTake(x)
    }
    const takes = [hum(), hum(), hum()]
    for (const t of takes) expect(t.accepted).toBe(true)
    const est = estimateBaseline(takesOf(takes))
    expect(est.status).toBe('rejected')
    if (est.status !== 'rejected') return
    expect(est.reason).toBe('degenerate-std')
    expect(est.coefficients!.length).toBeGreaterThan(0)
    const std = statsStd(poolStats(takes.map((t) => t.stats)))
    for (const k of est.coefficients!) expect(std[k]!).toBeLessThan(BASELINE_RULES.minStd)
  })

  it('needs at least three takes and 8 s of voiced speech', () => {
    expect(estimateBaseline(takesOf(calm.slice(0, 2)))).toMatchObject({ status: 'rejected', reason: 'too-few-takes', used: [1, 2] })
    // The same short sentence three times (different room noise): they agree, but 3 × ~2 s is not enough.
    const short = [1, 2, 3].map((s) => analyzeTake(addNoise(syntheticVoice({ seconds: 2.6, seed: 1, noiseDb: null }), -70, s)))
    for (const t of short) expect(t.accepted).toBe(true)
    const est = estimateBaseline(takesOf(short))
    expect(est).toMatchObject({ status: 'rejected', reason: 'too-little-speech' })
    expect(est.voicedSec).toBeLessThan(8)
    // Refused takes (no voiced frames) do not count towards the three.
    expect(estimateBaseline([...takesOf(calm.slice(0, 2)), { id: 9, stats: analyzeTake(new Float32Array(16000)).stats }])).toMatchObject({
      reason: 'too-few-takes'
    })
  })

  it('measures distance in std units of the other takes', () => {
    const a = calm[0]!.stats
    expect(takeDistance(a, a)).toBe(0)
    const shifted = { ...a, mean: a.mean.map((m, k) => m + statsStd(a)[k]!) }
    expect(takeDistance(shifted, a)).toBeCloseTo(1, 9)
  })
})
