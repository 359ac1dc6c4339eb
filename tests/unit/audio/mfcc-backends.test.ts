import { decodeWav } from '../../../src/shared/audio/wav'
import {
  computeMelSpectrogram,
  computeMfcc,
  computeUnclampedMelDb,
  defaultMfccBackend,
  mfccFromUnclampedMelDb,
  N_MFCC
} from '../../../src/shared/audio/mfcc'
import { hasShared } from '../../helpers/shared-data'
import { FIXTURE_DIR, fixtureNames, readFixtureBytes, readJson, type MfccReference } from './fixtures'

/**
 * mfcc-parity.test.ts checks the default backend (the WebAssembly SIMD kernel in Node) against
 * librosa. These check that the JavaScript fallback still meets the same budget, that the two
 * backends agree with each other, and that computing a clip in frame ranges (as the analysis
 * process does across threads) gives exactly the whole-clip result.
 */
const MFCC_TOL = 5e-4

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length)
  let d = 0
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!))
  return d
}

/** A deterministic 5 s test signal: two gliding tones, a quiet pause and noise. */
function testSignal(rate: number): Float32Array {
  let seed = 11
  const noise = (): number => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1
  return Float32Array.from({ length: rate * 5 }, (_, i) => {
    const t = i / rate
    const pause = t > 2 && t < 2.6 ? 0.001 : 1
    return pause * (0.3 * Math.sin(2 * Math.PI * (200 + 40 * t) * t) + 0.1 * Math.sin(2 * Math.PI * 1800 * t)) + 0.002 * noise()
  })
}

it('uses the WebAssembly kernel by default in Node', () => {
  expect(defaultMfccBackend()).toBe('wasm')
})

describe.each([8000, 16000, 44100])('backends at %i Hz', (rate) => {
  const x = testSignal(rate)

  it('give the same mel power (relative 1e-9) and MFCC (1e-4)', () => {
    const melJs = computeMelSpectrogram(x, rate, { backend: 'js' }).data
    const melWasm = computeMelSpectrogram(x, rate, { backend: 'wasm' }).data
    let rel = 0
    for (let i = 0; i < melJs.length; i++) rel = Math.max(rel, Math.abs(melJs[i]! - melWasm[i]!) / Math.max(melJs[i]!, 1e-12))
    expect(rel).toBeLessThanOrEqual(1e-9)
    expect(maxAbsDiff(computeMfcc(x, rate, { backend: 'js' }).data, computeMfcc(x, rate, { backend: 'wasm' }).data)).toBeLessThanOrEqual(1e-4)
  })

  it('in frame ranges, joined with the whole clip’s peak, equals the whole-clip MFCC exactly', () => {
    const whole = computeMfcc(x, rate)
    const frames = whole.frames
    const cut = [0, 37, Math.floor(frames * 0.6), frames]
    const parts = cut.slice(1).map((end, i) => computeUnclampedMelDb(x, rate, { firstFrame: cut[i]!, frameCount: end - cut[i]! }))
    const data = new Float32Array(frames * 128)
    parts.forEach((p, i) => data.set(p.data, cut[i]! * 128))
    const joined = mfccFromUnclampedMelDb(frames, data, Math.max(...parts.map((p) => p.maxDb)))
    expect(joined.frames).toBe(frames)
    expect(Array.from(joined.data)).toEqual(Array.from(whole.data))
  })
})

it('refuses a frame range outside the clip, and ranges on the JavaScript backend', () => {
  const x = testSignal(16000)
  expect(() => computeUnclampedMelDb(x, 16000, { firstFrame: 150, frameCount: 200 })).toThrow(/outside/)
  expect(() => computeUnclampedMelDb(x, 16000, { firstFrame: 0, frameCount: 0 })).toThrow(/outside/)
  expect(() => computeUnclampedMelDb(x, 16000, { backend: 'js', firstFrame: 10 })).toThrow(/whole clips/)
})

describe.skipIf(!hasShared(FIXTURE_DIR))('JavaScript fallback vs librosa 0.11 (all fixtures)', () => {
  const names = hasShared(FIXTURE_DIR) ? fixtureNames() : []
  it.each(names)('%s', (name) => {
    const wav = decodeWav(readFixtureBytes(`${name}.wav`))
    const ref = readJson<MfccReference>(FIXTURE_DIR, `${name}.mfcc.json`)
    const mfcc = computeMfcc(wav.samples, wav.sampleRate, { backend: 'js' })
    expect(mfcc.frames).toBe(ref.frames)
    let worst = 0
    for (let t = 0; t < ref.frames; t++) {
      for (let k = 0; k < N_MFCC; k++) worst = Math.max(worst, Math.abs(mfcc.data[t * N_MFCC + k]! - Math.fround(ref.mfcc[t]![k]!)))
    }
    expect(worst).toBeLessThanOrEqual(MFCC_TOL)
  })
})
