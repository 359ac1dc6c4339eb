import {
  fixFrames,
  frameEnergyDb,
  normaliseWithBaseline,
  seedModelInput,
  slidingWindows,
  toModelInput,
  voicedFrameMask,
  voiceThresholdDb
} from '../../../src/shared/audio/features'
import { computeMfcc, frameCount, N_MFCC, type MfccMatrix } from '../../../src/shared/audio/mfcc'
import { AudioProcessingError } from '../../../src/shared/audio/errors'

const SR = 16000

function matrix(frames: number, value: (t: number, k: number) => number): MfccMatrix {
  const data = new Float32Array(frames * N_MFCC)
  for (let t = 0; t < frames; t++) for (let k = 0; k < N_MFCC; k++) data[t * N_MFCC + k] = value(t, k)
  return { frames, nMfcc: N_MFCC, data }
}

/** Deterministic noise plus 220 Hz bursts (with harmonics, like a voiced vowel) in [start, end) seconds. */
function burstClip(seconds: number, bursts: [number, number][], noiseAmp: number, toneAmp: number): Float32Array {
  let seed = 42
  const noise = (): number => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1
  return Float32Array.from({ length: seconds * SR }, (_, i) => {
    const s = i / SR
    const inBurst = bursts.some(([a, b]) => s >= a && s < b)
    const tone = inBurst ? toneAmp * (Math.sin(2 * Math.PI * 220 * s) + 0.5 * Math.sin(2 * Math.PI * 440 * s)) : 0
    return noiseAmp * noise() + tone
  })
}

/** Frames whose whole 2048-sample window is inside / entirely outside the bursts. */
function expectedFrames(nSamples: number, bursts: [number, number][]): { inside: number[]; outside: number[] } {
  const inside: number[] = []
  const outside: number[] = []
  for (let t = 0; t < frameCount(nSamples); t++) {
    const lo = (t * 512 - 1024) / SR
    const hi = (t * 512 + 1024) / SR
    if (bursts.some(([a, b]) => lo >= a && hi <= b)) inside.push(t)
    else if (bursts.every(([a, b]) => hi <= a || lo >= b)) outside.push(t)
  }
  return { inside, outside }
}

describe('fixFrames / normaliseWithBaseline / toModelInput', () => {
  it('pads a short clip with zero rows and keeps the first frames of a long one', () => {
    const short = fixFrames(matrix(92, (t, k) => t * 100 + k + 1), 100)
    expect(short.frames).toBe(100)
    expect(short.data[91 * N_MFCC + 12]).toBe(9113)
    expect(Array.from(short.data.subarray(92 * N_MFCC))).toEqual(new Array(8 * N_MFCC).fill(0))
    const long = fixFrames(matrix(370, (t) => t), 100)
    expect(long.frames).toBe(100)
    expect(long.data[99 * N_MFCC]).toBe(99)
    const later = fixFrames(matrix(370, (t) => t), 100, 300)
    expect(later.data[0]).toBe(300)
    expect(later.data[69 * N_MFCC]).toBe(369)
    expect(later.data[70 * N_MFCC]).toBe(0)
  })

  it('normalises per coefficient in float32, turning zero rows into −mean/std', () => {
    const mean = Array.from({ length: 13 }, (_, k) => k - 6.5)
    const std = Array.from({ length: 13 }, (_, k) => 0.5 + k)
    const out = normaliseWithBaseline(matrix(2, (t, k) => (t === 0 ? 10 : 0) + k), { mean, std })
    for (let k = 0; k < N_MFCC; k++) {
      expect(out.data[k]).toBe(Math.fround(Math.fround(10 + k - mean[k]!) / Math.fround(std[k]! + 1e-8)))
      expect(out.data[N_MFCC + k]).toBe(Math.fround(Math.fround(k - mean[k]!) / std[k]!))
    }
    expect(() => normaliseWithBaseline(matrix(1, () => 0), { mean: [0], std: [1] })).toThrow(AudioProcessingError)
    expect(() => normaliseWithBaseline(matrix(1, () => 0), { mean, std: std.map(() => 0) })).toThrow(/std\[0\]/)
  })

  it('lays the model input out coefficient-major: (1, 13, frames)', () => {
    const input = toModelInput(matrix(100, (t, k) => t * 1000 + k))
    expect(input.length).toBe(1300)
    expect(input[0]).toBe(0)
    expect(input[1]).toBe(1000) // k = 0, t = 1
    expect(input[100]).toBe(1) // k = 1, t = 0
    expect(input[12 * 100 + 99]).toBe(99012)
  })

  it('seedModelInput chains MFCC → first 100 frames → baseline → (1,13,100)', () => {
    const clip = burstClip(1, [[0.2, 0.8]], 0.001, 0.2)
    const baseline = { mean: new Array(13).fill(1), std: new Array(13).fill(2) }
    const input = seedModelInput(clip, SR, baseline)
    const mfcc = computeMfcc(clip, SR)
    expect(input.length).toBe(1300)
    expect(input[5 * 100 + 7]).toBe(Math.fround(Math.fround(mfcc.data[7 * N_MFCC + 5]! - 1) / 2))
    expect(input[5 * 100 + 99]).toBe(-0.5) // frame 99 is a padded row: (0 − 1) / 2
  })
})

