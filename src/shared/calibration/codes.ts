/** Stable codes of the calibration, free of audio code so any side (renderer, contract) can import them. */

/** Why one take is refused; the UI explains each and asks for another try. */
export const TAKE_PROBLEMS = ['silent', 'too-quiet', 'noisy', 'clipped', 'too-short'] as const
export type TakeProblem = (typeof TAKE_PROBLEMS)[number]

/** Why a set of accepted takes gives no baseline. */
export const BASELINE_REJECTIONS = ['too-few-takes', 'too-little-speech', 'takes-disagree', 'degenerate-std'] as const
export type BaselineRejection = (typeof BASELINE_REJECTIONS)[number]

/** Why a memo's voice reading is not trusted (issue 16): shown on the memo instead of a confident label. */
export const MEMO_QUALITY_PROBLEMS = ['silent', 'too-quiet', 'clipped', 'too-little-speech'] as const
export type MemoQualityProblem = (typeof MEMO_QUALITY_PROBLEMS)[number]
