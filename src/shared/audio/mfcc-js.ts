/**
 * The MFCC frame pipeline in plain JavaScript (float64, fft.js): the implementation Haru used before
 * the WebAssembly kernel, kept as the fallback where WebAssembly SIMD is unavailable and as the
 * same-run baseline of `npm run bench`. Same roundings as the kernel; see mfcc.ts for the contract.
 */
import FFT from 'fft.js'
import { HOP_LENGTH, N_BINS, N_FFT, N_MELS, melFilterbank, periodicHann } from './mel-filterbank'

const HALF = N_FFT / 2
export const N_MFCC_JS = 13

/**
 * Real 2048-point FFT as fft.js's 1024-point complex FFT of the even/odd samples plus one split
 * pass: measured 1.2–1.5× faster here than fft.js's own 2048-point `realTransform`, with float64
 * rounding far below the complex64 rounding librosa applies afterwards.
 */
class RealFft {
  private readonly fft = new FFT(HALF)
  private readonly spectrum = new Float64Array(N_FFT)
  private readonly cos = new Float64Array(HALF)
  private readonly sin = new Float64Array(HALF)

  constructor() {
    for (let k = 0; k < HALF; k++) {
      this.cos[k] = Math.cos((2 * Math.PI * k) / N_FFT)
      this.sin[k] = Math.sin((2 * Math.PI * k) / N_FFT)
    }
  }

  /** Writes |X[k]|² for k = 0..1024 of the real frame `x` (length 2048), float32-rounded like librosa. */
  power(x: Float64Array, out: Float32Array): void {
    // Read as interleaved complex, x already is z[n] = x[2n] + i·x[2n+1]: no packing copy.
    const Z = this.spectrum
    this.fft.transform(Z, x)
    const f = Math.fround
    // k = 0 and k = N/2 come from Z[0] alone.
    const z0r = Z[0]!
    const z0i = Z[1]!
    out[0] = f(f(Math.abs(f(z0r + z0i))) ** 2)
    out[HALF] = f(f(Math.abs(f(z0r - z0i))) ** 2)
    for (let k = 1; k < HALF; k++) {
      const ar = Z[2 * k]!
      const ai = Z[2 * k + 1]!
      const br = Z[2 * (HALF - k)]!
      const bi = -Z[2 * (HALF - k) + 1]!
      // E = (A + conj B)/2, O = (A − conj B)/(2i), X = E + e^{-2πik/N}·O
      const er = 0.5 * (ar + br)
      const ei = 0.5 * (ai + bi)
      const or = 0.5 * (ai - bi)
      const oi = -0.5 * (ar - br)
      const c = this.cos[k]!
      const s = this.sin[k]!
      // librosa stores X as complex64 and takes np.abs (float32) before squaring in float32.
      const re = f(er + c * or + s * oi)
      const im = f(ei + c * oi - s * or)
      const mag = f(Math.sqrt(re * re + im * im))
      out[k] = f(mag * mag)
    }
  }
}

let sharedFft: RealFft | null = null
let sharedWindow: Float64Array | null = null
const frame = new Float64Array(N_FFT)
const power = new Float32Array(N_BINS)

/** Mel power (float32, frame-major, 128 bands) of `frames` centred frames; input already validated. */
export function melSpectrogramJs(samples: Float32Array, sampleRate: number, frames: number): Float32Array {
  const fft = (sharedFft ??= new RealFft())
  const window = (sharedWindow ??= periodicHann(N_FFT))
  const fb = melFilterbank(sampleRate)
  const n = samples.length
  const data = new Float32Array(frames * N_MELS)
  for (let t = 0; t < frames; t++) {
    const begin = t * HOP_LENGTH - HALF
    if (begin >= 0 && begin + N_FFT <= n) {
      for (let i = 0; i < N_FFT; i++) frame[i] = samples[begin + i]! * window[i]!
    } else {
      for (let i = 0; i < N_FFT; i++) {
        const j = begin + i
        frame[i] = j >= 0 && j < n ? samples[j]! * window[i]! : 0
      }
    }
    fft.power(frame, power)
    const row = t * N_MELS
    for (let m = 0; m < N_MELS; m++) {
      const k0 = fb.start[m]!
      const len = fb.count[m]!
      const w0 = fb.offset[m]!
      let acc = 0
      for (let j = 0; j < len; j++) acc += fb.weights[w0 + j]! * power[k0 + j]!
      data[row + m] = acc
    }
  }
  return data
}

let dctMatrix: Float64Array | null = null

/** Rows of `scipy.fft.dct(type=2, norm='ortho')` for k = 0..12 over 128 bands. */
export function orthoDct(): Float64Array {
  if (dctMatrix) return dctMatrix
  const m = new Float64Array(N_MFCC_JS * N_MELS)
  for (let k = 0; k < N_MFCC_JS; k++) {
    const scale = Math.sqrt((k === 0 ? 1 : 2) / N_MELS)
    for (let j = 0; j < N_MELS; j++) m[k * N_MELS + j] = scale * Math.cos((Math.PI * k * (2 * j + 1)) / (2 * N_MELS))
  }
  return (dctMatrix = m)
}

/** DCT-II (ortho) of each frame of a log-mel matrix (frame-major, 128 bands), keeping 13 coefficients. */
export function dctJs(db: Float32Array, frames: number): Float32Array {
  const dct = orthoDct()
  const data = new Float32Array(frames * N_MFCC_JS)
  for (let t = 0; t < frames; t++) {
    const row = t * N_MELS
    for (let k = 0; k < N_MFCC_JS; k++) {
      const base = k * N_MELS
      let acc = 0
      for (let j = 0; j < N_MELS; j++) acc += dct[base + j]! * db[row + j]!
      data[t * N_MFCC_JS + k] = acc
    }
  }
  return data
}
