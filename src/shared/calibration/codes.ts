/** Stable codes of the calibration, free of audio code so any side (renderer, contract) can import them. */

/** Why one take is refused; the UI explains each and asks for another try. */
export const TAKE_PROBLEMS = ['silent', 'too-quiet', 'noisy', 'clipped', 'too-short'] as const
export type TakeProblem = (typeof TAKE_PROBLEMS)[number]

/** Why a set of accepted takes gives no baseline. */
export const BASELINE_REJECTIONS = ['too-few-takes', 'too-little-speech', 'takes-disagree', 'degenerate-std'] as const
export type BaselineRejection = (typeof BASELINE_REJECTIONS)[number]
