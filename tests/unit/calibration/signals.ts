/**
 * Deterministic test audio for the calibration rules: a synthetic "voice" (harmonics of a gliding
 * pitch shaped by changing vowel formants, in syllables separated by short pauses), tones, noise.
 * All at 16 kHz; levels are RMS dBFS.
 */
import { seededRandom } from '../../../src/shared/seeded-random'

export const RATE = 16_000

/** Seeded draws (mulberry32), shared with the tests, benchmarks and training scripts. */
export const rng = seededRandom

/** Gaussian noise by Box-Muller. */
function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand())
}

const dbToAmp = (db: number): number => 10 ** (db / 20)

const VOWELS: [number, number, number][] = [
  [800, 1200, 2500], // a
  [300, 2300, 3000], // i
  [320, 800, 2300], // u
  [500, 1900, 2600], // e
  [500, 900, 2400] // o
]

export interface VoiceOptions {
  seconds: number
  seed?: number
  /** Mean pitch in Hz (a lower or higher voice). */
  f0?: number
  /** Multiplies every formant: a different vocal tract, or a different speaker. */
  formantScale?: number
  /** RMS of the voiced parts, dBFS. */
  levelDb?: number
  /** White noise added everywhere, dBFS RMS; null for none. */
  noiseDb?: number | null
  /** Silence (plus noise) before the first syllable, as a person takes a breath after pressing record. */
  leadSec?: number
}

/** Amplitude of each harmonic below 5 kHz: a 1/h source tilt times Gaussian bumps at the formants. */
function harmonicGains(pitch: number, formants: number[]): number[] {
  const gains: number[] = []
  for (let h = 1; h * pitch < 5000; h++) {
    const f = h * pitch
    let gain = 0.05
    for (const [j, fc] of formants.entries()) gain += Math.exp(-(((f - fc) / (90 + 40 * j)) ** 2)) / (1 + j)
    gains.push(gain / h)
  }
  return gains
}

/** Syllables of 0.22–0.32 s with 0.06–0.14 s gaps, each a vowel with a gliding pitch. */
export function syntheticVoice(opts: VoiceOptions): Float32Array {
  const { seconds, seed = 1, f0 = 140, formantScale = 1, levelDb = -20, noiseDb = -70, leadSec = 0.3 } = opts
  const rand = rng(seed)
  const n = Math.round(seconds * RATE)
  const out = new Float32Array(n)
  let t = Math.round(leadSec * RATE)
  let phase = 0
  while (t < n) {
    const len = Math.round((0.22 + 0.1 * rand()) * RATE)
    const gap = Math.round((0.06 + 0.08 * rand()) * RATE)
    const formants = VOWELS[Math.floor(rand() * VOWELS.length)]!.map((f) => f * formantScale)
    const pitchStart = f0 * (0.85 + 0.3 * rand())
    const pitchEnd = f0 * (0.85 + 0.3 * rand())
    // Harmonic gains change slowly with the pitch: recomputed every 10 ms, not every sample.
    let gains: number[] = []
    for (let i = 0; i < len && t + i < n; i++) {
      const u = i / len
      const pitch = pitchStart + (pitchEnd - pitchStart) * u
      if (i % 160 === 0) gains = harmonicGains(pitch, formants)
      phase += (2 * Math.PI * pitch) / RATE
      let s = 0
      for (let h = 0; h < gains.length; h++) s += gains[h]! * Math.sin((h + 1) * phase)
      // Raised-cosine attack and release so syllable edges are not clicks.
      const env = Math.min(1, u / 0.15, (1 - u) / 0.15)
      out[t + i] = s * (0.5 - 0.5 * Math.cos(Math.PI * Math.max(0, env)))
    }
    t += len + gap
  }
  scaleVoiced(out, levelDb)
  if (noiseDb !== null) addNoise(out, noiseDb, seed + 1000)
  return out
}

/** Scales so the non-silent samples have the given RMS. */
function scaleVoiced(x: Float32Array, levelDb: number): void {
  let sum = 0
  let count = 0
  for (const v of x) {
    if (v !== 0) {
      sum += v * v
      count++
    }
  }
  const gain = dbToAmp(levelDb) / Math.sqrt(sum / Math.max(1, count))
  for (let i = 0; i < x.length; i++) x[i]! *= gain
}

export function addNoise(x: Float32Array, levelDb: number, seed = 7): Float32Array {
  const rand = rng(seed)
  const amp = dbToAmp(levelDb)
  for (let i = 0; i < x.length; i++) x[i]! += amp * gaussian(rand)
  return x
}

export function tone(seconds: number, freq: number, levelDb: number): Float32Array {
  const amp = dbToAmp(levelDb) * Math.SQRT2
  return Float32Array.from({ length: Math.round(seconds * RATE) }, (_, i) => amp * Math.sin((2 * Math.PI * freq * i) / RATE))
}

export const silence = (seconds: number): Float32Array => new Float32Array(Math.round(seconds * RATE))

/** Multiplies and hard-clips at ±1, as an overdriven input does. */
export function overdrive(x: Float32Array, gainDb: number): Float32Array {
  const g = dbToAmp(gainDb)
  return x.map((v) => Math.max(-1, Math.min(1, v * g)))
}
