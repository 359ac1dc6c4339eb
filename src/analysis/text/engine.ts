/**
 * The text emotion engine: splits a diary entry into sentences, classifies each with a model pack
 * (tokenizer + ONNX session loaded once), and summarises the entry.
 *
 * Contract decisions (see also tests/unit/text/engine.test.ts):
 * - Empty or whitespace-only text is a normal diary state, not an error: the result has no
 *   sentences, all-zero percentages and `canonical: null`. A non-string input is INVALID_INPUT.
 * - At most `maxSentences` (default 2000) sentences are classified, the first ones in the text;
 *   `truncated` and `totalSentences` say when more were present. Only the first `maxChars`
 *   (default 2,000,000 code units) are split at all, so a pathological paste stays bounded in time
 *   and memory. Sentences are also wrapped at 500 characters by the splitter.
 */
import * as ort from 'onnxruntime-node'
import { toCanonical, type CanonicalDistribution } from '../../shared/emotions'
import { argmax, summarizeSentences, type EntrySummary } from '../../shared/text/aggregate'
import { splitSentences, type SentenceSpan } from '../../shared/text/sentences'
import type { TextModelManifest } from '../../shared/models/manifest'
import { DEFAULT_BATCH_SIZE, SentenceClassifier } from './classifier'
import { TextEngineError } from './errors'
import { readTextPack } from './pack'
import { loadTokenizer } from './tokenizer'

export const DEFAULT_MAX_SENTENCES = 2000
export const DEFAULT_MAX_CHARS = 2_000_000

export interface TextEngineOptions {
  /** Rows per ONNX session run (default 32). */
  batchSize?: number
  maxSentences?: number
  maxChars?: number
  /** onnxruntime intra-op threads (default 1: the analysis process shares the CPU with the UI). */
  threads?: number
}

export interface SentenceAnalysis extends SentenceSpan {
  /** Most probable model label. */
  label: string
  /** Softmax probabilities in the pack's label order. */
  probs: number[]
  canonical: CanonicalDistribution
}

export interface TextAnalysis extends EntrySummary {
  /** The pack's labels, the order of `probs` and `meanProbs`. */
  labels: string[]
  sentences: SentenceAnalysis[]
  /** Sentences found in the (char-capped) text; more than `sentences.length` when truncated. */
  totalSentences: number
  truncated: boolean
}

export interface TextEngine {
  readonly manifest: TextModelManifest
  analyzeText(text: string): Promise<TextAnalysis>
  /** Probabilities for already-split sentences, in input order (no splitting, no summary). */
  classifySentences(sentences: readonly string[]): Promise<number[][]>
  close(): Promise<void>
}

function positiveInt(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback
  if (!Number.isInteger(v) || v < 1) throw new TextEngineError('INVALID_INPUT', `${name} must be a positive integer, got ${v}`)
  return v
}

export async function createTextEngine(packDir: string, options: TextEngineOptions = {}): Promise<TextEngine> {
  const batchSize = positiveInt('batchSize', options.batchSize, DEFAULT_BATCH_SIZE)
  const maxSentences = positiveInt('maxSentences', options.maxSentences, DEFAULT_MAX_SENTENCES)
  const maxChars = positiveInt('maxChars', options.maxChars, DEFAULT_MAX_CHARS)
  const threads = positiveInt('threads', options.threads, 1)

  const pack = readTextPack(packDir)
  const { manifest } = pack
  const tokenizer = await loadTokenizer(pack.tokenizerDir)
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
  const missing = manifest.input.inputNames.filter((n) => !session.inputNames.includes(n))
  if (missing.length || !session.outputNames.includes(manifest.input.outputName)) {
    await session.release()
    throw new TextEngineError(
      'PACK_INVALID',
      `model has inputs [${session.inputNames.join(', ')}] and outputs [${session.outputNames.join(', ')}], manifest expects inputs [${manifest.input.inputNames.join(', ')}] and output ${manifest.input.outputName}`
    )
  }
  const classifier = new SentenceClassifier(session, tokenizer, {
    inputNames: manifest.input.inputNames,
    outputName: manifest.input.outputName,
    maxLength: manifest.input.maxLength,
    numLabels: manifest.labels.length
  })
  let closed = false
  const ensureOpen = (): void => {
    if (closed) throw new TextEngineError('ENGINE_CLOSED', 'the text engine was closed')
  }

  async function classifySentences(sentences: readonly string[]): Promise<number[][]> {
    ensureOpen()
    if (!Array.isArray(sentences) || sentences.some((s) => typeof s !== 'string')) {
      throw new TextEngineError('INVALID_INPUT', 'sentences must be an array of strings')
    }
    return sentences.length ? classifier.classify(sentences, batchSize) : []
  }

  async function analyzeText(text: string): Promise<TextAnalysis> {
    ensureOpen()
    if (typeof text !== 'string') throw new TextEngineError('INVALID_INPUT', `text must be a string, got ${typeof text}`)
    const spans = splitSentences(text.length > maxChars ? text.slice(0, maxChars) : text)
    const analysed = spans.slice(0, maxSentences)
    const probs = await classifySentences(analysed.map((s) => s.text))
    const sentences = analysed.map((span, i) => ({
      ...span,
      label: manifest.labels[argmax(probs[i]!)]!,
      probs: probs[i]!,
      canonical: toCanonical(probs[i]!, manifest.canonicalMatrix)
    }))
    return {
      labels: [...manifest.labels],
      sentences,
      ...summarizeSentences(manifest.labels, probs, manifest.canonicalMatrix),
      totalSentences: spans.length,
      truncated: spans.length > analysed.length
    }
  }

  return {
    manifest,
    analyzeText,
    classifySentences,
    async close() {
      if (closed) return
      closed = true
      await session.release()
    }
  }
}
