import { hasShared } from '../../helpers/shared-data'
import { resampleTo, resampledLength } from '../../../src/shared/audio/resample'
import { AudioProcessingError } from '../../../src/shared/audio/errors'
import { decodeWav } from '../../../src/shared/audio/wav'
import { computeMelDb, computeMfcc, N_MFCC, type MfccMatrix } from '../../../src/shared/audio/mfcc'
import { melFilterbank } from '../../../src/shared/audio/mel-filterbank'
import { FIXTURE_DIR, readFixtureBytes } from './fixtures'

function sine(n: number, rate: number, hz: number, amp: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => amp * Math.sin((2 * Math.PI * hz * i) / rate))
}

describe('resampleTo', () => {
  it('keeps a 1 kHz sine’s frequency, phase and amplitude from 44.1 kHz to 16 kHz', async () => {
    const input = sine(44100 * 2 + 37, 44100, 1000, 0.5)
    const out = await resampleTo(input, 44100, 16000)
    expect(out.length).toBe(Math.ceil((input.length * 16000) / 44100))
    const ideal = sine(out.length, 16000, 1000, 0.5)
    const edge = 200 // the sinc filter's ramp-in/out at the clip ends
    let maxErr = 0
    let dot = 0
    let normA = 0
    let normB = 0
    for (let i = edge; i < out.length - edge; i++) {
      maxErr = Math.max(maxErr, Math.abs(out[i]! - ideal[i]!))
      dot += out[i]! * ideal[i]!
      normA += out[i]! * out[i]!
      normB += ideal[i]! * ideal[i]!
    }
    expect(maxErr).toBeLessThan(1e-3)
    expect(dot / Math.sqrt(normA * normB)).toBeGreaterThan(0.999999)
    expect(Math.sqrt(normA / normB)).toBeCloseTo(1, 4)
  })

  it('removes content above the new Nyquist instead of aliasing it', async () => {
    // 11 kHz would alias to 5 kHz at 16 kHz without the anti-aliasing filter.
    const out = await resampleTo(sine(44100, 44100, 11000, 0.5), 44100, 16000)
    let peak = 0
    for (let i = 400; i < out.length - 400; i++) peak = Math.max(peak, Math.abs(out[i]!))
    expect(peak).toBeLessThan(1e-3)
  })

  it('upsamples 8 kHz without changing the tone', async () => {
    const out = await resampleTo(sine(8000, 8000, 440, 0.3), 8000, 16000)
    expect(out.length).toBe(16000)
    const ideal = sine(out.length, 16000, 440, 0.3)
    let maxErr = 0
    for (let i = 200; i < out.length - 200; i++) maxErr = Math.max(maxErr, Math.abs(out[i]! - ideal[i]!))
    expect(maxErr).toBeLessThan(1e-3)
  })

  it('streams long inputs in chunks without losing the tail or the continuity', async () => {
    // 25 s at 48 kHz is more than the wrapper's 1,008,000-sample buffer.
    const input = sine(48000 * 25, 48000, 440, 0.3)
    const out = await resampleTo(input, 48000, 16000)
    expect(out.length).toBe(16000 * 25)
    const ideal = sine(out.length, 16000, 440, 0.3)
    let maxErr = 0
    for (let i = 200; i < out.length - 200; i++) maxErr = Math.max(maxErr, Math.abs(out[i]! - ideal[i]!))
    expect(maxErr).toBeLessThan(1e-3)
  })

  it('returns an equal copy when the rates match', async () => {
    const input = Float32Array.from([0.1, -0.2, 0.3])
    const out = await resampleTo(input, 16000, 16000)
    expect(out).not.toBe(input)
    expect(Array.from(out)).toEqual(Array.from(input))
  })

  it('rejects invalid rates with AudioProcessingError', async () => {
    await expect(resampleTo(new Float32Array(10), 0, 16000)).rejects.toBeInstanceOf(AudioProcessingError)
    await expect(resampleTo(new Float32Array(10), 44100, Number.NaN)).rejects.toMatchObject({ code: 'invalid-sample-rate' })
    await expect(resampleTo(new Float32Array(10), 384000, 16000)).rejects.toMatchObject({ code: 'invalid-sample-rate' })
  })

  it('computes librosa’s output length, ceil(n·to/from), exactly', () => {
    expect(resampledLength(44100, 44100, 16000)).toBe(16000)
    expect(resampledLength(44101, 44100, 16000)).toBe(16001)
    expect(resampledLength(68588, 22050, 16000)).toBe(49770)
    expect(resampledLength(0, 8000, 16000)).toBe(0)
  })
})

