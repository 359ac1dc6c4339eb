import { computeMfcc, frameEnergyDb, voicedFrameMask } from '../audio'
import { emptyStats, statsOfFrames, type FrameStats } from './frame-stats'
import { CALIBRATION_SAMPLE_RATE } from './rules'
import { assessTake, type TakeAssessment } from './take-quality'

export interface TakeAnalysis extends TakeAssessment {
  /** MFCC statistics of the take's voiced frames: what the baseline is built from. */
  stats: FrameStats
}

/**
 * One take, 16 kHz mono: its quality verdict and the statistics of its voiced MFCC frames, with
 * exactly the MFCC and voice-activity mask the voice engine applies to a memo.
 */
export function analyzeTake(samples16k: Float32Array): TakeAnalysis {
  const energy = frameEnergyDb(samples16k, CALIBRATION_SAMPLE_RATE)
  const assessment = assessTake(samples16k, energy)
  // No voiced frame, no statistics (and an empty signal has no MFCC at all).
  const stats =
    assessment.metrics.voicedSec > 0 ? statsOfFrames(computeMfcc(samples16k, CALIBRATION_SAMPLE_RATE), voicedFrameMask(energy)) : emptyStats()
  return { ...assessment, stats }
}
