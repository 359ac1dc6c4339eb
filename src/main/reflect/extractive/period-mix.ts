import { CANONICAL_EMOTIONS, type CanonicalDistribution, type CanonicalEmotion } from '../../../shared/emotions'
import type { DayReading } from '../material'

/** Below this share of the period's emotional mix an emotion is not called leading. */
export const LEADING_MIN_SHARE = 0.1

/** Mean of the days' distributions, as Trends computes a bucket; null without days. */
export function meanOfDays(days: readonly DayReading[]): CanonicalDistribution | null {
  if (days.length === 0) return null
  const mean = Object.fromEntries(CANONICAL_EMOTIONS.map((e) => [e, 0])) as CanonicalDistribution
  for (const d of days) for (const e of CANONICAL_EMOTIONS) mean[e] += d.probs[e] / days.length
  return mean
}

/**
 * The period's leading emotions, largest first: those with at least `LEADING_MIN_SHARE` of the mix
 * without NEUTRAL (renormalised, so a calm period still has an order among its feelings). `share`
 * is the emotion's share of the whole mix, the figure the page and the sentences show.
 */
export function leadingEmotions(mix: CanonicalDistribution | null): { emotion: CanonicalEmotion; share: number }[] {
  if (!mix) return []
  const emotional = CANONICAL_EMOTIONS.filter((e) => e !== 'NEUTRAL')
  const total = emotional.reduce((s, e) => s + mix[e], 0)
  if (total <= 0) return []
  return emotional
    .filter((emotion) => mix[emotion] / total >= LEADING_MIN_SHARE)
    .map((emotion) => ({ emotion, share: mix[emotion] }))
    .sort((a, b) => b.share - a.share || CANONICAL_EMOTIONS.indexOf(a.emotion) - CANONICAL_EMOTIONS.indexOf(b.emotion))
}
