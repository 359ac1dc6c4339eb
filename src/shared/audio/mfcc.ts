/**
 * MFCC exactly as `librosa.feature.mfcc(y=y, sr=sr, n_mfcc=13)` in librosa 0.11: centred STFT
 * (n_fft 2048, hop 512, periodic Hann, zero padding), |X|², 128 Slaney mels, power_to_db
 * (amin 1e-10, top_db 80 from the whole clip's max), orthonormal DCT-II. The FFT runs in float64
 * like librosa's; each value librosa stores as float32 is rounded to float32 at the same point.
 * The frame pipeline runs in the WebAssembly SIMD kernel (mfcc-wasm.ts) where it loads, else in
 * JavaScript (mfcc-js.ts); this module is the one API over both.
 */
import { AudioProcessingError, assertSampleRate } from './errors'
import { HOP_LENGTH, N_MELS, N_MFCC } from './mel-filterbank'
import { dctJs, melSpectrogramJs } from './mfcc-js'
import { MfccKernel, type MfccKernelImage } from './mfcc-wasm'

export { HOP_LENGTH, N_FFT, N_MELS, N_MFCC } from './mel-filterbank'

export interface MfccMatrix {
  frames: number
  nMfcc: typeof N_MFCC
  /** Frame-major: coefficient `k` of frame `t` is `data[t * 13 + k]`. */
  data: Float32Array
}

export interface MelSpectrogram {
  frames: number
  nMels: typeof N_MELS
  /** Frame-major: band `m` of frame `t` is `data[t * 128 + m]`. */
  data: Float32Array
}

export interface MelDb extends MelSpectrogram {
  /** Largest dB value over the whole clip, before clamping. */
  maxDb: number
  /** `maxDb − 80` in float32: every value below it was raised to it. */
  floorDb: number
}

const AMIN = Math.fround(1e-10)
const TOP_DB = 80.0

/** `1 + floor(n / 512)`: librosa's centred frame count; frame `t` is centred on sample `512·t`. */
export function frameCount(nSamples: number): number {
  return 1 + Math.floor(nSamples / HOP_LENGTH)
}

function checkInput(samples: Float32Array, sampleRate: number): void {
  assertSampleRate(sampleRate)
  if (samples.length === 0) throw new AudioProcessingError('invalid-argument', 'cannot compute features of an empty signal')
  for (let i = 0; i < samples.length; i++) {
    // librosa refuses non-finite audio too (`valid_audio`): one NaN would poison the clip max.
    if (!Number.isFinite(samples[i]!)) {
      throw new AudioProcessingError('invalid-argument', `sample ${i} is not a finite number (${samples[i]})`)
    }
  }
}

export type MfccBackend = 'wasm' | 'js'

export interface MfccOptions {
  /**
   * `wasm` (default where it loads): the WebAssembly SIMD kernel; `js`: the plain JavaScript
   * pipeline, the fallback and the benchmark's baseline. Both are float64 with librosa's float32
   * roundings and pass the same parity tests; they differ by FFT rounding (≈ 1e-16 relative).
   */
  backend?: MfccBackend
  /** First frame to compute (a slice of the clip's frames, for splitting work across threads). */
  firstFrame?: number
  /** How many frames from `firstFrame` (default: to the end of the clip). */
  frameCount?: number
}

let kernel: MfccKernel | null | undefined

/** The backend `computeMfcc` uses by default in this runtime. */
export function defaultMfccBackend(): MfccBackend {
  if (kernel === undefined) kernel = MfccKernel.load()
  return kernel ? 'wasm' : 'js'
}

/** The kernel's module and tables for `sampleRate`, to run it in a worker thread; null without the kernel. */
export function mfccKernelImage(sampleRate: number): MfccKernelImage | null {
  assertSampleRate(sampleRate)
  return defaultMfccBackend() === 'wasm' ? kernel!.image(sampleRate) : null
}

function frameRange(samples: Float32Array, options: MfccOptions): { first: number; count: number } {
  const total = frameCount(samples.length)
  const first = options.firstFrame ?? 0
  const count = options.frameCount ?? total - first
  if (!Number.isInteger(first) || !Number.isInteger(count) || first < 0 || count < 1 || first + count > total) {
    throw new AudioProcessingError('invalid-argument', `frames ${first}..${first + count - 1} are outside the clip's 0..${total - 1}`)
  }
  return { first, count }
}

function wasmKernel(): MfccKernel {
  if (defaultMfccBackend() !== 'wasm') throw new AudioProcessingError('invalid-argument', 'the WebAssembly MFCC kernel cannot load in this runtime')
  return kernel!
}

function wholeClipOnly(samples: Float32Array, first: number, count: number): void {
  if (first !== 0 || count !== frameCount(samples.length)) {
    throw new AudioProcessingError('invalid-argument', 'the JavaScript MFCC computes whole clips only')
  }
}

