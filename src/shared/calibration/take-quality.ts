/**
 * Whether one calibration take is good enough to describe the speaker's neutral voice. Judged on
 * the same 2048-sample frames, energies and voice-activity mask the voice engine uses, so "voiced"
 * here means what it means when a memo is analysed.
 */
import { HOP_LENGTH, frameEnergyDb, voicedFrameMask } from '../audio'
import type { TakeProblem } from './codes'
import { CALIBRATION_SAMPLE_RATE, TAKE_RULES } from './rules'

export { TAKE_PROBLEMS, type TakeProblem } from './codes'

export interface TakeMetrics {
  durationSec: number
  /** Seconds of frames the voice-activity mask keeps (hop-length steps of the MFCC frames). */
  voicedSec: number
  /** Loudest frame, mean-square dBFS (−100 for digital silence). */
  peakFrameDb: number
  /**
   * 2nd percentile of frame energies: the room itself. (The voice-activity mask uses the 10th, but
   * in tightly cut speech that lands inside words; the 2nd still finds a pause or the lead-in.)
   */
  noiseFloorDb: number
  /** Power average of the voiced frames, dBFS; null without voiced frames. */
  speechLevelDb: number | null
  /** `speechLevelDb − noiseFloorDb`; null without voiced frames. */
  snrDb: number | null
  /** Share of samples at (or within 0.1% of) full scale. */
  clippedFraction: number
}

export interface TakeAssessment {
  accepted: boolean
  /** Every rule the take breaks, most fundamental first (the first one is the message to show). */
  problems: TakeProblem[]
  metrics: TakeMetrics
}

const FULL_SCALE = 0.999
const NOISE_FLOOR_PERCENTILE = 2

function percentile(sorted: Float32Array, p: number): number {
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.floor((p / 100) * (sorted.length - 1))))
  return sorted[rank]!
}

/** Measures a 16 kHz mono take and applies TAKE_RULES. */
export function assessTake(samples: Float32Array, energyDb: Float32Array = frameEnergyDb(samples, CALIBRATION_SAMPLE_RATE)): TakeAssessment {
  const voiced = voicedFrameMask(energyDb)
  let voicedFrames = 0
  let voicedPower = 0
  for (let t = 0; t < energyDb.length; t++) {
    if (voiced[t]) {
      voicedFrames++
      voicedPower += 10 ** (energyDb[t]! / 10)
    }
  }
  let clipped = 0
  for (let i = 0; i < samples.length; i++) if (Math.abs(samples[i]!) >= FULL_SCALE) clipped++

  const sorted = Float32Array.from(energyDb).sort()
  const noiseFloorDb = sorted.length > 0 ? percentile(sorted, NOISE_FLOOR_PERCENTILE) : -100
  const speechLevelDb = voicedFrames > 0 ? 10 * Math.log10(voicedPower / voicedFrames) : null
  const metrics: TakeMetrics = {
    durationSec: samples.length / CALIBRATION_SAMPLE_RATE,
    voicedSec: (voicedFrames * HOP_LENGTH) / CALIBRATION_SAMPLE_RATE,
    peakFrameDb: sorted.length > 0 ? sorted[sorted.length - 1]! : -100,
    noiseFloorDb,
    speechLevelDb,
    snrDb: speechLevelDb === null ? null : speechLevelDb - noiseFloorDb,
    clippedFraction: samples.length > 0 ? clipped / samples.length : 0
  }
  const problems = takeProblems(metrics)
  return { accepted: problems.length === 0, problems, metrics }
}

/** The rules on their own, so a take's verdict can be re-derived (and tested) from its metrics. */
export function takeProblems(m: TakeMetrics): TakeProblem[] {
  // Silence explains everything else (no voice, no level, no length): report it alone.
  if (m.peakFrameDb < TAKE_RULES.silenceBelowDb || m.voicedSec === 0) return ['silent']
  const problems: TakeProblem[] = []
  if (m.speechLevelDb === null || m.speechLevelDb < TAKE_RULES.minSpeechLevelDb) problems.push('too-quiet')
  else if (m.snrDb === null || m.snrDb < TAKE_RULES.minSnrDb) problems.push('noisy')
  if (m.clippedFraction > TAKE_RULES.maxClippedFraction) problems.push('clipped')
  if (m.voicedSec < TAKE_RULES.minVoicedSec) problems.push('too-short')
  return problems
}
