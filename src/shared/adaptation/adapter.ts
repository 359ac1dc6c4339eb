/**
 * A profile's text adapter: a multinomial logistic "residual" head over the canonical emotions.
 * For a sentence with the base model's canonical distribution p and n-gram vector x (features.ts),
 *
 *   adapted = softmax( log(p + ε) + b + Wᵀx [+ Vᵀr] )
 *
 * where W holds one row of seven weights per n-gram bucket the writer's corrections contained
 * (every other row is zero, so only they are stored), b is a per-emotion shift and r the text
 * pack's own sentence representation when a pack exposes one (optional block V). With W = 0 and
 * b = 0 the reading is the base model's (ε only lifts exact zeros so that an emotion a pack never
 * predicts, such as NEUTRAL for the six-label official model, can still be learnt). The base pack
 * never changes: the adapter is applied to its output, per profile.
 */
import { CANONICAL_EMOTIONS, type CanonicalDistribution } from '../emotions'
import { DEFAULT_NGRAM_SPEC, ngramValue, sentenceNgrams, type NgramSpec } from './features'

export const ADAPTER_FORMAT = 'haru-text-adapter'
export const ADAPTER_FORMAT_VERSION = 1
/** Lifts zero probabilities before the log (see above). */
export const BASE_EPSILON = 1e-3
const K = CANONICAL_EMOTIONS.length

export interface TextAdapterWeights {
  format: typeof ADAPTER_FORMAT
  formatVersion: typeof ADAPTER_FORMAT_VERSION
  ngrams: NgramSpec
  /** Buckets with a weight row, ascending. */
  buckets: number[]
  /** `buckets.length × 7` weights, row-major, canonical emotion order. */
  weights: number[]
  /** Seven per-emotion shifts. */
  bias: number[]
  /** Weights over the pack's sentence representation (`dim × 7`, row-major), when it was used. */
  representation?: { dim: number; weights: number[] }
}

/** Base distribution in canonical order, ε-lifted and renormalised, as the adapter's logits start from it. */
export function baseLogits(base: CanonicalDistribution | readonly number[]): number[] {
  const p = Array.isArray(base) ? (base as readonly number[]) : CANONICAL_EMOTIONS.map((e) => (base as CanonicalDistribution)[e])
  return p.map((v) => Math.log(Math.max(0, Number.isFinite(v) ? v : 0) + BASE_EPSILON))
}

export function softmaxInPlace(z: number[]): number[] {
  let max = -Infinity
  for (const v of z) max = Math.max(max, v)
  let sum = 0
  for (let i = 0; i < z.length; i++) sum += z[i] = Math.exp(z[i]! - max)
  for (let i = 0; i < z.length; i++) z[i]! /= sum
  return z
}

/** Binary search over the adapter's ascending buckets: the weight row of a bucket, or -1. */
function rowOf(buckets: readonly number[], bucket: number): number {
  let lo = 0
  let hi = buckets.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const b = buckets[mid]!
    if (b === bucket) return mid
    if (b < bucket) lo = mid + 1
    else hi = mid - 1
  }
  return -1
}

/** The adapter's logits for one sentence (before the softmax). */
export function adapterLogits(adapter: TextAdapterWeights, ngrams: readonly number[], base: CanonicalDistribution | readonly number[], representation?: ArrayLike<number>): number[] {
  const z = baseLogits(base)
  for (let c = 0; c < K; c++) z[c]! += adapter.bias[c] ?? 0
  const x = ngramValue(ngrams.length)
  for (const bucket of ngrams) {
    const row = rowOf(adapter.buckets, bucket)
    if (row < 0) continue
    for (let c = 0; c < K; c++) z[c]! += x * adapter.weights[row * K + c]!
  }
  const rep = adapter.representation
  if (rep && representation && representation.length === rep.dim) {
    for (let j = 0; j < rep.dim; j++) for (let c = 0; c < K; c++) z[c]! += representation[j]! * rep.weights[j * K + c]!
  }
  return z
}

/** A sentence's reading through the adapter, as a canonical distribution. */
export function adaptSentence(
  adapter: TextAdapterWeights,
  text: string,
  base: CanonicalDistribution,
  representation?: ArrayLike<number>
): CanonicalDistribution {
  const p = softmaxInPlace(adapterLogits(adapter, sentenceNgrams(text, adapter.ngrams ?? DEFAULT_NGRAM_SPEC), base, representation))
  return Object.fromEntries(CANONICAL_EMOTIONS.map((e, i) => [e, p[i]!])) as CanonicalDistribution
}

/** Checks a stored or received adapter before it is used (a damaged one is refused, never half-applied). */
export function isTextAdapterWeights(value: unknown): value is TextAdapterWeights {
  const a = value as TextAdapterWeights
  if (typeof a !== 'object' || a === null || a.format !== ADAPTER_FORMAT || a.formatVersion !== ADAPTER_FORMAT_VERSION) return false
  const spec = a.ngrams
  if (!spec || !Number.isInteger(spec.buckets) || spec.buckets < 1 || !Number.isInteger(spec.minN) || !Number.isInteger(spec.maxN) || spec.minN < 1 || spec.maxN < spec.minN) return false
  if (!Array.isArray(a.buckets) || !Array.isArray(a.weights) || !Array.isArray(a.bias) || a.bias.length !== K) return false
  if (a.weights.length !== a.buckets.length * K) return false
  for (let i = 1; i < a.buckets.length; i++) if (!(a.buckets[i]! > a.buckets[i - 1]!)) return false
  if (![...a.weights, ...a.bias].every(Number.isFinite)) return false
  if (a.representation && (!Number.isInteger(a.representation.dim) || a.representation.weights.length !== a.representation.dim * K)) return false
  return true
}
