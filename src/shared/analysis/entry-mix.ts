import { CANONICAL_EMOTIONS, dominantEmotion, type CanonicalDistribution } from '../emotions'

export interface SentenceForMix {
  start: number
  end: number
  canonical: CanonicalDistribution
}

const zeros = (): CanonicalDistribution => Object.fromEntries(CANONICAL_EMOTIONS.map((e) => [e, 0])) as CanonicalDistribution

/**
 * The entry's emotion mix (the app's default): sentence distributions averaged with weights by
 * sentence length, so a long paragraph outweighs a one-word aside. Sentences whose top emotion is
 * NEUTRAL are left out, so "I had lunch." does not dilute a sad evening; an entry with only
 * neutral sentences is NEUTRAL. The NEUTRAL share of emotional sentences is dropped and the
 * result renormalised, so the mix is over the six emotions. (The seed's own statistic, the share
 * of sentences per label, is `percentages` in `src/shared/text/aggregate.ts`.)
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
    const weight = Math.max(1, s.end - s.start)
    for (const e of CANONICAL_EMOTIONS) {
      if (e === 'NEUTRAL') continue
      mix[e] += weight * s.canonical[e]
      total += weight * s.canonical[e]
    }
  }
  for (const e of CANONICAL_EMOTIONS) mix[e] = total > 0 ? mix[e] / total : 0
  return mix
}