function meanAbsDiff(a: MfccMatrix, b: MfccMatrix, k0: number, k1: number): { mean: number; max: number } {
  const frames = Math.min(a.frames, b.frames)
  let sum = 0
  let max = 0
  for (let t = 0; t < frames; t++) {
    for (let k = k0; k < k1; k++) {
      const d = Math.abs(a.data[t * N_MFCC + k]! - b.data[t * N_MFCC + k]!)
      sum += d
      max = Math.max(max, d)
    }
  }
  return { mean: sum / (frames * (k1 - k0)), max }
}

describe.skipIf(!hasShared(FIXTURE_DIR))('the same sentence at 22.05/44.1/8 kHz, resampled to 16 kHz', () => {
  it('gives MFCCs close to each other where the bandwidth allows', async () => {
    const rates = ['22050', '44100', '8000'] as const
    const at16k: Record<string, Float32Array> = {}
    for (const r of rates) {
      const wav = decodeWav(readFixtureBytes(`ko_hope_s160_p50_${r}.wav`))
      at16k[r] = await resampleTo(wav.samples, wav.sampleRate, 16000)
      expect(at16k[r]!.length).toBe(49770)
    }
    const mfcc = Object.fromEntries(rates.map((r) => [r, computeMfcc(at16k[r]!, 16000)]))
    const hi = { c0: meanAbsDiff(mfcc['22050']!, mfcc['44100']!, 0, 1), rest: meanAbsDiff(mfcc['22050']!, mfcc['44100']!, 1, 13) }
    const lo = { c0: meanAbsDiff(mfcc['22050']!, mfcc['8000']!, 0, 1), rest: meanAbsDiff(mfcc['22050']!, mfcc['8000']!, 1, 13) }

    // The 8 kHz file has nothing above 4 kHz, so only the log-mel bands below 3.8 kHz can agree.
    const fb = melFilterbank(16000)
    const lowBands = [...Array(128).keys()].filter((m) => ((fb.start[m]! + fb.count[m]!) * 16000) / 2048 < 3800)
    const dbA = computeMelDb(at16k['22050']!, 16000)
    const dbB = computeMelDb(at16k['8000']!, 16000)
    let bandSum = 0
    for (let t = 0; t < dbA.frames; t++) for (const m of lowBands) bandSum += Math.abs(dbA.data[t * 128 + m]! - dbB.data[t * 128 + m]!)
    const lowBandDb = bandSum / (dbA.frames * lowBands.length)

    const f = (x: { mean: number; max: number }): string => `mean ${x.mean.toFixed(3)} max ${x.max.toFixed(2)}`
    console.log(
      [
        'ko_hope resampled to 16 kHz, MFCC |Δ| between source rates:',
        `  22050 vs 44100: c0 ${f(hi.c0)}; c1..12 ${f(hi.rest)}`,
        `  22050 vs  8000: c0 ${f(lo.c0)}; c1..12 ${f(lo.rest)}`,
        `  22050 vs  8000, log-mel bands < 3.8 kHz (${lowBands.length}): mean |Δ| ${lowBandDb.toFixed(3)} dB`
      ].join('\n')
    )
    // Loose bounds (measured: ~0.02 mean, < 1 max): a resampler bug would be off by tens.
    expect(hi.c0.mean).toBeLessThan(0.2)
    expect(hi.rest.mean).toBeLessThan(0.2)
    expect(hi.rest.max).toBeLessThan(3)
    expect(lowBandDb).toBeLessThan(0.5)
  })
})