describe('frameEnergyDb + voicedFrameMask', () => {
  it('uses the MFCC framing: one value per frame, centred on 512·t', () => {
    const clip = new Float32Array(5000)
    clip.fill(0.5, 2048, 2049) // frame t spans [512t − 1024, 512t + 1024): frames 3..6 contain sample 2048
    const e = frameEnergyDb(clip, SR)
    expect(e.length).toBe(frameCount(5000))
    expect(e[2]).toBe(-100)
    expect(e[3]).toBeCloseTo(10 * Math.log10(0.25 / 2048), 4)
    expect(e[6]).toBeCloseTo(10 * Math.log10(0.25 / 2048), 4)
    expect(e[7]).toBe(-100)
  })

  it.each([
    ['quiet room (−70 dBFS noise)', 0.0005],
    ['noisy room (−35 dBFS noise)', 0.03]
  ])('finds the tone bursts in a %s', (_label, noiseAmp) => {
    const bursts: [number, number][] = [
      [0.5, 1.0],
      [1.8, 2.6]
    ]
    const clip = burstClip(3, bursts, noiseAmp, 0.3)
    const mask = voicedFrameMask(frameEnergyDb(clip, SR))
    const { inside, outside } = expectedFrames(clip.length, bursts)
    expect(inside.length).toBeGreaterThan(30)
    expect(outside.length).toBeGreaterThan(30)
    expect(inside.filter((t) => mask[t] !== 1)).toEqual([])
    expect(outside.filter((t) => mask[t] !== 0)).toEqual([])
  })

  it('marks nothing in digital silence or faint hum, and everything in an unbroken tone', () => {
    expect(Array.from(voicedFrameMask(frameEnergyDb(new Float32Array(SR), SR))).every((v) => v === 0)).toBe(true)
    const hum = burstClip(1, [[0, 1]], 0, 0.0005) // about −66 dBFS, below the absolute floor
    expect(Array.from(voicedFrameMask(frameEnergyDb(hum, SR))).every((v) => v === 0)).toBe(true)
    const tone = burstClip(2, [[0, 2]], 0.0005, 0.3)
    const mask = voicedFrameMask(frameEnergyDb(tone, SR))
    // Only the first/last frames, half zero padding, may fall under the threshold.
    expect(mask.slice(2, -2).every((v) => v === 1)).toBe(true)
  })

  it('exposes the threshold it used', () => {
    const energies = Float32Array.from([-80, -80, -80, -80, -80, -80, -80, -80, -80, -80, -20, -15])
    expect(voiceThresholdDb(energies)).toBe(-55) // floor −80 + 10 = −70, raised to the absolute floor
    expect(voiceThresholdDb(energies, { absoluteFloorDb: -90 })).toBe(-70)
    expect(voiceThresholdDb(Float32Array.from([-20, -20, -20]))).toBe(-35) // no pause: peak − 15
  })
})

describe('slidingWindows', () => {
  it('covers the clip with 100-frame windows every 50 frames, flush with the end', () => {
    expect(slidingWindows(0)).toEqual([])
    expect(slidingWindows(44)).toEqual([{ start: 0, end: 44, voicedFrames: 44 }])
    expect(slidingWindows(100).map((w) => [w.start, w.end])).toEqual([[0, 100]])
    expect(slidingWindows(101).map((w) => [w.start, w.end])).toEqual([
      [0, 100],
      [1, 101]
    ])
    expect(slidingWindows(250, 100, 50).map((w) => [w.start, w.end])).toEqual([
      [0, 100],
      [50, 150],
      [100, 200],
      [150, 250]
    ])
    expect(slidingWindows(260, 100, 50).map((w) => [w.start, w.end]).at(-1)).toEqual([160, 260])
  })

  it('counts voiced frames per window from the mask', () => {
    const mask = new Uint8Array(200)
    mask.fill(1, 120, 180)
    const windows = slidingWindows(200, 100, 50, mask)
    expect(windows.map((w) => w.voicedFrames)).toEqual([0, 30, 60])
  })

  it('rejects inconsistent arguments', () => {
    expect(() => slidingWindows(10, 0, 5)).toThrow(AudioProcessingError)
    expect(() => slidingWindows(10, 5, 1.5)).toThrow(AudioProcessingError)
    expect(() => slidingWindows(10, 5, 5, new Uint8Array(9))).toThrow(/mask/)
  })
})

describe('input validation', () => {
  it('computeMfcc rejects empty, non-finite input and bad rates with AudioProcessingError', () => {
    expect(() => computeMfcc(new Float32Array(0), SR)).toThrow(AudioProcessingError)
    expect(() => computeMfcc(Float32Array.from([0, Number.NaN]), SR)).toThrow(/not a finite number/)
    expect(() => computeMfcc(new Float32Array(10), 0)).toThrow(AudioProcessingError)
  })
})
