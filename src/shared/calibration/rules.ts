/**
 * Every threshold of the calibration in one place, with the measurement behind it
 * (training/calibration/RESULTS.md has the figures). Levels are mean-square dBFS of the voice
 * engine's 2048-sample frames, so a steady tone at RMS −20 dBFS reads −20.
 */

/** The rate the MFCC (and so the baseline) is computed at: the voice model's rate. */
export const CALIBRATION_SAMPLE_RATE = 16_000

export const TAKE_RULES = {
  /** Loudest frame below this: nothing reached the microphone (muted, wrong device, unplugged). */
  silenceBelowDb: -50,
  /** Speech quieter than this on average is too close to the noise of any room to describe a voice. */
  minSpeechLevelDb: -45,
  /**
   * Speech must stand this far above the quietest moments of the take. EmoDB's neutral clips
   * measure 21.5 dB at worst; white noise alone measures about 2 dB.
   */
  minSnrDb: 15,
  /** "Almost no clipping": more than 0.1% of samples at full scale distorts the spectrum audibly. */
  maxClippedFraction: 0.001,
  /** At least this much voiced speech per take (the issue's ~1.5 s). */
  minVoicedSec: 1.5
} as const

export const BASELINE_RULES = {
  /** Fewer accepted takes than this cannot tell an outlier from the rest. */
  minTakes: 3,
  /** Voiced seconds over all used takes: about 470 MFCC frames. */
  minVoicedSec: 8,
  /**
   * A take whose voiced-frame mean lies further than this from the pooled baseline of the other
   * takes (RMS over the 13 coefficients of the difference in units of their std) is dropped.
   */
  maxTakeDistance: 0.6,
  /**
   * Any coefficient whose std is below this (MFCC units; real speech measures 8 or more) means
   * the "voice" barely changes: a tone, a hum, a stuck signal. Normalising by it would blow every
   * later frame up, so the baseline is refused.
   */
  minStd: 1
} as const

/** The baseline rules as plain numbers, so an evaluation can relax one of them. */
export type BaselineRules = Record<keyof typeof BASELINE_RULES, number>

/** Longest take the calibration accepts (the wizard stops recording long before). */
export const MAX_TAKE_SEC = 300

/**
 * Names the feature code a baseline was computed with (MFCC parity target and voice-activity
 * defaults). Change it whenever src/shared/audio changes what a frame's MFCC or voicing is, so
 * baselines computed before can be found and recomputed from their kept takes.
 */
export const FEATURES_VERSION = 'mfcc13-librosa0.11+vad-p10m10h15f-55'

/**
 * The largest take the API accepts, as base64 characters of a WAV: 4 M characters is 3 MB of WAV,
 * 30 s at 48 kHz 16-bit or 94 s at 16 kHz. The wizard stops a take at 30 s; the CLI reads files
 * directly and is bounded by MAX_TAKE_SEC instead.
 */
export const MAX_TAKE_BASE64_CHARS = 4_000_000
/** The wizard stops recording a take after this long. */
export const MAX_WIZARD_TAKE_SEC = 30
