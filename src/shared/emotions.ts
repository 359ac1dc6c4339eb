/**
 * The canonical emotion space every model result is mapped into before it is stored, fused or
 * charted. The first six are the seed's; NEUTRAL exists for models (and datasets) that have it.
 */
export const CANONICAL_EMOTIONS = ['ANGRY', 'SAD', 'DISGUST', 'HAPPY', 'FEAR', 'SURPRISE', 'NEUTRAL'] as const
export type CanonicalEmotion = (typeof CANONICAL_EMOTIONS)[number]

/** One probability per canonical emotion, in `CANONICAL_EMOTIONS` order. */
export type CanonicalDistribution = Record<CanonicalEmotion, number>

export function softmax(logits: ArrayLike<number>): number[] {
  let max = -Infinity
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]!)
  const exps = Array.from(logits, (v) => Math.exp(v - max))
  const sum = exps.reduce((a, b) => a + b, 0)
  return exps.map((e) => e / sum)
}

/**
 * Maps a model's label probabilities onto the canonical space with the manifest's matrix
 * (rows = canonical emotions, columns = the model's labels), then renormalises so the result is
 * again a distribution. A zero row sum (no label maps anywhere) yields all zeros, never NaN.
 */
export function toCanonical(probs: ArrayLike<number>, matrix: readonly (readonly number[])[]): CanonicalDistribution {
  if (matrix.length !== CANONICAL_EMOTIONS.length) {
    throw new Error(`canonical matrix needs ${CANONICAL_EMOTIONS.length} rows, got ${matrix.length}`)
  }
  const raw = matrix.map((row) => {
    if (row.length !== probs.length) throw new Error(`matrix row has ${row.length} columns for ${probs.length} labels`)
    return row.reduce((acc, w, j) => acc + w * probs[j]!, 0)
  })
  const total = raw.reduce((a, b) => a + b, 0)
  const out = {} as CanonicalDistribution
  CANONICAL_EMOTIONS.forEach((e, i) => (out[e] = total > 0 ? raw[i]! / total : 0))
  return out
}

export function dominantEmotion(dist: CanonicalDistribution): CanonicalEmotion {
  let best: CanonicalEmotion = CANONICAL_EMOTIONS[0]
  for (const e of CANONICAL_EMOTIONS) if (dist[e] > dist[best]) best = e
  return best
}

export interface FusionWeights {
  text: number
  audio: number
}

export const DEFAULT_FUSION_WEIGHTS: FusionWeights = { text: 0.7, audio: 0.3 }

/** Weighted sum of two canonical distributions, renormalised (the seed's text 0.7 / audio 0.3). */
export function fuse(
  text: CanonicalDistribution,
  audio: CanonicalDistribution,
  weights: FusionWeights = DEFAULT_FUSION_WEIGHTS
): CanonicalDistribution {
  const out = {} as CanonicalDistribution
  let total = 0
  for (const e of CANONICAL_EMOTIONS) {
    out[e] = weights.text * text[e] + weights.audio * audio[e]
    total += out[e]
  }
  for (const e of CANONICAL_EMOTIONS) out[e] = total > 0 ? out[e] / total : 0
  return out
}
