/**
 * Fusion of words and voice when the voice reading may be uncertain (issue 16). Rule: an
 * uncertain voice reading (calibrated confidence below the pack's threshold, or a recording the
 * quality check flags) gets no weight, so the fused result is the text's alone (text weight 1.0);
 * a confident one is fused with the profile's own weights, unchanged.
 *
 * Why a gate rather than scaling the voice weight by its confidence: the threshold is where the
 * calibrated voice's top label stops being right more often than wrong (fitted on validation
 * speakers, resources/models/audio-default/MODEL_CARD.md); below it the voice adds mostly noise,
 * and above it the weights are the writer's setting, which the app should not silently second-guess.
 * A gate is also what the UI can say in one sentence ("목소리 분석이 불확실해 글만 반영했어요").
 */
import { fuse, type CanonicalDistribution, type FusionWeights } from './emotions'

export interface VoiceReadingConfidence {
  canonical: CanonicalDistribution
  /** `AudioAnalysisResult.uncertain`. */
  uncertain: boolean
}

/** The weights a memo's fusion should use, given whether its voice reading is uncertain. */
export function fusionWeightsFor(weights: FusionWeights, voice: Pick<VoiceReadingConfidence, 'uncertain'>): FusionWeights {
  return voice.uncertain ? { text: 1, audio: 0 } : weights
}

export interface ConfidentFusion {
  canonical: CanonicalDistribution
  /** The weights actually applied. */
  weights: FusionWeights
  /** False when the voice was left out for being uncertain. */
  voiceUsed: boolean
}

export function fuseWithVoiceConfidence(text: CanonicalDistribution, voice: VoiceReadingConfidence, weights: FusionWeights): ConfidentFusion {
  const applied = fusionWeightsFor(weights, voice)
  return { canonical: fuse(text, voice.canonical, applied), weights: applied, voiceUsed: applied.audio > 0 }
}
