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
import { toCanonical, type CanonicalDistribution } from '../../shared/emotions'
import { argmax, summarizeSentences, type EntrySummary } from '../../shared/text/aggregate'
import { calibratedProbs, sentenceConfidence } from '../../shared/text/confidence'
import { splitSentences, type SentenceSpan } from '../../shared/text/sentences'
import type { TextModelManifest } from '../../shared/models/manifest'
import { DEFAULT_BATCH_SIZE } from './classifier'
import { TextEngineError } from './errors'
import { readTextPack } from './pack'
import { createScorer } from './scorer'

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
  /** Probabilities in the pack's label order (calibrated when the pack declares a calibration). */
  probs: number[]
  canonical: CanonicalDistribution
  /** The top label's probability (shared/text/confidence.ts). */
  confidence: number
  /** Below the pack's calibrated threshold: shown as "not sure", weighs less in the entry mix. */
  uncertain: boolean
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
  /** The pack's logits before calibration (evaluation and calibration fitting). */
  logits(sentences: readonly string[]): Promise<number[][]>
  /** The pack's declared per-sentence vector (manifest `representation`), in input order. */
  embedSentences(sentences: readonly string[]): Promise<number[][]>
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
  const scorer = await createScorer(pack, threads)
  let closed = false
  const ensureOpen = (): void => {
    if (closed) throw new TextEngineError('ENGINE_CLOSED', 'the text engine was closed')
  }

  function checkSentences(sentences: readonly string[]): void {
    ensureOpen()
    if (!Array.isArray(sentences) || sentences.some((s) => typeof s !== 'string')) {
      throw new TextEngineError('INVALID_INPUT', 'sentences must be an array of strings')
    }
  }

  async function logits(sentences: readonly string[]): Promise<number[][]> {
    checkSentences(sentences)
    return sentences.length ? (await scorer.logits(sentences, batchSize)).map((z) => Array.from(z)) : []
  }

  async function classifySentences(sentences: readonly string[]): Promise<number[][]> {
    return (await logits(sentences)).map((z) => calibratedProbs(z, manifest.calibration))
  }

  async function embedSentences(sentences: readonly string[]): Promise<number[][]> {
    checkSentences(sentences)
    return sentences.length ? (await scorer.representation(sentences, batchSize)).map((v) => Array.from(v)) : []
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
      canonical: toCanonical(probs[i]!, manifest.canonicalMatrix),
      ...sentenceConfidence(probs[i]!, manifest.calibration)
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
    logits,
    embedSentences,
    async close() {
      if (closed) return
      closed = true
      await scorer.close()
    }
  }
}
