/**
 * A diary line the shipped default text pack is not sure of: its calibrated confidence is under the
 * pack's `calibration.uncertainBelow` (asserted against the real pack in
 * tests/unit/text/default-pack.test.ts), and its top label is an emotion, not NEUTRAL, so the
 * journal shows it as uncertain instead of in that emotion's colour (tests/e2e/journal.spec.ts).
 */
export const UNSURE = '이상하게 마음이 싱숭생숭하다.'
