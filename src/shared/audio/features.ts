/**
 * From MFCC frames to model input: the seed's fixed 100-frame window and baseline normalisation
 * (bit-compatible with its numpy code), plus the energy-based voice activity and sliding windows
 * the `full` analysis mode uses to look past the first 3.2 s.
 */
import { AudioProcessingError } from './errors'
import { HOP_LENGTH, N_FFT, N_MFCC, computeMfcc, frameCount, type MfccMatrix } from './mfcc'

export const SEED_FRAMES = 100
/** The seed's `std + 1e-8`; in float32 it leaves these std values unchanged, but it is kept for parity. */
const STD_EPSILON = 1e-8

export interface Baseline {
  mean: ArrayLike<number>
  std: ArrayLike<number>
}

/** First `frames` rows; a shorter clip gets zero rows appended (the seed's padding). */
export function fixFrames(mfcc: MfccMatrix, frames: number = SEED_FRAMES, startFrame = 0): MfccMatrix {
  if (!Number.isInteger(frames) || frames <= 0) {
    throw new AudioProcessingError('invalid-argument', `frame count must be a positive integer, got ${frames}`)
  }
  if (!Number.isInteger(startFrame) || startFrame < 0) {
    throw new AudioProcessingError('invalid-argument', `start frame must be a non-negative integer, got ${startFrame}`)
  }
  const data = new Float32Array(frames * N_MFCC)
  const available = Math.max(0, Math.min(frames, mfcc.frames - startFrame))
  data.set(mfcc.data.subarray(startFrame * N_MFCC, (startFrame + available) * N_MFCC))
  return { frames, nMfcc: N_MFCC, data }
}

/** `(X − mean) / (std + 1e-8)` per coefficient, every step in float32 as numpy does it. */
export function normaliseWithBaseline(mfcc: MfccMatrix, baseline: Baseline): MfccMatrix {
  if (baseline.mean.length !== N_MFCC || baseline.std.length !== N_MFCC) {
    throw new AudioProcessingError('invalid-argument', `a baseline needs ${N_MFCC} means and ${N_MFCC} stds`)
  }
  const f = Math.fround
  const mean = Float32Array.from(baseline.mean)
  const std = Float32Array.from(baseline.std)
  for (let k = 0; k < N_MFCC; k++) {
    // The epsilon would turn a zero std into a ×1e8 blow-up rather than an error.
    if (!(std[k]! > 0) || !Number.isFinite(std[k]!) || !Number.isFinite(mean[k]!)) {
      throw new AudioProcessingError('invalid-argument', `baseline std[${k}] must be positive and mean[${k}] finite`)
    }
  }
  const denom = std.map((s) => f(s + STD_EPSILON))
  const data = new Float32Array(mfcc.data.length)
  for (let t = 0; t < mfcc.frames; t++) {
    for (let k = 0; k < N_MFCC; k++) {
      const i = t * N_MFCC + k
      data[i] = f(mfcc.data[i]! - mean[k]!) / denom[k]!
    }
  }
  return { frames: mfcc.frames, nMfcc: N_MFCC, data }
}

/** Coefficient-major (1, 13, frames) tensor data: the model's channels are the coefficients. */
export function toModelInput(mfcc: MfccMatrix): Float32Array {
  const { frames, data } = mfcc
  const out = new Float32Array(N_MFCC * frames)
  for (let t = 0; t < frames; t++) {
    for (let k = 0; k < N_MFCC; k++) out[k * frames + t] = data[t * N_MFCC + k]!
  }
  return out
}

/** The seed pipeline in one call: MFCC at the given rate → first 100 frames → baseline → (1,13,100). */
export function seedModelInput(samples: Float32Array, sampleRate: number, baseline: Baseline): Float32Array {
  return toModelInput(normaliseWithBaseline(fixFrames(computeMfcc(samples, sampleRate), SEED_FRAMES), baseline))
}

/**
 * Mean-square energy in dBFS of each MFCC frame (the same 2048-sample centred, zero-padded
 * frames), unwindowed. The framing is in samples, so the rate only has to be valid.
 */
