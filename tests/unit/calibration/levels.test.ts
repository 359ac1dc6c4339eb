import { describe, expect, it } from 'vitest'
import { chunkLevel, meterFraction, noiseFloorDb } from '../../../src/shared/calibration/levels'
import { tone } from './signals'

describe('live microphone levels', () => {
  it('measures RMS and peak in dBFS, and counts full-scale samples', () => {
    const l = chunkLevel(tone(0.064, 1000, -20))
    expect(l.rmsDb).toBeCloseTo(-20, 1)
    expect(l.peakDb).toBeCloseTo(-17, 0)
    expect(l.clippedSamples).toBe(0)
    const clipped = Float32Array.from({ length: 1024 }, (_, i) => (i % 4 === 0 ? 1 : -0.9995))
    expect(chunkLevel(clipped).clippedSamples).toBe(1024)
    expect(chunkLevel(new Float32Array(1024))).toEqual({ rmsDb: -100, peakDb: -100, clippedSamples: 0 })
  })

  it('takes the median chunk as the noise floor, so one cough does not move it', () => {
    const quiet = Array.from({ length: 30 }, () => chunkLevel(tone(0.064, 200, -62)))
    const cough = chunkLevel(tone(0.064, 300, -10))
    expect(noiseFloorDb([...quiet.slice(0, 15), cough, ...quiet.slice(15)])).toBeCloseTo(-62, 1)
    expect(noiseFloorDb([])).toBe(-100)
  })

  it('maps −60…0 dBFS onto the meter', () => {
    expect(meterFraction(-100)).toBe(0)
    expect(meterFraction(-30)).toBeCloseTo(0.5, 9)
    expect(meterFraction(3)).toBe(1)
  })
})
