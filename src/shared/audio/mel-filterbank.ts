/**
 * librosa 0.11 `filters.mel(sr, n_fft=2048, n_mels=128, fmin=0, fmax=sr/2, htk=False,
 * norm='slaney', dtype=float32)`, reproduced operation for operation in float64 so the float32
 * roundings land on the same values, and stored sparsely (each triangle touches few bins).
 */
export const N_FFT = 2048
export const HOP_LENGTH = 512
export const N_MELS = 128
/** Coefficients per frame (librosa's n_mfcc). Here, with the other shape constants, so code that only
 * needs the shape (e.g. the renderer, through calibration rules) does not pull in the WASM MFCC. */
export const N_MFCC = 13
export const N_BINS = N_FFT / 2 + 1

export interface MelFilterbank {
  sampleRate: number
  /** First FFT bin with a nonzero weight, per mel band (0 with `count` 0 for an empty band). */
  start: Int32Array
  count: Int32Array
  /** Offset of each band's weights in `weights`. */
  offset: Int32Array
  /** The float32-rounded Slaney-normalised weights, concatenated band after band. */
  weights: Float64Array
}

// Slaney mel scale constants, in the order librosa's `hz_to_mel`/`mel_to_hz` compute them.
const F_SP = 200.0 / 3
const MIN_LOG_HZ = 1000.0
const MIN_LOG_MEL = MIN_LOG_HZ / F_SP
const LOGSTEP = Math.log(6.4) / 27.0

function hzToMel(hz: number): number {
  return hz >= MIN_LOG_HZ ? MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOGSTEP : hz / F_SP
}

function melToHz(mel: number): number {
  return mel >= MIN_LOG_MEL ? MIN_LOG_HZ * Math.exp(LOGSTEP * (mel - MIN_LOG_MEL)) : F_SP * mel
}

/** `mel_frequencies(n_mels + 2, fmin=0, fmax=sr/2)`: numpy linspace (`i·step + start`, exact end). */
function melBandEdgesHz(sampleRate: number): Float64Array {
  const n = N_MELS + 2
  const maxMel = hzToMel(sampleRate / 2)
  const step = maxMel / (n - 1)
  const hz = new Float64Array(n)
  for (let i = 0; i < n; i++) hz[i] = melToHz(i === n - 1 ? maxMel : i * step)
  return hz
}

export function buildMelFilterbank(sampleRate: number): MelFilterbank {
  const melF = melBandEdgesHz(sampleRate)
  // np.fft.rfftfreq(n_fft, d=1/sr) multiplies the bin index by 1/(n·d).
  const binHz = 1.0 / (N_FFT * (1.0 / sampleRate))
  const start = new Int32Array(N_MELS)
  const count = new Int32Array(N_MELS)
  const offset = new Int32Array(N_MELS)
  const rows: Float64Array[] = []
  let total = 0
  const row = new Float64Array(N_BINS)
  for (let m = 0; m < N_MELS; m++) {
    const lo = melF[m]!
    const mid = melF[m + 1]!
    const hi = melF[m + 2]!
    const fdiffLow = mid - lo
    const fdiffHigh = hi - mid
    const enorm = 2.0 / (hi - lo)
    let first = -1
    let last = -1
    for (let k = 0; k < N_BINS; k++) {
      const f = k * binHz
      const lower = -(lo - f) / fdiffLow
      const upper = (hi - f) / fdiffHigh
      // Stored into a float32 array, then scaled in place by the float64 norm: two roundings.
      const w = Math.fround(Math.fround(Math.max(0, Math.min(lower, upper))) * enorm)
      row[k] = w
      if (w !== 0) {
        if (first < 0) first = k
        last = k
      }
    }
    if (first >= 0) {
      start[m] = first
      count[m] = last - first + 1
      rows.push(row.slice(first, last + 1))
    } else {
      rows.push(new Float64Array(0))
    }
    offset[m] = total
    total += count[m]!
  }
  const weights = new Float64Array(total)
  rows.forEach((r, m) => weights.set(r, offset[m]!))
  return { sampleRate, start, count, offset, weights }
}

const cache = new Map<number, MelFilterbank>()

export function melFilterbank(sampleRate: number): MelFilterbank {
  let fb = cache.get(sampleRate)
  if (!fb) {
    fb = buildMelFilterbank(sampleRate)
    cache.set(sampleRate, fb)
  }
  return fb
}

/** scipy `get_window('hann', 2048, fftbins=True)`: `0.5 + 0.5·cos(linspace(-π, π, 2049))[:2048]`. */
export function periodicHann(n: number = N_FFT): Float64Array {
  const step = (Math.PI - -Math.PI) / n
  const w = new Float64Array(n)
  for (let i = 0; i < n; i++) w[i] = 0.5 + 0.5 * Math.cos(i * step + -Math.PI)
  return w
}
