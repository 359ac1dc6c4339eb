/**
 * Which baseline a voice analysis uses, in one place so the app, the CLI and the analysis
 * process choose alike: a calibrated baseline always wins; before calibration, the automatic
 * baseline from the profile's own memos once they hold enough voiced speech; before that, the
 * fallback measured best on EmoDB through the channel-shift evaluation (training/audio/README.md,
 * "Automatic baseline").
 */
import type { BaselineVectors } from '../models/manifest'
import { AUTO_BASELINE_RULES, automaticBaseline, mergeMemoVoiceStats, voicedSecondsOf, type MemoVoiceStats } from './auto-baseline'

/**
 * Before the automatic baseline has enough speech: the gender default. Measured (mean UA over the
 * nine shifted channels, model v2): gender default TBD, per-memo normalisation TBD, automatic
 * from 10 s of speech TBD. Per-memo normalisation removes what tells emotions apart (how
 * loud and bright this memo is against the voice's usual), so it loses even to a default that
 * ignores the microphone.
 */
export const AUTO_BASELINE_FALLBACK = 'gender-default' as const

/** Whether the memo being analysed counts towards its own automatic baseline (measured: see README). */
export const AUTO_BASELINE_INCLUDES_THIS_MEMO = true

export type VoiceBaselineSource = 'calibrated' | 'automatic' | 'gender-default'

export interface VoiceBaselineInputs {
  /** The profile's active calibrated baseline, if it has one. */
  calibrated: BaselineVectors | null
  /** The profile's memos' statistics merged (without the memo being analysed), null when none. */
  profileStats: MemoVoiceStats | null
  /** The memo being analysed, when known (the analysis process knows it). */
  memoStats: MemoVoiceStats | null
  /** The model's MALE/FEMALE default (or their average) for the profile's gender hint. */
  genderDefault: BaselineVectors
}

export interface VoiceBaselineChoice {
  source: VoiceBaselineSource
  vectors: BaselineVectors
  /** Voiced seconds the automatic baseline rests (or would rest) on; null for a calibrated one. */
  automaticVoicedSec: number | null
  /** Seconds the automatic baseline needs; shown as progress before it is ready. */
  automaticNeededSec: number
}

/** Pools the profile's statistics with the memo's own (when the rule counts it and it is known). */
export function automaticPool(inputs: Pick<VoiceBaselineInputs, 'profileStats' | 'memoStats'>): MemoVoiceStats | null {
  const parts = [inputs.profileStats, AUTO_BASELINE_INCLUDES_THIS_MEMO ? inputs.memoStats : null].filter((s): s is MemoVoiceStats => s !== null)
  return parts.length === 0 ? null : parts.reduce(mergeMemoVoiceStats)
}

export function chooseVoiceBaseline(inputs: VoiceBaselineInputs, rules = AUTO_BASELINE_RULES): VoiceBaselineChoice {
  const needed = rules.minVoicedSec
  if (inputs.calibrated) return { source: 'calibrated', vectors: inputs.calibrated, automaticVoicedSec: null, automaticNeededSec: needed }
  const pool = automaticPool(inputs)
  const auto = pool ? automaticBaseline(pool, rules) : null
  const voicedSec = pool ? voicedSecondsOf(pool) : 0
  if (auto?.status === 'ok') return { source: 'automatic', vectors: auto.baseline, automaticVoicedSec: voicedSec, automaticNeededSec: needed }
  return { source: AUTO_BASELINE_FALLBACK, vectors: inputs.genderDefault, automaticVoicedSec: voicedSec, automaticNeededSec: needed }
}
