/**
 * Signal-processing pieces for simulating microphones and rooms (training/evaluation only):
 * RBJ biquads, FFT convolution, seeded noise of several colours, synthetic room responses and
 * G.711 μ-law. Everything is deterministic given its seed, so a channel condition is the same
 * on every run and every machine.
 */
import FFT from 'fft.js'
import { seededRandom } from '../../src/shared/seeded-random'

/** Seeded draws (mulberry32), shared with the tests, benchmarks and training scripts. */
export const rng = seededRandom

/** 32-bit FNV-1a of a string: stable per-clip seeds from file names. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h
}

export function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand())
}

export const dbToAmp = (db: number): number => 10 ** (db / 20)

interface Biquad {
  b: [number, number, number]
  a: [number, number]
}

/** RBJ Audio EQ Cookbook filters, normalised so a0 = 1. */
export function biquad(kind: 'lowpass' | 'highpass' | 'peak' | 'lowshelf' | 'highshelf', freq: number, rate: number, q = Math.SQRT1_2, gainDb = 0): Biquad {
  const w0 = (2 * Math.PI * Math.min(freq, rate * 0.49)) / rate
  const cos = Math.cos(w0)
  const sin = Math.sin(w0)
  const A = 10 ** (gainDb / 40)
  let b0: number, b1: number, b2: number, a0: number, a1: number, a2: number
  if (kind === 'lowpass' || kind === 'highpass' || kind === 'peak') {
    const alpha = sin / (2 * q)
    if (kind === 'lowpass') [b0, b1, b2] = [(1 - cos) / 2, 1 - cos, (1 - cos) / 2]
    else if (kind === 'highpass') [b0, b1, b2] = [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2]
    else [b0, b1, b2] = [1 + alpha * A, -2 * cos, 1 - alpha * A]
    const k = kind === 'peak' ? alpha / A : alpha
    ;[a0, a1, a2] = [1 + k, -2 * cos, 1 - k]
  } else {
    // Shelf slope S = 1.
    const alpha = (sin / 2) * Math.SQRT2
    const s = 2 * Math.sqrt(A) * alpha
    if (kind === 'lowshelf') {
      ;[b0, b1, b2] = [A * (A + 1 - (A - 1) * cos + s), 2 * A * (A - 1 - (A + 1) * cos), A * (A + 1 - (A - 1) * cos - s)]
      ;[a0, a1, a2] = [A + 1 + (A - 1) * cos + s, -2 * (A - 1 + (A + 1) * cos), A + 1 + (A - 1) * cos - s]
    } else {
      ;[b0, b1, b2] = [A * (A + 1 + (A - 1) * cos + s), -2 * A * (A - 1 + (A + 1) * cos), A * (A + 1 + (A - 1) * cos - s)]
      ;[a0, a1, a2] = [A + 1 - (A - 1) * cos + s, 2 * (A - 1 - (A + 1) * cos), A + 1 - (A - 1) * cos - s]
    }
  }
  return { b: [b0 / a0, b1 / a0, b2 / a0], a: [a1 / a0, a2 / a0] }
}

/** Direct form I, float64 state; returns a new array. */
export function applyBiquad(x: Float32Array, f: Biquad): Float32Array {
  const out = new Float32Array(x.length)
  const [b0, b1, b2] = f.b
  const [a1, a2] = f.a
  let x1 = 0, x2 = 0, y1 = 0, y2 = 0
  for (let i = 0; i < x.length; i++) {
    const x0 = x[i]!
    const y0 = b0 * x0 + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2
    out[i] = y0
    x2 = x1
    x1 = x0
    y2 = y1
    y1 = y0
  }
  return out
}

/** Butterworth high- or low-pass of order 2 or 4 (cascaded biquads with the Butterworth Qs). */
export function butterworth(x: Float32Array, kind: 'lowpass' | 'highpass', freq: number, rate: number, order: 2 | 4): Float32Array {
  const qs = order === 2 ? [Math.SQRT1_2] : [0.5411961, 1.3065630]
  return qs.reduce((y, q) => applyBiquad(y, biquad(kind, freq, rate, q)), x)
}

const nextPow2 = (n: number): number => 2 ** Math.ceil(Math.log2(Math.max(2, n)))

