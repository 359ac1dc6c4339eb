/**
 * Is a memo's recording good enough for a voice reading? Three things make the voice model's
 * answer meaningless however it is normalised: a level so low that room noise is most of the
 * signal, clipping (the spectrum of a squared-off wave is the distortion's, not the voice's),
 * and too little voiced speech to judge. Measured on the voice engine's own frames, energies and
 * voice-activity mask (take-quality.ts), so "voiced" means what it means to the model.
 */
import { frameEnergyDb } from '../audio'
import type { MemoQualityProblem } from './codes'
import { CALIBRATION_SAMPLE_RATE, TAKE_RULES } from './rules'
import { assessTake, type TakeMetrics } from './take-quality'

export { MEMO_QUALITY_PROBLEMS, type MemoQualityProblem } from './codes'

export const MEMO_QUALITY_RULES = {
  /** Loudest frame below this: nothing reached the microphone (as a calibration take). */
  silenceBelowDb: TAKE_RULES.silenceBelowDb,
  /** Average level of the voiced frames; below it a room's noise is a large part of what is heard. */
  minSpeechLevelDb: TAKE_RULES.minSpeechLevelDb,
  /**
   * Share of samples at full scale. A calibration take allows 0.1 %; a memo is judged by what
   * clipping does to the reading. Measured on the validation speakers driven into clipping (+6 to
   * +30 dB gain, v2's inner models, training/audio/README.md "Voice-quality check"): UA stays within
   * about two points of unclipped speech up to 10 % of samples clipped, then falls 3–5 points
   * (10–25 %) and 8–11 points (past 25 %).
   */
  maxClippedFraction: 0.1,
  /** Voiced seconds the model needs: one 100-frame window (3.2 s) at its minimum 30 % voiced share. */
  minVoicedSec: 1
} as const

export interface MemoQuality {
  /** True when the voice reading can be shown as a reading (it may still be `uncertain`). */
  ok: boolean
  /** The first problem: the note to show. Null when ok. */
  reason: MemoQualityProblem | null
  /** Every problem found, most fundamental first. */
  problems: MemoQualityProblem[]
  metrics: TakeMetrics
}

/** The rules alone, so a stored verdict can be re-derived from stored metrics. */
export function memoQualityProblems(m: TakeMetrics): MemoQualityProblem[] {
  if (m.peakFrameDb < MEMO_QUALITY_RULES.silenceBelowDb || m.voicedSec === 0) return ['silent']
  const problems: MemoQualityProblem[] = []
  if (m.speechLevelDb === null || m.speechLevelDb < MEMO_QUALITY_RULES.minSpeechLevelDb) problems.push('too-quiet')
  if (m.clippedFraction > MEMO_QUALITY_RULES.maxClippedFraction) problems.push('clipped')
  if (m.voicedSec < MEMO_QUALITY_RULES.minVoicedSec) problems.push('too-little-speech')
  return problems
}

/** Checks a 16 kHz mono memo. Pass the frame energies when the caller already has them. */
export function checkMemoQuality(samples16k: Float32Array, energyDb: Float32Array = frameEnergyDb(samples16k, CALIBRATION_SAMPLE_RATE)): MemoQuality {
  const { metrics } = assessTake(samples16k, energyDb)
  const problems = memoQualityProblems(metrics)
  return { ok: problems.length === 0, reason: problems[0] ?? null, problems, metrics }
}
