/**
 * Calibrated confidence of a sentence's label (issue 10). A pack that declares a calibration
 * (manifest `calibration`, fitted on dev data by training/text/compare.py) gets its probabilities
 * as softmax(logits / temperature), and a sentence whose top probability is below
 * `uncertainBelow` is uncertain: the app shows it without a confident colour and it weighs less in
 * the entry's mix (entry-mix.ts). A pack without a calibration (an imported official model) makes
 * no such claim: temperature 1 and never uncertain.
 */
import { softmax } from '../emotions'
import type { TextCalibration } from '../models/manifest'

export interface SentenceConfidence {
  /** The top label's (calibrated) probability. */
  confidence: number
  uncertain: boolean
}

export function calibratedProbs(logits: ArrayLike<number>, calibration: TextCalibration | undefined): number[] {
  const t = calibration?.temperature ?? 1
  return softmax(Array.from(logits, (z) => z / t))
}

export function sentenceConfidence(probs: readonly number[], calibration: TextCalibration | undefined): SentenceConfidence {
  const confidence = Math.max(...probs)
  return { confidence, uncertain: calibration !== undefined && confidence < calibration.uncertainBelow }
}
