/**
 * MFCC exactly as `librosa.feature.mfcc(y=y, sr=sr, n_mfcc=13)` in librosa 0.11: centred STFT
 * (n_fft 2048, hop 512, periodic Hann, zero padding), |X|², 128 Slaney mels, power_to_db
 * (amin 1e-10, top_db 80 from the whole clip's max), orthonormal DCT-II. The FFT runs in float64
 * like scipy's; each value librosa stores as float32 is rounded to float32 at the same point.
 */
import { AudioProcessingError, assertSampleRate } from './errors'
import { HOP_LENGTH, N_MELS } from './mel-filterbank'
import { dctJs, melSpectrogramJs } from './mfcc-js'
import { MfccKernel } from './mfcc-wasm'

export { HOP_LENGTH, N_FFT, N_MELS } from './mel-filterbank'
export const N_MFCC = 13

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

function frameRange(samples: Float32Array, options: MfccOptions): { first: number; count: number } {
  const total = frameCount(samples.length)
  const first = options.firstFrame ?? 0
  const count = options.frameCount ?? total - first
  if (!Number.isInteger(first) || !Number.isInteger(count) || first < 0 || count < 1 || first + count > total) {
    throw new AudioProcessingError('invalid-argument', `frames ${first}..${first + count - 1} are outside the clip's 0..${total - 1}`)
  }
  return { first, count }
}

/** `librosa.feature.melspectrogram(y, sr)` (power 2, float32), frame-major. */
export function computeMelSpectrogram(samples: Float32Array, sampleRate: number, options: MfccOptions = {}): MelSpectrogram {
  checkInput(samples, sampleRate)
  const { first, count } = frameRange(samples, options)
  const backend = options.backend ?? defaultMfccBackend()
  if (backend === 'wasm') {
    if (defaultMfccBackend() !== 'wasm') throw new AudioProcessingError('invalid-argument', 'the WebAssembly MFCC kernel cannot load in this runtime')
    return { frames: count, nMels: N_MELS, data: kernel!.melSpectrogram(samples, sampleRate, count, first) }
  }
  if (first !== 0 || count !== frameCount(samples.length)) {
    throw new AudioProcessingError('invalid-argument', 'the JavaScript MFCC computes whole clips only')
  }
  return { frames: count, nMels: N_MELS, data: melSpectrogramJs(samples, sampleRate, count) }
}

/** `librosa.power_to_db(S, ref=1.0, amin=1e-10, top_db=80.0)` in float32; returns a new matrix. */
export function powerToDb(mel: MelSpectrogram): MelDb {
  const f = Math.fround
  const src = mel.data
  const data = new Float32Array(src.length)
  let maxDb = -Infinity
  for (let i = 0; i < src.length; i++) {
    const s = src[i]!
    const db = f(10 * f(Math.log10(s > AMIN ? s : AMIN)))
    data[i] = db
    if (db > maxDb) maxDb = db
  }
  const floorDb = f(maxDb - TOP_DB)
  for (let i = 0; i < data.length; i++) if (data[i]! < floorDb) data[i] = floorDb
  return { frames: mel.frames, nMels: N_MELS, data, maxDb, floorDb }
}

/** The log-mel stage (`power_to_db(melspectrogram(y, sr))`), exported to debug the MFCC. */
export function computeMelDb(samples: Float32Array, sampleRate: number, options: Pick<MfccOptions, 'backend'> = {}): MelDb {
  return powerToDb(computeMelSpectrogram(samples, sampleRate, options))
}

/** DCT-II (ortho) of each frame of a log-mel matrix, keeping 13 coefficients. */
export function melDbToMfcc(melDb: MelSpectrogram, options: Pick<MfccOptions, 'backend'> = {}): MfccMatrix {
  const { frames, data: db } = melDb
  const backend = options.backend ?? defaultMfccBackend()
  const data = backend === 'wasm' && defaultMfccBackend() === 'wasm' ? kernel!.dct(db, frames) : dctJs(db, frames)
  return { frames, nMfcc: N_MFCC, data }
}

/** `librosa.feature.mfcc(y=samples, sr=sampleRate, n_mfcc=13).T`, at the signal's own rate. */
export function computeMfcc(samples: Float32Array, sampleRate: number, options: Pick<MfccOptions, 'backend'> = {}): MfccMatrix {
  return melDbToMfcc(powerToDb(computeMelSpectrogram(samples, sampleRate, options)), options)
}

/** Coefficients of frame `t` (a view into `mfcc.data`, not a copy). */
export function mfccRow(mfcc: MfccMatrix, t: number): Float32Array {
  if (!Number.isInteger(t) || t < 0 || t >= mfcc.frames) {
    throw new AudioProcessingError('invalid-argument', `frame ${t} is outside 0..${mfcc.frames - 1}`)
  }
  return mfcc.data.subarray(t * N_MFCC, (t + 1) * N_MFCC)
}
