/**
 * Runs a pack's ONNX model over sentences: sorted by length so each batch pads little, at most
 * `batchSize` rows per session run, dynamic padding to the batch's longest row.
 */
import * as ort from 'onnxruntime-node'
import { softmax } from '../../shared/emotions'
import { TextEngineError } from './errors'
import { padIds, type TextTokenizer } from './tokenizer'

export const DEFAULT_BATCH_SIZE = 32

export interface ClassifierConfig {
  inputNames: readonly string[]
  outputName: string
  maxLength: number
  numLabels: number
}

export class SentenceClassifier {
  constructor(
    private readonly session: ort.InferenceSession,
    private readonly tokenizer: TextTokenizer,
    private readonly config: ClassifierConfig
  ) {}

  /** Softmax probabilities (model-label order) for each text, in input order. */
  async classify(texts: readonly string[], batchSize = DEFAULT_BATCH_SIZE): Promise<number[][]> {
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new TextEngineError('INVALID_INPUT', `batchSize must be a positive integer, got ${batchSize}`)
    }
    const ids = texts.map((t) => this.tokenizer.encode(t, this.config.maxLength))
    const order = ids.map((_, i) => i).sort((a, b) => ids[a]!.length - ids[b]!.length)
    const out = new Array<number[]>(texts.length)
    for (let s = 0; s < order.length; s += batchSize) {
      const rows = order.slice(s, s + batchSize)
      const logits = await this.runBatch(rows.map((r) => ids[r]!))
      rows.forEach((r, b) => (out[r] = softmax(logits.subarray(b * this.config.numLabels, (b + 1) * this.config.numLabels))))
    }
    return out
  }

  private async runBatch(rows: number[][]): Promise<Float32Array> {
    const { inputIds, attentionMask, batchSize, seqLength } = padIds(rows, this.tokenizer.padId)
    const dims = [batchSize, seqLength]
    const feeds: Record<string, ort.Tensor> = {}
    for (const name of this.config.inputNames) {
      if (name === 'input_ids') feeds[name] = new ort.Tensor('int64', inputIds, dims)
      else if (name === 'attention_mask') feeds[name] = new ort.Tensor('int64', attentionMask, dims)
      else feeds[name] = new ort.Tensor('int64', new BigInt64Array(batchSize * seqLength), dims) // token_type_ids
    }
    const result = await this.session.run(feeds)
    const logits = result[this.config.outputName]
    const expected = rows.length * this.config.numLabels
    if (!logits || logits.type !== 'float32' || logits.data.length !== expected) {
      throw new TextEngineError(
        'MODEL_OUTPUT_INVALID',
        `output ${this.config.outputName} should be float32 [${rows.length}, ${this.config.numLabels}], got ${logits ? `${logits.type} [${logits.dims.join(', ')}]` : 'nothing'}`
      )
    }
    return logits.data as Float32Array
  }
}
