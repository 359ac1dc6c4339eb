/**
 * Simulated microphones, phones and rooms. Three disjoint uses:
 * - EVAL_CONDITIONS: the fixed channel-shift evaluation of issue 16 (the model card's table);
 * - VALIDATION_CONDITIONS: a second fixed set with other settings, for choosing hyper-parameters,
 *   the temperature and the uncertainty threshold on validation speakers;
 * - randomChannel(): what training draws, from the same kinds of transforms with continuous random
 *   settings (assertNotAnEvalSetting() refuses an exact evaluation setting).
 * The output is always clipped to ±1, as a recording stored in a WAV file is.
 */
import { frameEnergyDb, resampleTo, voicedFrameMask } from '../../src/shared/audio'
import { applyBiquad, biquad, butterworth, convolve, dbToAmp, hashSeed, muLaw, noise, roomImpulse, type NoiseColour } from './dsp'

const RATE = 16000

export type ChannelStep =
  | { kind: 'gain'; db: number }
  /** A small microphone: high-pass (order 2 or 4), low-pass (order 2) and an optional presence peak. */
  | { kind: 'bandpass'; lowHz: number; highHz: number; lowOrder: 2 | 4; peakHz?: number; peakDb?: number; peakQ?: number }
  /** A phone line: down to 8 kHz, band-pass, optionally G.711 μ-law, back up to 16 kHz. */
  | { kind: 'phone'; lowHz: number; highHz: number; mulaw: boolean }
  /** A tilted frequency response: a low shelf and a high shelf. */
  | { kind: 'tilt'; lowDb: number; lowHz: number; highDb: number; highHz: number }
  /** Additive noise at a signal-to-noise ratio against the active speech level. */
  | { kind: 'noise'; snrDb: number; colour: NoiseColour; humHz?: number }
  | { kind: 'reverb'; rt60: number; drrDb: number }

export interface ChannelCondition {
  name: string
  steps: ChannelStep[]
}

/** Mean power of the voiced frames (the app's mask), i.e. the active speech level. */
function speechPower(x: Float32Array): number {
  const energy = frameEnergyDb(x, RATE)
  const voiced = voicedFrameMask(energy)
  let sum = 0
  let n = 0
  energy.forEach((e, t) => {
    if (voiced[t]) {
      sum += 10 ** (e / 10)
      n++
    }
  })
  return n > 0 ? sum / n : 1e-10
}

async function applyStep(x: Float32Array, step: ChannelStep, seed: number): Promise<Float32Array> {
  switch (step.kind) {
    case 'gain': {
      const g = dbToAmp(step.db)
      return x.map((v) => v * g)
    }
    case 'bandpass': {
      let y = butterworth(x, 'highpass', step.lowHz, RATE, step.lowOrder)
      y = butterworth(y, 'lowpass', step.highHz, RATE, 2)
      if (step.peakHz && step.peakDb) y = applyBiquad(y, biquad('peak', step.peakHz, RATE, step.peakQ ?? 1, step.peakDb))
      return y
    }
    case 'phone': {
      let y = await resampleTo(x, RATE, 8000)
      y = butterworth(y, 'highpass', step.lowHz, 8000, 4)
      y = butterworth(y, 'lowpass', step.highHz, 8000, 4)
      if (step.mulaw) y = muLaw(y)
      const up = await resampleTo(y, 8000, RATE)
      return padTo(up, x.length)
    }
    case 'tilt': {
      const y = applyBiquad(x, biquad('lowshelf', step.lowHz, RATE, Math.SQRT1_2, step.lowDb))
      return applyBiquad(y, biquad('highshelf', step.highHz, RATE, Math.SQRT1_2, step.highDb))
    }
    case 'noise': {
      const n = noise(x.length, step.colour, seed, step.humHz)
      const amp = Math.sqrt(speechPower(x) / 10 ** (step.snrDb / 10))
      return x.map((v, i) => v + amp * n[i]!)
    }
    case 'reverb':
      return convolve(x, roomImpulse(step.rt60, step.drrDb, seed ^ 0x5bd1e995))
  }
}

/** Exactly `length` samples: cut, or zeros appended. */
function padTo(x: Float32Array, length: number): Float32Array {
  const out = new Float32Array(length)
  out.set(x.subarray(0, length))
  return out
}

/**
 * Runs the steps in order, then clips to ±1. `clipKey` (e.g. the file name) seeds the noise and
 * room of this clip, so a condition is identical on every run but differs between clips.
 */
export async function applyChannel(samples: Float32Array, steps: readonly ChannelStep[], clipKey: string): Promise<Float32Array> {
  let x = samples
  for (const [i, step] of steps.entries()) x = await applyStep(x, step, hashSeed(`${clipKey}#${i}#${step.kind}`))
  return x.map((v) => Math.max(-1, Math.min(1, v)))
}

const LAPTOP: ChannelStep = { kind: 'bandpass', lowHz: 200, highHz: 5500, lowOrder: 4, peakHz: 2800, peakDb: 6, peakQ: 1.2 }

