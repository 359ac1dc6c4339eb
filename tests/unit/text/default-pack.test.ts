/**
 * The shipped default text pack (issue 10): its manifest's declared model kind, files and
 * calibration; that the app's code reproduces the trained models (ONNX Runtime against PyTorch's
 * logits and pooled vectors, the TypeScript n-gram model against Python's features and logits,
 * from default-pack-reference.json, which training/text/write-pack.ts writes with the pack); and
 * what the engine reports per sentence (calibrated probabilities, confidence, uncertain).
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as ort from 'onnxruntime-node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTextEngine, type TextEngine } from '../../../src/analysis/text/engine'
import { featureStrings, ngramFeatures } from '../../../src/analysis/text/ngram/features'
import { NgramModel } from '../../../src/analysis/text/ngram/model'
import { readTextPack } from '../../../src/analysis/text/pack'
import { loadTokenizer } from '../../../src/analysis/text/tokenizer'
import { modelManifestSchema, type TextModelManifest } from '../../../src/shared/models/manifest'
import { softmax } from '../../../src/shared/emotions'
import { repoRoot } from '../../helpers/shared-data'
import { UNSURE } from '../../helpers/uncertain-sentence'

const PACK = join(repoRoot, 'resources/models/text-default')
const manifest = modelManifestSchema.parse(JSON.parse(readFileSync(join(PACK, 'manifest.json'), 'utf8'))) as TextModelManifest
const reference = JSON.parse(readFileSync(join(repoRoot, 'tests/unit/text/default-pack-reference.json'), 'utf8')) as {
  packId: string
  transformer: { text: string; ids: number[]; logits: number[]; pooled: number[] }[]
  ngram: { text: string; features: number[]; logits: number[] }[]
}
const sha256 = (file: string): string => createHash('sha256').update(readFileSync(join(PACK, file))).digest('hex')
const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i]!)))

let engine: TextEngine
beforeAll(async () => {
  engine = await createTextEngine(PACK)
})
afterAll(async () => engine.close())

describe('default text pack manifest', () => {
  it('declares its model kind, files, calibration and representation, and the files match their SHA-256', () => {
    expect(manifest.id).toBe(reference.packId)
    expect(manifest.model?.kind).toBe('ensemble')
    if (manifest.model?.kind !== 'ensemble') return
    expect(sha256(manifest.model.ngram.file)).toBe(manifest.model.ngram.sha256)
    expect(sha256('model.onnx')).toBe(manifest.integrity?.onnxSha256)
    expect(manifest.model.weights.onnx + manifest.model.weights.ngram).toBeCloseTo(1, 6)
    expect(manifest.calibration!.temperature).toBeGreaterThan(0)
    expect(manifest.calibration!.uncertainBelow).toBeGreaterThan(1 / 7)
    expect(manifest.calibration!.uncertainBelow).toBeLessThan(1)
    expect(manifest.representation).toEqual({ from: 'onnx', output: 'pooled', dim: reference.transformer[0]!.pooled.length })
  })

  it('refuses an n-gram representation without an n-gram part, and a hidden size that does not match', () => {
    const base = JSON.parse(readFileSync(join(PACK, 'manifest.json'), 'utf8'))
    const noNgram = { ...base, model: { kind: 'onnx-classifier' }, representation: { from: 'ngram', dim: 32 } }
    expect(modelManifestSchema.safeParse(noNgram).success).toBe(false)
    const wrongDim = { ...base, representation: { from: 'ngram', dim: base.model.ngram.hidden + 1 } }
    expect(modelManifestSchema.safeParse(wrongDim).success).toBe(false)
  })
})

describe('the app reproduces the trained models', () => {
  it('ONNX Runtime gives PyTorch’s logits and pooled vectors, and the app tokenizer gives the same ids', async () => {
    const tokenizer = await loadTokenizer(readTextPack(PACK).tokenizerDir)
    const session = await ort.InferenceSession.create(join(PACK, 'model.onnx'))
    try {
      for (const r of reference.transformer) {
        expect(tokenizer.encode(r.text)).toEqual(r.ids)
        const dims = [1, r.ids.length]
        const out = await session.run({
          input_ids: new ort.Tensor('int64', BigInt64Array.from(r.ids.map(BigInt)), dims),
          attention_mask: new ort.Tensor('int64', new BigInt64Array(r.ids.length).fill(1n), dims)
        })
        expect(maxAbsDiff(out.logits!.data as Float32Array, r.logits)).toBeLessThan(1e-4)
        expect(maxAbsDiff(out.pooled!.data as Float32Array, r.pooled)).toBeLessThan(1e-4)
      }
    } finally {
      await session.release()
    }
  })

  it('the TypeScript n-gram model has Python’s features and logits', () => {
    if (manifest.model?.kind !== 'ensemble') throw new Error('not an ensemble pack')
    const spec = { ...manifest.model.ngram, labels: manifest.labels.length }
    const model = NgramModel.load(join(PACK, manifest.model.ngram.file), spec)
    expect(reference.ngram.length).toBeGreaterThan(20)
    for (const r of reference.ngram) {
      expect(ngramFeatures(r.text, spec)).toEqual(r.features)
      expect(maxAbsDiff(model.logits(r.text), r.logits)).toBeLessThan(1e-4)
    }
  })

  it('n-gram features normalise Unicode and ASCII case the same way Python does', () => {
    const config = { charMaxN: 2, wordNgrams: 2 }
    // Decomposed jamo (as pasted from macOS) become the composed syllables; only A-Z is lower-cased.
    expect(featureStrings('한\u1100\u1161 ABC\u3000Ä', config)).toEqual(featureStrings('한가 abc Ä', config))
    expect(featureStrings('  ', config)).toEqual(['c ', 'c ', 'c  ']) // empty text: just the padding, no words
  })
})

describe('engine output of the default pack', () => {
  it('gives calibrated probabilities: softmax(combined logits / temperature)', async () => {
    const sentences = reference.transformer.slice(0, 5).map((r) => r.text)
    const [logits, probs] = await Promise.all([engine.logits(sentences), engine.classifySentences(sentences)])
    logits.forEach((z, i) => expect(maxAbsDiff(softmax(z.map((v) => v / manifest.calibration!.temperature)), probs[i]!)).toBeLessThan(1e-6))
  })

  it('marks a sentence uncertain exactly when its top probability is under the threshold', async () => {
    const text = reference.transformer.map((r) => r.text).join('\n')
    const r = await engine.analyzeText(text)
    expect(r.sentences.length).toBeGreaterThanOrEqual(reference.transformer.length)
    for (const s of r.sentences) {
      expect(s.confidence).toBeCloseTo(Math.max(...s.probs), 10)
      expect(s.uncertain).toBe(s.confidence < manifest.calibration!.uncertainBelow)
    }
  })

  it('is not sure of the e2e test’s uncertain line, and sure of a plain angry one', async () => {
    const r = await engine.analyzeText(`${UNSURE}\n너무 화가 나서 참을 수가 없었다.`)
    expect(r.sentences.map((s) => [s.text, s.uncertain])).toEqual([
      [UNSURE, true],
      ['너무 화가 나서 참을 수가 없었다.', false]
    ])
    expect(r.sentences[0]!.label).not.toBe('NEUTRAL')
    expect(r.sentences[1]!.label).toBe('ANGRY')
  })

  it('offers the pooled sentence vector as the representation, batched like classification', async () => {
    const sentences = reference.transformer.slice(0, 6).map((r) => r.text)
    const vectors = await engine.embedSentences(sentences)
    expect(vectors).toHaveLength(6)
    vectors.forEach((v, i) => expect(maxAbsDiff(v, reference.transformer[i]!.pooled)).toBeLessThan(1e-4))
  })
})
