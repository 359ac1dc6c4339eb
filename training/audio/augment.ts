/**
 * The training-set augmentations, all applied to 16 kHz waveforms so the features of every copy
 * still come from the app's own MFCC code.
 *
 * - speed ×0.9 / ×1.1 (Kaldi-style speed perturbation): resample 16 kHz → 16 kHz/factor and
 *   play the result back at 16 kHz. Tempo, pitch and formants all move by the factor.
 * - pitch ±2 semitones: resample by 2^(∓2/12) (pitch and tempo move), then WSOLA-stretch back
 *   to the original length (tempo restored). Like a phase-vocoder pitch shift without formant
 *   preservation, this also moves the spectral envelope, i.e. it works as a vocal-tract-length
 *   perturbation, which is what 13 MFCCs (an envelope feature) are sensitive to.
 */
import { resampleTo } from '../../src/shared/audio'
import { timeStretch } from './wsola'

export const SAMPLE_RATE = 16000

export interface Augmentation {
  /** Stable name stored in the feature index. */
  name: string
  apply(samples: Float32Array): Promise<Float32Array>
}

/** Played at 16 kHz, a signal resampled to 16 kHz/factor runs `factor` times faster. */
async function speed(samples: Float32Array, factor: number): Promise<Float32Array> {
  return resampleTo(samples, SAMPLE_RATE, Math.round(SAMPLE_RATE / factor), { quality: 'medium' })
}

async function pitch(samples: Float32Array, semitones: number): Promise<Float32Array> {
  const shifted = await speed(samples, 2 ** (semitones / 12))
  return timeStretch(shifted, samples.length)
}

export const AUGMENTATIONS: readonly Augmentation[] = [
  { name: 'orig', apply: async (s) => s },
  { name: 'speed0.9', apply: (s) => speed(s, 0.9) },
  { name: 'speed1.1', apply: (s) => speed(s, 1.1) },
  { name: 'pitch-2', apply: (s) => pitch(s, -2) },
  { name: 'pitch+2', apply: (s) => pitch(s, 2) }
]
