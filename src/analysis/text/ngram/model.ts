/**
 * The n-gram text model in plain TypeScript (no ONNX): the mean of the int8 rows of a sentence's
 * hashed n-gram features (features.ts), then either those means are the logits (a linear model,
 * hidden = 0) or they are a hidden vector mapped to the logits by a small dense layer. The file
 * layout is what training/text/train_ngram.py writes (little-endian):
 *   int8 rows [buckets × width]   width = hidden || number of labels
 *   float32 row scales [buckets]  (row value = int8 × scale)
 *   hidden > 0: float32 W [hidden × labels], float32 bias [labels]
 *   hidden = 0: float32 bias [labels]
 */
import { readFileSync } from 'node:fs'
import { TextEngineError } from '../errors'
import { ngramFeatures, type NgramFeatureConfig } from './features'

export interface NgramSpec extends NgramFeatureConfig {
  hidden: number
  labels: number
}

export function ngramFileBytes(spec: NgramSpec): number {
  const width = spec.hidden || spec.labels
  return spec.buckets * width + 4 * spec.buckets + 4 * (spec.hidden ? spec.hidden * spec.labels + spec.labels : spec.labels)
}

export class NgramModel {
  private readonly width: number

  private constructor(
    readonly spec: NgramSpec,
    private readonly rows: Int8Array,
    private readonly scales: Float32Array,
    private readonly weight: Float32Array | null,
    private readonly bias: Float32Array
  ) {
    this.width = spec.hidden || spec.labels
  }

  static load(path: string, spec: NgramSpec): NgramModel {
    let buf: Buffer
    try {
      buf = readFileSync(path)
    } catch (cause) {
      throw new TextEngineError('PACK_NOT_FOUND', `cannot read ${path}: ${String(cause)}`, { cause })
    }
    const expected = ngramFileBytes(spec)
    if (buf.length !== expected) {
      throw new TextEngineError('PACK_INVALID', `${path} has ${buf.length} bytes, the manifest's n-gram model needs ${expected}`)
    }
    // Copy into aligned, owned buffers (a Buffer's byteOffset need not be 4-byte aligned).
    const bytes = new Uint8Array(buf)
    const width = spec.hidden || spec.labels
    let at = 0
    const take = (n: number): ArrayBuffer => bytes.slice(at, (at += n)).buffer
    const rows = new Int8Array(take(spec.buckets * width))
    const scales = new Float32Array(take(4 * spec.buckets))
    const weight = spec.hidden ? new Float32Array(take(4 * spec.hidden * spec.labels)) : null
    const bias = new Float32Array(take(4 * spec.labels))
    return new NgramModel(spec, rows, scales, weight, bias)
  }

  /** Mean of the sentence's feature rows: the hidden vector (or, for a linear model, the logits less the bias). */
  pooled(text: string): Float32Array {
    const feats = ngramFeatures(text, this.spec)
    const out = new Float32Array(this.width)
    for (const f of feats) {
      const s = this.scales[f]!
      const base = f * this.width
      for (let j = 0; j < this.width; j++) out[j]! += this.rows[base + j]! * s
    }
    const n = Math.max(1, feats.length)
    for (let j = 0; j < this.width; j++) out[j]! /= n
    return out
  }

  logits(text: string): Float32Array {
    const h = this.pooled(text)
    const k = this.spec.labels
    if (!this.weight) return h.map((v, j) => v + this.bias[j]!)
    const out = Float32Array.from(this.bias)
    for (let i = 0; i < this.spec.hidden; i++) {
      const v = h[i]!
      for (let j = 0; j < k; j++) out[j]! += v * this.weight[i * k + j]!
    }
    return out
  }
}