/** The fixed evaluation set (issue 16). `clean` is reported but not in the shifted average. */
export const EVAL_CONDITIONS: readonly ChannelCondition[] = [
  { name: 'clean', steps: [] },
  { name: 'gain −20 dB', steps: [{ kind: 'gain', db: -20 }] },
  { name: 'gain +12 dB (clips)', steps: [{ kind: 'gain', db: 12 }] },
  { name: 'laptop mic band-pass', steps: [LAPTOP] },
  { name: 'phone 8 kHz + μ-law', steps: [{ kind: 'phone', lowHz: 300, highHz: 3400, mulaw: true }] },
  { name: 'EQ tilt (dark)', steps: [{ kind: 'tilt', lowDb: 6, lowHz: 250, highDb: -8, highHz: 2500 }] },
  { name: 'room noise 20 dB SNR', steps: [{ kind: 'noise', snrDb: 20, colour: 'room', humHz: 50 }] },
  { name: 'room noise 10 dB SNR', steps: [{ kind: 'noise', snrDb: 10, colour: 'room', humHz: 50 }] },
  { name: 'light reverb (RT60 0.4 s)', steps: [{ kind: 'reverb', rt60: 0.4, drrDb: 4 }] },
  {
    name: 'laptop in a room (all of: reverb, noise 20 dB, laptop mic, −10 dB)',
    steps: [{ kind: 'reverb', rt60: 0.3, drrDb: 6 }, { kind: 'noise', snrDb: 20, colour: 'room', humHz: 50 }, LAPTOP, { kind: 'gain', db: -10 }]
  }
]

/** The validation set: same kinds, other settings. Used to pick hyper-parameters, temperature and threshold. */
export const VALIDATION_CONDITIONS: readonly ChannelCondition[] = [
  { name: 'clean', steps: [] },
  { name: 'gain −14 dB', steps: [{ kind: 'gain', db: -14 }] },
  { name: 'gain +8 dB', steps: [{ kind: 'gain', db: 8 }] },
  { name: 'headset band-pass', steps: [{ kind: 'bandpass', lowHz: 120, highHz: 7000, lowOrder: 2, peakHz: 4000, peakDb: 4, peakQ: 0.9 }] },
  { name: 'phone 8 kHz, no μ-law', steps: [{ kind: 'phone', lowHz: 350, highHz: 3200, mulaw: false }] },
  { name: 'EQ tilt (bright)', steps: [{ kind: 'tilt', lowDb: -5, lowHz: 350, highDb: 6, highHz: 3200 }] },
  { name: 'pink noise 15 dB SNR', steps: [{ kind: 'noise', snrDb: 15, colour: 'pink' }] },
  { name: 'brown noise + hum 12 dB SNR', steps: [{ kind: 'noise', snrDb: 12, colour: 'room', humHz: 60 }] },
  { name: 'reverb (RT60 0.55 s)', steps: [{ kind: 'reverb', rt60: 0.55, drrDb: 2 }] },
  {
    name: 'webcam in a room',
    steps: [{ kind: 'reverb', rt60: 0.25, drrDb: 8 }, { kind: 'noise', snrDb: 25, colour: 'white' }, { kind: 'bandpass', lowHz: 300, highHz: 4500, lowOrder: 2 }, { kind: 'gain', db: 5 }]
  }
]

/**
 * For choosing the memo check's clipping limit: ever louder input gain, hard-clipped at full scale.
 * (Not a robustness condition: the evaluation's own +12 dB already clips every EmoDB clip.)
 */
export const CLIPPING_CONDITIONS: readonly ChannelCondition[] = [
  { name: 'clean', steps: [] },
  ...[6, 12, 18, 24, 30].map((db) => ({ name: `gain +${db} dB`, steps: [{ kind: 'gain', db } as ChannelStep] }))
]

const uniform = (rand: () => number, lo: number, hi: number): number => lo + (hi - lo) * rand()

/**
 * One random training channel: each kind of transform joins the chain with its own probability,
 * with continuous random settings (so never one of the fixed conditions above, which
 * `assertNotAnEvalSetting` checks). Order: room (reverb, noise), microphone (band-pass or
 * phone, tilt), then input gain.
 */
export function randomChannel(rand: () => number): ChannelStep[] {
  const steps: ChannelStep[] = []
  if (rand() < 0.3) steps.push({ kind: 'reverb', rt60: uniform(rand, 0.15, 0.7), drrDb: uniform(rand, 0, 10) })
  if (rand() < 0.4) {
    const colours: NoiseColour[] = ['white', 'pink', 'brown', 'room']
    steps.push({ kind: 'noise', snrDb: uniform(rand, 5, 30), colour: colours[Math.floor(rand() * 4)]!, humHz: rand() < 0.5 ? 50 : 60 })
  }
  const mic = rand()
  if (mic < 0.35) {
    steps.push({
      kind: 'bandpass',
      lowHz: uniform(rand, 60, 450),
      highHz: uniform(rand, 3000, 7600),
      lowOrder: rand() < 0.5 ? 2 : 4,
      ...(rand() < 0.6 ? { peakHz: uniform(rand, 1500, 5000), peakDb: uniform(rand, -6, 9), peakQ: uniform(rand, 0.6, 2) } : {})
    })
  } else if (mic < 0.5) {
    steps.push({ kind: 'phone', lowHz: uniform(rand, 200, 450), highHz: uniform(rand, 3000, 3700), mulaw: rand() < 0.5 })
  }
  if (rand() < 0.35) steps.push({ kind: 'tilt', lowDb: uniform(rand, -9, 9), lowHz: uniform(rand, 150, 500), highDb: uniform(rand, -10, 8), highHz: uniform(rand, 1500, 4500) })
  if (rand() < 0.6) steps.push({ kind: 'gain', db: uniform(rand, -24, 14) })
  assertNotAnEvalSetting(steps)
  return steps
}

const key = (s: ChannelStep): string => JSON.stringify(s)
const EVAL_STEP_KEYS = new Set(EVAL_CONDITIONS.flatMap((c) => c.steps.map(key)))

/** Training must never use one of the evaluation's exact settings. */
export function assertNotAnEvalSetting(steps: readonly ChannelStep[]): void {
  for (const s of steps) if (EVAL_STEP_KEYS.has(key(s))) throw new Error(`training drew an evaluation setting: ${key(s)}`)
}
