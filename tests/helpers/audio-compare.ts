import { computeMfcc } from '../../src/shared/audio'

/** Measures of how alike two recordings of the same speech are (decoded phone formats vs their WAV). */

/** The lag (in samples) that best lines `x` up with `ref`, searched within ±`max`. */
export function bestLag(ref: Float32Array, x: Float32Array, max: number): number {
  let best = -Infinity
  let lag = 0
  for (let l = -max; l <= max; l++) {
    let s = 0
    for (let i = 0; i < ref.length; i += 2) {
      const j = i + l
      if (j >= 0 && j < x.length) s += ref[i]! * x[j]!
    }
    if (s > best) [best, lag] = [s, l]
  }
  return lag
}

export function aligned(ref: Float32Array, x: Float32Array, sampleRate: number): { a: Float32Array; b: Float32Array; lag: number } {
  const lag = bestLag(ref, x, Math.round(0.05 * sampleRate))
  const a = lag >= 0 ? ref : ref.subarray(-lag)
  const b = lag >= 0 ? x.subarray(lag) : x
  const n = Math.min(a.length, b.length)
  return { a: a.subarray(0, n), b: b.subarray(0, n), lag }
}

export function snrDb(a: Float32Array, b: Float32Array): number {
  let signal = 0
  let error = 0
  for (let i = 0; i < a.length; i++) [signal, error] = [signal + a[i]! ** 2, error + (a[i]! - b[i]!) ** 2]
  return 10 * Math.log10(signal / error)
}

export function envelopeCorrelation(a: Float32Array, b: Float32Array, sampleRate: number): number {
  const frame = Math.round(0.02 * sampleRate)
  const env = (x: Float32Array) => Array.from({ length: Math.floor(x.length / frame) }, (_, f) => Math.sqrt(x.subarray(f * frame, (f + 1) * frame).reduce((s, v) => s + v * v, 0) / frame))
  const [ea, eb] = [env(a), env(b)]
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length
  const [ma, mb] = [mean(ea), mean(eb)]
  let [ab, aa, bb] = [0, 0, 0]
  for (let i = 0; i < ea.length; i++) [ab, aa, bb] = [ab + (ea[i]! - ma) * (eb[i]! - mb), aa + (ea[i]! - ma) ** 2, bb + (eb[i]! - mb) ** 2]
  return ab / Math.sqrt(aa * bb)
}

/** RMS over c1..c12 of the MFCC difference, each coefficient in units of the reference's spread. */
export function mfccDistance(a: Float32Array, b: Float32Array, sampleRate: number): number {
  const [ma, mb] = [computeMfcc(a, sampleRate), computeMfcc(b, sampleRate)]
  const frames = Math.min(ma.frames, mb.frames)
  let total = 0
  for (let k = 1; k < 13; k++) {
    let mean = 0
    for (let t = 0; t < frames; t++) mean += ma.data[t * 13 + k]! / frames
    let spread = 0
    let diff = 0
    for (let t = 0; t < frames; t++) {
      spread += (ma.data[t * 13 + k]! - mean) ** 2 / frames
      diff += (ma.data[t * 13 + k]! - mb.data[t * 13 + k]!) ** 2 / frames
    }
    total += diff / spread
  }
  return Math.sqrt(total / 12)
}
