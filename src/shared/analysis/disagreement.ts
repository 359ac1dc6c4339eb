import { CANONICAL_EMOTIONS, type CanonicalDistribution, type CanonicalEmotion } from '../emotions'

/** Words and voice "disagree" when some emotion's share differs by more than this (25 points). */
export const DISAGREEMENT_THRESHOLD = 0.25

/** The emotion with the largest gap between the two distributions, if that gap passes the threshold. */
export function wordsVoiceDisagreement(
  text: CanonicalDistribution,
  voice: CanonicalDistribution,
  threshold = DISAGREEMENT_THRESHOLD
): { emotion: CanonicalEmotion; gap: number } | null {
  let best: { emotion: CanonicalEmotion; gap: number } = { emotion: CANONICAL_EMOTIONS[0], gap: 0 }
  for (const e of CANONICAL_EMOTIONS) {
    const gap = Math.abs(text[e] - voice[e])
    if (gap > best.gap) best = { emotion: e, gap }
  }
  return best.gap > threshold ? best : null
}
