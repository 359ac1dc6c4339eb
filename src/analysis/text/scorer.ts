/**
 * What turns sentences into logits for a text pack, by the manifest's declared model kind:
 * - no `model` / `onnx-classifier`: the ONNX sequence classifier (today's packs, official exports);
 * - `ensemble`: that classifier and the n-gram model (ngram/), mixed as weighted log-probabilities
 *   (w_onnx · log softmax(z_onnx) + w_ngram · log softmax(z_ngram)), which is what compare.py fitted.
 * It also serves the pack's declared sentence representation (manifest `representation`).
 */
import * as ort from 'onnxruntime-node'
import type { TextRepresentation } from '../../shared/models/manifest'
import { SentenceClassifier } from './classifier'
import { TextEngineError } from './errors'
import { NgramModel } from './ngram/model'
import type { TextPack } from './pack'
import { loadTokenizer } from './tokenizer'

export interface TextScorer {
  /** Logits (model-label order) before calibration, one row per text, in input order. */
  logits(texts: readonly string[], batchSize: number): Promise<Float32Array[]>
  /** The declared per-sentence vector; NO_REPRESENTATION when the pack declares none. */
  representation(texts: readonly string[], batchSize: number): Promise<Float32Array[]>
  readonly representationSpec: TextRepresentation | null
  close(): Promise<void>
}

function logSoftmax(z: Float32Array): Float32Array {
  let max = -Infinity
  for (const v of z) max = Math.max(max, v)
  let sum = 0
  for (const v of z) sum += Math.exp(v - max)
  const lse = max + Math.log(sum)
  return z.map((v) => v - lse)
}

async function openSession(pack: TextPack, threads: number): Promise<ort.InferenceSession> {
  let session: ort.InferenceSession
  try {
    session = await ort.InferenceSession.create(pack.modelPath, {
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
      // ONNX Runtime's arena keeps its peak (a 32-sentence batch) for the life of the process;
      // without it the memory goes back after each run (bench/analysis-footprint.ts).
      enableCpuMemArena: false,
      enableMemPattern: false
    })
  } catch (cause) {
    throw new TextEngineError('MODEL_LOAD_FAILED', `cannot load ${pack.modelPath}: ${String(cause)}`, { cause })
  }
  const { input, representation } = pack.manifest
  const outputs = [input.outputName, ...(representation?.from === 'onnx' ? [representation.output] : [])]
  const missing = input.inputNames.filter((n) => !session.inputNames.includes(n))
  if (missing.length || outputs.some((o) => !session.outputNames.includes(o))) {
    await session.release()
    throw new TextEngineError(
      'PACK_INVALID',
      `model has inputs [${session.inputNames.join(', ')}] and outputs [${session.outputNames.join(', ')}], manifest expects inputs [${input.inputNames.join(', ')}] and outputs [${outputs.join(', ')}]`
    )
  }
  return session
}

export async function createScorer(pack: TextPack, threads: number): Promise<TextScorer> {
  const { manifest } = pack
  const tokenizer = await loadTokenizer(pack.tokenizerDir)
  const session = await openSession(pack, threads)
  const classifier = new SentenceClassifier(session, tokenizer, {
    inputNames: manifest.input.inputNames,
    outputName: manifest.input.outputName,
    maxLength: manifest.input.maxLength,
    numLabels: manifest.labels.length
  })
  let ngram: NgramModel | null = null
  let weights = { onnx: 1, ngram: 0 }
  if (manifest.model?.kind === 'ensemble') {
    try {
      ngram = NgramModel.load(pack.ngramPath!, { ...manifest.model.ngram, labels: manifest.labels.length })
    } catch (err) {
      await session.release()
      throw err
    }
    weights = manifest.model.weights
  }
  const spec = manifest.representation ?? null

  return {
    representationSpec: spec,
    async logits(texts, batchSize) {
      const onnx = await classifier.logits(texts, batchSize)
      if (!ngram) return onnx
      return onnx.map((z, i) => {
        const a = logSoftmax(z)
        const b = logSoftmax(ngram!.logits(texts[i]!))
        return a.map((v, j) => weights.onnx * v + weights.ngram * b[j]!)
      })
    },
    async representation(texts, batchSize) {
      if (!spec) throw new TextEngineError('NO_REPRESENTATION', `${manifest.id} declares no sentence representation`)
      if (spec.from === 'onnx') return classifier.output(texts, spec.output, spec.dim, batchSize)
      return texts.map((t) => ngram!.pooled(t))
    },
    close: () => session.release()
  }
}
