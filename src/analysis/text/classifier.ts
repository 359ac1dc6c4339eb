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
    return (await this.logits(texts, batchSize)).map((z) => softmax(z))
  }

  /** Raw logits (model-label order) for each text, in input order. */
  async logits(texts: readonly string[], batchSize = DEFAULT_BATCH_SIZE): Promise<Float32Array[]> {
    return this.run(texts, batchSize, this.config.outputName, this.config.numLabels)
  }

  /**
   * A named float32 output of shape [batch, dim] for each text (e.g. the `pooled` sentence vector
   * a pack declares as its representation), in input order.
   */
  async output(texts: readonly string[], name: string, dim: number, batchSize = DEFAULT_BATCH_SIZE): Promise<Float32Array[]> {
    return this.run(texts, batchSize, name, dim)
  }

  private async run(texts: readonly string[], batchSize: number, outputName: string, width: number): Promise<Float32Array[]> {
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new TextEngineError('INVALID_INPUT', `batchSize must be a positive integer, got ${batchSize}`)
    }
    const ids = texts.map((t) => this.tokenizer.encode(t, this.config.maxLength))
    const order = ids.map((_, i) => i).sort((a, b) => ids[a]!.length - ids[b]!.length)
    const out = new Array<Float32Array>(texts.length)
    for (let s = 0; s < order.length; s += batchSize) {
      const rows = order.slice(s, s + batchSize)
      const data = await this.runBatch(rows.map((r) => ids[r]!), outputName, width)
      rows.forEach((r, b) => (out[r] = data.slice(b * width, (b + 1) * width)))
    }
    return out
  }

  private async runBatch(rows: number[][], outputName: string, width: number): Promise<Float32Array> {
    const { inputIds, attentionMask, batchSize, seqLength } = padIds(rows, this.tokenizer.padId)
    const dims = [batchSize, seqLength]
    const feeds: Record<string, ort.Tensor> = {}
    for (const name of this.config.inputNames) {
      if (name === 'input_ids') feeds[name] = new ort.Tensor('int64', inputIds, dims)
      else if (name === 'attention_mask') feeds[name] = new ort.Tensor('int64', attentionMask, dims)
      else feeds[name] = new ort.Tensor('int64', new BigInt64Array(batchSize * seqLength), dims) // token_type_ids
    }
    // Fetch only the output asked for (logits for labels, `pooled` for the representation).
    const result = await this.session.run(feeds, [outputName])
    const tensor = result[outputName]
    const expected = rows.length * width
    if (!tensor || tensor.type !== 'float32' || tensor.data.length !== expected) {
      throw new TextEngineError(
        'MODEL_OUTPUT_INVALID',
        `output ${outputName} should be float32 [${rows.length}, ${width}], got ${tensor ? `${tensor.type} [${tensor.dims.join(', ')}]` : 'nothing'}`
      )
    }
    return tensor.data as Float32Array
  }
}
