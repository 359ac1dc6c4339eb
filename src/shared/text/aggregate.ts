/**
 * Entry-level summaries of per-sentence text-model outputs. Pure, so the renderer can recompute
 * them (e.g. after the writer deletes a sentence) exactly as the analysis process did.
 */
import { CANONICAL_EMOTIONS, toCanonical, type CanonicalDistribution } from '../emotions'

export interface EntrySummary {
  /**
   * The seed's statistic: for each model label, the percentage of sentences whose most probable
   * label it is. Sums to 100 when there is at least one sentence (all zeros otherwise).
   */
  percentages: Record<string, number>
  /** Mean of the sentences' probability vectors, in model-label order (every sentence weighs the same). */
  meanProbs: number[]
  /**
   * `meanProbs` mapped through the pack's canonical matrix and renormalised (toCanonical).
   * Null when there are no sentences: an empty entry has no emotion, not a uniform one.
   */
  canonical: CanonicalDistribution | null
}

export function argmax(values: ArrayLike<number>): number {
  let best = 0
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i
  return best
}

export function summarizeSentences(
  labels: readonly string[],
  sentenceProbs: readonly (readonly number[])[],
  canonicalMatrix: readonly (readonly number[])[]
): EntrySummary {
  const counts = new Array<number>(labels.length).fill(0)
  const sums = new Array<number>(labels.length).fill(0)
  for (const probs of sentenceProbs) {
    if (probs.length !== labels.length) {
      throw new Error(`sentence has ${probs.length} probabilities for ${labels.length} labels`)
    }
    counts[argmax(probs)]!++
    probs.forEach((p, i) => (sums[i]! += p))
  }
  const n = sentenceProbs.length
  const percentages: Record<string, number> = {}
  labels.forEach((l, i) => (percentages[l] = n ? (100 * counts[i]!) / n : 0))
  const meanProbs = sums.map((s) => (n ? s / n : 0))
  return { percentages, meanProbs, canonical: n ? toCanonical(meanProbs, canonicalMatrix) : null }
}

/** The identity matrix for a pack whose labels already are the canonical emotions, in order. */
export function identityCanonicalMatrix(): number[][] {
  return CANONICAL_EMOTIONS.map((_, i) => CANONICAL_EMOTIONS.map((__, j) => (i === j ? 1 : 0)))
}
