import { CANONICAL_EMOTIONS, dominantEmotion, type CanonicalDistribution } from '../emotions'

export interface SentenceForMix {
  start: number
  end: number
  canonical: CanonicalDistribution
  /** The model was not sure of this sentence (shared/text/confidence.ts); absent in older analyses. */
  uncertain?: boolean
  /** The writer corrected it (issue 12): their word counts in full, however unsure the model was. */
  correctionId?: number | null | undefined
}

/**
 * How much an uncertain sentence counts in the mix against a confident one of the same length.
 * A quarter: it still says something (an entry of only uncertain sentences keeps their mix), but
 * one confident sentence outweighs several uncertain ones of its length.
 */
export const UNCERTAIN_MIX_WEIGHT = 0.25

const zeros = (): CanonicalDistribution => Object.fromEntries(CANONICAL_EMOTIONS.map((e) => [e, 0])) as CanonicalDistribution

/**
 * The entry's emotion mix (the app's default): sentence distributions averaged with weights by
 * sentence length, so a long paragraph outweighs a one-word aside, times UNCERTAIN_MIX_WEIGHT for
 * a sentence the model was unsure of (unless the writer corrected it). Sentences whose top emotion is NEUTRAL are left out, so
 * "I had lunch." does not dilute a sad evening; an entry with only neutral sentences is NEUTRAL.
 * The NEUTRAL share of emotional sentences is dropped and the result renormalised, so the mix is
 * over the six emotions. (The seed's own statistic, the share of sentences per label, is
 * `percentages` in `src/shared/text/aggregate.ts`.)
 */
export function entryEmotionMix(sentences: readonly SentenceForMix[]): CanonicalDistribution {
  const mix = zeros()
  const emotional = sentences.filter((s) => dominantEmotion(s.canonical) !== 'NEUTRAL')
  if (emotional.length === 0) {
    if (sentences.length > 0) mix.NEUTRAL = 1
    return mix
  }
  let total = 0
  for (const s of emotional) {
    const weight = Math.max(1, s.end - s.start) * (s.uncertain && s.correctionId == null ? UNCERTAIN_MIX_WEIGHT : 1)
    for (const e of CANONICAL_EMOTIONS) {
      if (e === 'NEUTRAL') continue
      mix[e] += weight * s.canonical[e]
      total += weight * s.canonical[e]
    }
  }
  for (const e of CANONICAL_EMOTIONS) mix[e] = total > 0 ? mix[e] / total : 0
  return mix
}