export function frameEnergyDb(samples: Float32Array, sampleRate: number): Float32Array {
  if (!Number.isFinite(sampleRate) || sampleRate <= 0) {
    throw new AudioProcessingError('invalid-sample-rate', `sample rate must be positive, got ${sampleRate}`)
  }
  const n = samples.length
  // Prefix sums of squares make each frame O(1); float64 keeps them exact enough for hours of audio.
  // Frames start and end on multiples of the hop (or at n), so only those prefix values are kept:
  // the same sequential sums as a full prefix array, in 1/512 of its memory (77 MB for 10 minutes).
  const marks = new Float64Array(Math.floor(n / HOP_LENGTH) + 1)
  let sum = 0
  for (let i = 0; i < n; i++) {
    if (i % HOP_LENGTH === 0) marks[i / HOP_LENGTH] = sum
    sum += samples[i]! * samples[i]!
  }
  if (n % HOP_LENGTH === 0) marks[n / HOP_LENGTH] = sum
  const prefix = (i: number): number => (i === n ? sum : marks[i / HOP_LENGTH]!)
  const frames = frameCount(n)
  const out = new Float32Array(frames)
  for (let t = 0; t < frames; t++) {
    const lo = Math.max(0, t * HOP_LENGTH - N_FFT / 2)
    const hi = Math.min(n, t * HOP_LENGTH + N_FFT / 2)
    const meanSquare = hi > lo ? (prefix(hi) - prefix(lo)) / N_FFT : 0
    out[t] = 10 * Math.log10(Math.max(meanSquare, 1e-10))
  }
  return out
}

export interface VoiceActivityOptions {
  /** Percentile of frame energies taken as the clip's noise floor. */
  noisePercentile?: number
  /** A voiced frame is at least this far above the noise floor... */
  marginDb?: number
  /**
   * ...unless that would put the threshold closer than this to the loudest frame: a clip with no
   * pause at all has its "noise floor" inside the speech, and must not come out unvoiced.
   */
  peakHeadroomDb?: number
  /** Voiced frames are also above this absolute level, so a quiet room's hum never counts. */
  absoluteFloorDb?: number
}

export const DEFAULT_VAD: Required<VoiceActivityOptions> = {
  noisePercentile: 10,
  marginDb: 10,
  peakHeadroomDb: 15,
  absoluteFloorDb: -55
}

/** Energy threshold the mask uses, exposed so the UI/logs can explain a decision. */
export function voiceThresholdDb(energyDb: Float32Array, options: VoiceActivityOptions = {}): number {
  const { noisePercentile, marginDb, peakHeadroomDb, absoluteFloorDb } = { ...DEFAULT_VAD, ...options }
  if (energyDb.length === 0) return absoluteFloorDb
  const sorted = Float32Array.from(energyDb).sort()
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.floor((noisePercentile / 100) * (sorted.length - 1))))
  const peak = sorted[sorted.length - 1]!
  return Math.max(absoluteFloorDb, Math.min(sorted[rank]! + marginDb, peak - peakHeadroomDb))
}

/** 1 for frames whose energy clears the clip-relative threshold, else 0. */
export function voicedFrameMask(energyDb: Float32Array, options: VoiceActivityOptions = {}): Uint8Array {
  const threshold = voiceThresholdDb(energyDb, options)
  return Uint8Array.from(energyDb, (e) => (e > threshold ? 1 : 0))
}

export interface FrameWindow {
  /** First frame, inclusive. */
  start: number
  /** Last frame, exclusive; `end − start` < window only when the clip is shorter than one window. */
  end: number
  voicedFrames: number
}

/**
 * Windows of `windowFrames` every `hopFrames`, plus one flush with the end so the tail is never
 * skipped. Without a mask every frame counts as voiced.
 */
export function slidingWindows(
  totalFrames: number,
  windowFrames: number = SEED_FRAMES,
  hopFrames: number = SEED_FRAMES / 2,
  voiced?: Uint8Array
): FrameWindow[] {
  for (const [name, v] of [['totalFrames', totalFrames], ['windowFrames', windowFrames], ['hopFrames', hopFrames]] as const) {
    if (!Number.isInteger(v) || v < (name === 'totalFrames' ? 0 : 1)) {
      throw new AudioProcessingError('invalid-argument', `${name} must be a ${name === 'totalFrames' ? 'non-negative' : 'positive'} integer, got ${v}`)
    }
  }
  if (voiced && voiced.length !== totalFrames) {
    throw new AudioProcessingError('invalid-argument', `voiced mask has ${voiced.length} frames, expected ${totalFrames}`)
  }
  const prefix = new Int32Array(totalFrames + 1)
  for (let t = 0; t < totalFrames; t++) prefix[t + 1] = prefix[t]! + (voiced ? (voiced[t] ? 1 : 0) : 1)
  const make = (start: number, end: number): FrameWindow => ({ start, end, voicedFrames: prefix[end]! - prefix[start]! })
  if (totalFrames === 0) return []
  if (totalFrames <= windowFrames) return [make(0, totalFrames)]
  const out: FrameWindow[] = []
  let start = 0
  for (; start + windowFrames <= totalFrames; start += hopFrames) out.push(make(start, start + windowFrames))
  const last = out[out.length - 1]!
  if (last.end < totalFrames) out.push(make(totalFrames - windowFrames, totalFrames))
  return out
}
