/**
 * What the analysis process adds around the model's windows (issue 16): the memo's quality check
 * and voice statistic, the baseline choice for a profile that has not calibrated, and the pack's
 * temperature and uncertainty threshold.
 */
import type { MfccMatrix } from '../../shared/audio'
import type { AudioAnalysisRequest, AudioBaselineUsed } from '../../shared/analysis/protocol'
import { memoVoiceStats, type MemoVoiceStats } from '../../shared/calibration/auto-baseline'
import { checkMemoQuality, type MemoQuality } from '../../shared/calibration/memo-quality'
import { chooseVoiceBaseline } from '../../shared/calibration/voice-baseline-choice'
import { softmax } from '../../shared/emotions'
import type { AudioModelManifest } from '../../shared/models/manifest'
import { weightedMean } from './full-mode'

export interface MemoFacts {
  quality: MemoQuality
  voiceStats: MemoVoiceStats
}

export function memoFacts(samples16k: Float32Array, energyDb: Float32Array, mfcc: MfccMatrix, voiced: Uint8Array): MemoFacts {
  return { quality: checkMemoQuality(samples16k, energyDb), voiceStats: memoVoiceStats(mfcc, voiced) }
}

/** The request's baseline as given, or (with `profileVoiceStats`) the automatic/fallback choice. */
export function baselineFor(req: AudioAnalysisRequest, memoStats: MemoVoiceStats): AudioBaselineUsed {
  if (req.profileVoiceStats === undefined) return { source: 'given', vectors: req.baseline, automaticVoicedSec: null, automaticNeededSec: null }
  const choice = chooseVoiceBaseline({ calibrated: null, profileStats: req.profileVoiceStats, memoStats, genderDefault: req.baseline })
  return { source: choice.source, vectors: choice.vectors, automaticVoicedSec: choice.automaticVoicedSec, automaticNeededSec: choice.automaticNeededSec }
}

export interface CalibratedReading {
  probs: number[]
  temperature: number
  confidence: number
  uncertain: boolean
}

/**
 * Per-window softmax of logits / T averaged by voiced frames. Without a temperature in the pack
 * the arithmetic is exactly the previous engine's (seed-mode parity).
 */
export function calibratedReading(manifest: AudioModelManifest, logitRows: readonly Float32Array[], weights: readonly number[], quality: MemoQuality): CalibratedReading {
  const temperature = manifest.confidence?.temperature ?? 1
  const scaled = temperature === 1 ? logitRows : logitRows.map((l) => l.map((v) => v / temperature))
  const probs = weightedMean(scaled.map((l) => softmax(l)), weights)
  const confidence = Math.max(...probs)
  const lowConfidence = manifest.confidence !== undefined && confidence < manifest.confidence.uncertainBelow
  return { probs, temperature, confidence, uncertain: lowConfidence || !quality.ok }
}