/** `librosa.feature.melspectrogram(y, sr)` (power 2, float32), frame-major. */
export function computeMelSpectrogram(samples: Float32Array, sampleRate: number, options: MfccOptions = {}): MelSpectrogram {
  checkInput(samples, sampleRate)
  const { first, count } = frameRange(samples, options)
  if ((options.backend ?? defaultMfccBackend()) === 'wasm') {
    return { frames: count, nMels: N_MELS, data: wasmKernel().melSpectrogram(samples, sampleRate, count, first) }
  }
  wholeClipOnly(samples, first, count)
  return { frames: count, nMels: N_MELS, data: melSpectrogramJs(samples, sampleRate, count) }
}

/** `10·log10(max(S, amin))` in float32 (power_to_db before its floor), in place; returns the largest value. */
function toDbInPlace(data: Float32Array): number {
  const f = Math.fround
  let maxDb = -Infinity
  for (let i = 0; i < data.length; i++) {
    const s = data[i]!
    const db = f(10 * f(Math.log10(s > AMIN ? s : AMIN)))
    data[i] = db
    if (db > maxDb) maxDb = db
  }
  return maxDb
}

function withFloor(frames: number, data: Float32Array, maxDb: number): MelDb {
  const floorDb = Math.fround(maxDb - TOP_DB)
  for (let i = 0; i < data.length; i++) if (data[i]! < floorDb) data[i] = floorDb
  return { frames, nMels: N_MELS, data, maxDb, floorDb }
}

/** `librosa.power_to_db(S, ref=1.0, amin=1e-10, top_db=80.0)` in float32; returns a new matrix. */
export function powerToDb(mel: MelSpectrogram): MelDb {
  const data = Float32Array.from(mel.data)
  return withFloor(mel.frames, data, toDbInPlace(data))
}

/**
 * Mel dB of a range of frames before the whole clip's 80 dB floor (which needs every frame's
 * peak): the part of the MFCC that can be split across threads. `maxDb` is the range's peak.
 */
export function computeUnclampedMelDb(samples: Float32Array, sampleRate: number, options: MfccOptions = {}): { frames: number; data: Float32Array; maxDb: number } {
  checkInput(samples, sampleRate)
  const { first, count } = frameRange(samples, options)
  if ((options.backend ?? defaultMfccBackend()) === 'wasm') return { frames: count, ...wasmKernel().melDb(samples, sampleRate, count, first) }
  wholeClipOnly(samples, first, count)
  const data = melSpectrogramJs(samples, sampleRate, count)
  return { frames: count, data, maxDb: toDbInPlace(data) }
}

/** The log-mel stage (`power_to_db(melspectrogram(y, sr))`), exported to debug the MFCC. */
export function computeMelDb(samples: Float32Array, sampleRate: number, options: Pick<MfccOptions, 'backend'> = {}): MelDb {
  const { frames, data, maxDb } = computeUnclampedMelDb(samples, sampleRate, options)
  return withFloor(frames, data, maxDb)
}

/** DCT-II (ortho) of each frame of a log-mel matrix, keeping 13 coefficients. */
export function melDbToMfcc(melDb: MelSpectrogram, options: Pick<MfccOptions, 'backend'> = {}): MfccMatrix {
  const { frames, data: db } = melDb
  const data = (options.backend ?? defaultMfccBackend()) === 'wasm' ? wasmKernel().dct(db, frames) : dctJs(db, frames)
  return { frames, nMfcc: N_MFCC, data }
}

/**
 * The MFCC from unclamped mel dB rows of the whole clip and their peak: applies the 80 dB floor
 * and the DCT (in the kernel, one pass). `data` may be modified.
 */
export function mfccFromUnclampedMelDb(frames: number, data: Float32Array, maxDb: number, options: Pick<MfccOptions, 'backend'> = {}): MfccMatrix {
  if ((options.backend ?? defaultMfccBackend()) === 'wasm') {
    return { frames, nMfcc: N_MFCC, data: wasmKernel().dct(data, frames, Math.fround(maxDb - TOP_DB)) }
  }
  return melDbToMfcc(withFloor(frames, data, maxDb), options)
}

/** `librosa.feature.mfcc(y=samples, sr=sampleRate, n_mfcc=13).T`, at the signal's own rate. */
export function computeMfcc(samples: Float32Array, sampleRate: number, options: Pick<MfccOptions, 'backend'> = {}): MfccMatrix {
  const { frames, data, maxDb } = computeUnclampedMelDb(samples, sampleRate, options)
  return mfccFromUnclampedMelDb(frames, data, maxDb, options)
}

/** Coefficients of frame `t` (a view into `mfcc.data`, not a copy). */
export function mfccRow(mfcc: MfccMatrix, t: number): Float32Array {
  if (!Number.isInteger(t) || t < 0 || t >= mfcc.frames) {
    throw new AudioProcessingError('invalid-argument', `frame ${t} is outside 0..${mfcc.frames - 1}`)
  }
  return mfcc.data.subarray(t * N_MFCC, (t + 1) * N_MFCC)
}