/** Linear convolution by FFT, trimmed to the input's length (the tail of a reverb is cut at the end of the clip). */
export function convolve(x: Float32Array, h: Float32Array): Float32Array {
  const size = nextPow2(x.length + h.length - 1)
  const fft = new FFT(size)
  const spectrum = (signal: Float32Array): number[] => {
    const input = new Array<number>(size).fill(0)
    for (let i = 0; i < signal.length; i++) input[i] = signal[i]!
    const out = fft.createComplexArray() as number[]
    fft.realTransform(out, input)
    fft.completeSpectrum(out)
    return out
  }
  const X = spectrum(x)
  const H = spectrum(h)
  const Y = fft.createComplexArray() as number[]
  for (let k = 0; k < size; k++) {
    const [xr, xi, hr, hi] = [X[2 * k]!, X[2 * k + 1]!, H[2 * k]!, H[2 * k + 1]!]
    Y[2 * k] = xr * hr - xi * hi
    Y[2 * k + 1] = xr * hi + xi * hr
  }
  const y = fft.createComplexArray() as number[]
  fft.inverseTransform(y, Y)
  return Float32Array.from({ length: x.length }, (_, i) => y[2 * i]!)
}

export type NoiseColour = 'white' | 'pink' | 'brown' | 'room'

/**
 * Unit-RMS noise. Pink: Paul Kellet's refined filter; brown: leaky integrated white noise;
 * room: pink + brown (ventilation rumble) + a faint mains hum with two harmonics.
 */
export function noise(length: number, colour: NoiseColour, seed: number, humHz = 50): Float32Array {
  const rand = rng(seed)
  const out = new Float32Array(length)
  let b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0, brown = 0
  for (let i = 0; i < length; i++) {
    const w = gaussian(rand)
    b0 = 0.99886 * b0 + w * 0.0555179
    b1 = 0.99332 * b1 + w * 0.0750759
    b2 = 0.969 * b2 + w * 0.153852
    b3 = 0.8665 * b3 + w * 0.3104856
    b4 = 0.55 * b4 + w * 0.5329522
    b5 = -0.7616 * b5 - w * 0.016898
    const pink = b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362
    b6 = w * 0.115926
    brown = 0.995 * brown + 0.1 * w
    if (colour === 'white') out[i] = w
    else if (colour === 'pink') out[i] = pink
    else if (colour === 'brown') out[i] = brown
    else out[i] = pink + 1.5 * brown
  }
  normaliseRms(out)
  if (colour === 'room') {
    const phase = rand() * 2 * Math.PI
    for (let i = 0; i < length; i++) {
      const t = (2 * Math.PI * humHz * i) / 16000 + phase
      out[i]! += 0.25 * Math.sin(2 * t) + 0.12 * Math.sin(3 * t)
    }
    normaliseRms(out)
  }
  return out
}

function normaliseRms(x: Float32Array): void {
  let sum = 0
  for (const v of x) sum += v * v
  const rms = Math.sqrt(sum / Math.max(1, x.length))
  if (rms > 0) for (let i = 0; i < x.length; i++) x[i]! /= rms
}

/**
 * A room impulse response: the direct path (1 at t = 0) and an exponentially decaying noise tail
 * (−60 dB after `rt60` s) starting after `predelayMs`, scaled to the direct-to-reverberant ratio.
 */
export function roomImpulse(rt60: number, drrDb: number, seed: number, rate = 16000, predelayMs = 3): Float32Array {
  const rand = rng(seed)
  const length = Math.round(rate * Math.min(1.2 * rt60, 1.0))
  const h = new Float32Array(length)
  const start = Math.round((predelayMs / 1000) * rate)
  let tail = 0
  for (let i = start; i < length; i++) {
    const t = i / rate
    h[i] = gaussian(rand) * Math.exp((-6.9078 * t) / rt60)
    tail += h[i]! * h[i]!
  }
  const scale = Math.sqrt(dbToAmp(-drrDb) ** 2 / Math.max(tail, 1e-12))
  for (let i = start; i < length; i++) h[i]! *= scale
  h[0] = 1
  return h
}

const MU = 255

/** G.711-style μ-law: compress, quantise to 8 bits, expand (full scale = 1). */
export function muLaw(x: Float32Array): Float32Array {
  const ln = Math.log1p(MU)
  return x.map((v) => {
    const c = Math.max(-1, Math.min(1, v))
    const y = (Math.sign(c) * Math.log1p(MU * Math.abs(c))) / ln
    const q = Math.round(y * 127) / 127
    return (Math.sign(q) * Math.expm1(Math.abs(q) * ln)) / MU
  })
}
