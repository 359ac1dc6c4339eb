/**
 * Trains a profile's adapter (adapter.ts) from the writer's corrections: maximum a posteriori
 * multinomial logistic regression whose prior pulls every weight to zero, i.e. to "no change":
 *
 *   minimise  Σᵢ wᵢ · CE(softmax(τ·log(pᵢ + ε) + b + Wᵀxᵢ), yᵢ)  +  λ/2 ‖W‖²  +  λ_b/2 ‖b‖²
 *
 * The data term is a sum (not a mean), so the prior's weight is fixed: a handful of corrections
 * moves the reading a little, many consistent ones move it a lot. τ (fixed, not learnt) softens the
 * base model's log-probabilities: the default pack (haru-text-default-v2) is often very sure, and at
 * τ = 1 a writer's consistent corrections could hardly move such a reading; the argmax of an
 * unadapted sentence is the same at any τ. λ, λ_b, τ and the n-gram range were chosen on writers
 * p01–p04 of the personas split only (bench/adaptation-search.ts; bench/adaptation.ts reports all
 * eight, split by that).
 * Deterministic: the same examples in the same order give the same weights.
 */
import { CANONICAL_EMOTIONS } from '../emotions'
import { ADAPTER_FORMAT, ADAPTER_FORMAT_VERSION, baseLogits, softmaxInPlace, type TextAdapterWeights } from './adapter'
import { DEFAULT_NGRAM_SPEC, ngramValue, type NgramSpec } from './features'
import { minimizeLbfgs } from './lbfgs'

const K = CANONICAL_EMOTIONS.length

export interface AdapterExample {
  /** The sentence's n-gram buckets (features.ts). */
  ngrams: readonly number[]
  /** The base model's canonical distribution, in canonical order. */
  base: readonly number[]
  /** Index of the writer's emotion in CANONICAL_EMOTIONS. */
  label: number
  /** Default 1. */
  weight?: number
  /**
   * The text pack's sentence representation, when the pack exposes one (issue 10's packs will);
   * used only when every example has one of the same length.
   */
  representation?: readonly number[]
}

export interface AdapterHyperparameters {
  /** λ: L2 on the n-gram weights. */
  l2: number
  /** λ_b: L2 on the per-emotion shift. */
  biasL2: number
  /** λ_r: L2 on the weights over the pack's representation (when used). */
  representationL2: number
  /**
   * τ: the base model's log-probabilities are scaled by τ while the residual is fitted, and the
   * fitted residual is divided by τ when stored, so the adapter serves softmax(log p + r/τ): the
   * same decision as the fit, the base reading exactly where the residual is zero. 1: no scaling.
   */
  baseScale: number
  maxIterations: number
}

/**
 * Chosen on p01–p04 over haru-text-default-v2 (see the file comment and the README's adaptation
 * section); the setting tuned over the old default pack was l2 0.03, biasL2 3, τ 1, n-grams 1–4.
 */
export const DEFAULT_HYPERPARAMETERS: AdapterHyperparameters = { l2: 0.01, biasL2: 10, representationL2: 1, baseScale: 0.6, maxIterations: 300 }

export interface AdapterTrainingResult {
  adapter: TextAdapterWeights
  metrics: {
    examples: number
    /** Mean cross-entropy on the examples before (base model) and after training. */
    lossBefore: number
    lossAfter: number
    /** Share of the examples the base model and the adapted model read as the writer did. */
    accuracyBefore: number
    accuracyAfter: number
    iterations: number
    converged: boolean
  }
}

interface Prepared {
  buckets: number[]
  /** Length of the representation block (0: not used). */
  dim: number
  /** Per example: weight rows of its n-grams, their common value, base logits, label, weight, representation. */
  rows: { cols: Int32Array; x: number; z0: number[]; label: number; weight: number; r: readonly number[] }[]
}

function prepare(examples: readonly AdapterExample[], baseScale: number): Prepared {
  const buckets = [...new Set(examples.flatMap((e) => e.ngrams))].sort((a, b) => a - b)
  const index = new Map(buckets.map((b, i) => [b, i]))
  const dim = examples[0]?.representation?.length ?? 0
  const useRepresentation = dim > 0 && examples.every((e) => e.representation?.length === dim)
  const rows = examples.map((e) => {
    if (!Number.isInteger(e.label) || e.label < 0 || e.label >= K) throw new Error(`adapter example label ${e.label} is not an emotion index`)
    if (e.base.length !== K) throw new Error(`adapter example base has ${e.base.length} values, expected ${K}`)
    return { cols: Int32Array.from(new Set(e.ngrams), (b) => index.get(b)!), x: ngramValue(new Set(e.ngrams).size), z0: baseLogits(e.base).map((z) => baseScale * z), label: e.label, weight: e.weight ?? 1, r: useRepresentation ? e.representation! : [] }
  })
  return { buckets, dim: useRepresentation ? dim : 0, rows }
}

