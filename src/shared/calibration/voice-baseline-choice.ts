/**
 * Which baseline a voice analysis uses, in one place so the app, the CLI and the analysis
 * process choose alike: a calibrated baseline always wins; before calibration, the automatic
 * baseline from the profile's own memos once they hold enough voiced speech; before that, the
 * fallback measured best on EmoDB's validation speakers (training/audio/README.md, "Automatic
 * baseline"): the memo's own statistic, or the gender default when the memo has too little voice.
 */
import type { BaselineVectors } from '../models/manifest'
import { AUTO_BASELINE_RULES, automaticBaseline, mergeMemoVoiceStats, voicedSecondsOf, type MemoVoiceStats } from './auto-baseline'

/**
 * Before the profile's other memos hold enough speech: the memo's own statistic (per-memo
 * normalisation), and the gender default only when the memo itself is not enough to describe a
 * voice. Chosen on the validation speakers and channels (training/audio/VALIDATION.md; mean UA
 * over nine shifted channels, model v2's inner validation models): per-memo 64.1 against the gender
 * default's 60.8 (the test speakers agree: training/audio/CHANNEL_EVAL.md).
 */
export const AUTO_BASELINE_FALLBACK = 'memo' as const

/**
 * Whether the memo being analysed counts towards the automatic baseline it is read with. Measured
 * on validation: pooling it in costs 0.3–1.2 points from 5 s of other speech on (a memo's own emotion
 * pulls the baseline towards itself), so a memo is read against its profile's other memos.
 */
export const AUTO_BASELINE_INCLUDES_THIS_MEMO = false

export type VoiceBaselineSource = 'calibrated' | 'automatic' | 'memo' | 'gender-default'

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
  const voicedSec = pool ? voicedSecondsOf(pool) : 0
  const auto = pool ? automaticBaseline(pool, rules) : null
  if (auto?.status === 'ok') return { source: 'automatic', vectors: auto.baseline, automaticVoicedSec: voicedSec, automaticNeededSec: needed }
  const own = inputs.memoStats ? automaticBaseline(inputs.memoStats, { ...rules, minVoicedSec: 0 }) : null
  if (AUTO_BASELINE_FALLBACK === 'memo' && own?.status === 'ok') {
    return { source: 'memo', vectors: own.baseline, automaticVoicedSec: voicedSec, automaticNeededSec: needed }
  }
  return { source: 'gender-default', vectors: inputs.genderDefault, automaticVoicedSec: voicedSec, automaticNeededSec: needed }
}