/** Parameters are laid out as [W (buckets × 7, row-major), b (7), V (dim × 7, row-major)]. */
function logitsOf(p: Prepared, r: Prepared['rows'][number], theta: Float64Array, z: number[]): number[] {
  const nW = p.buckets.length * K
  for (let c = 0; c < K; c++) z[c] = r.z0[c]! + theta[nW + c]!
  for (const col of r.cols) for (let c = 0; c < K; c++) z[c]! += r.x * theta[col * K + c]!
  for (let j = 0; j < p.dim; j++) for (let c = 0; c < K; c++) z[c]! += r.r[j]! * theta[nW + K + j * K + c]!
  return z
}

function objective(p: Prepared, hp: AdapterHyperparameters) {
  const nW = p.buckets.length * K
  const l2At = (i: number): number => (i < nW ? hp.l2 : i < nW + K ? hp.biasL2 : hp.representationL2)
  return (theta: Float64Array, grad: Float64Array): number => {
    let loss = 0
    for (let i = 0; i < theta.length; i++) {
      loss += 0.5 * l2At(i) * theta[i]! * theta[i]!
      grad[i] = l2At(i) * theta[i]!
    }
    const z = new Array<number>(K)
    for (const r of p.rows) {
      softmaxInPlace(logitsOf(p, r, theta, z))
      loss -= r.weight * Math.log(Math.max(z[r.label]!, 1e-300))
      for (let c = 0; c < K; c++) {
        const g = r.weight * (z[c]! - (c === r.label ? 1 : 0))
        grad[nW + c]! += g
        for (const col of r.cols) grad[col * K + c]! += r.x * g
        for (let j = 0; j < p.dim; j++) grad[nW + K + j * K + c]! += r.r[j]! * g
      }
    }
    return loss
  }
}

function evaluate(p: Prepared, theta: Float64Array): { loss: number; accuracy: number } {
  let loss = 0
  let right = 0
  const z = new Array<number>(K)
  for (const r of p.rows) {
    softmaxInPlace(logitsOf(p, r, theta, z))
    loss -= Math.log(Math.max(z[r.label]!, 1e-300))
    if (z.indexOf(Math.max(...z)) === r.label) right++
  }
  const n = Math.max(1, p.rows.length)
  return { loss: loss / n, accuracy: right / n }
}

/** Six significant digits are far finer than the prior lets a weight mean, and halve the stored JSON. */
const compact = (values: Float64Array): number[] => Array.from(values, (v) => Number(v.toPrecision(6)))

export function trainAdapter(
  examples: readonly AdapterExample[],
  hyperparameters: Partial<AdapterHyperparameters> = {},
  ngrams: NgramSpec = DEFAULT_NGRAM_SPEC
): AdapterTrainingResult {
  const hp = { ...DEFAULT_HYPERPARAMETERS, ...hyperparameters }
  if (!(Number.isFinite(hp.baseScale) && hp.baseScale > 0)) throw new Error(`adapter baseScale must be positive, got ${hp.baseScale}`)
  const p = prepare(examples, hp.baseScale)
  const zero = new Float64Array(p.buckets.length * K + K + p.dim * K)
  const result = p.rows.length
    ? minimizeLbfgs(objective(p, hp), zero, { maxIterations: hp.maxIterations })
    : { x: zero, iterations: 0, converged: true, value: 0 }
  const nW = p.buckets.length * K
  // softmax(τ·log p + r) and softmax(log p + r/τ) decide alike; the second keeps the base reading
  // (and its calibrated confidence) wherever the writer's corrections taught nothing.
  const served = result.x.map((v) => v / hp.baseScale)
  // The metrics describe the adapter as it is served (base log-probabilities unscaled).
  const asServed = hp.baseScale === 1 ? p : prepare(examples, 1)
  const before = evaluate(asServed, zero)
  const after = evaluate(asServed, served)
  return {
    adapter: {
      format: ADAPTER_FORMAT,
      formatVersion: ADAPTER_FORMAT_VERSION,
      ngrams,
      buckets: p.buckets,
      weights: compact(served.subarray(0, nW)),
      bias: compact(served.subarray(nW, nW + K)),
      ...(p.dim > 0 ? { representation: { dim: p.dim, weights: compact(served.subarray(nW + K)) } } : {})
    },
    metrics: {
      examples: p.rows.length,
      lossBefore: before.loss,
      lossAfter: after.loss,
      accuracyBefore: before.accuracy,
      accuracyAfter: after.accuracy,
      iterations: result.iterations,
      converged: result.converged
    }
  }
}
