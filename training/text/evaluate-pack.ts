/**
 * Evaluates the shipped pack in Node exactly as the app runs it (createTextEngine →
 * onnxruntime-node), checks it agrees with PyTorch, measures latency, and does the same for the
 * n-gram baseline when it was trained. Prints the figures for MODEL_CARD.md.
 *
 *   npx tsx training/text/evaluate-pack.ts [--pack resources/models/text-default] [--variant medium]
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import * as ort from 'onnxruntime-node'
import { CANONICAL_EMOTIONS, softmax } from '../../src/shared/emotions'
import { argmax } from '../../src/shared/text/aggregate'
import { createTextEngine } from '../../src/analysis/text/engine'
import { classMetrics, type ClassMetrics } from './metrics'
import { ngramFeatures } from './ngram-features'

const repo = new URL('../..', import.meta.url).pathname
const cache = join(repo, 'training/.cache/text')
const { values } = parseArgs({ options: { pack: { type: 'string' }, variant: { type: 'string', default: 'medium' }, latencyN: { type: 'string', default: '500' } } })
const packDir = values.pack ?? join(repo, 'resources/models/text-default')
const latencyN = Number(values.latencyN)

interface Row { split: string; source: string; text: string; label: number }
const test = readFileSync(join(cache, 'data.jsonl'), 'utf8').split('\n').filter(Boolean)
  .map((l) => JSON.parse(l) as Row).filter((r) => r.split === 'test')
const yTrue = test.map((r) => r.label)
const K = CANONICAL_EMOTIONS.length

function agreement(preds: number[], file: string): string {
  if (!existsSync(file)) return 'n/a'
  const ref = JSON.parse(readFileSync(file, 'utf8')) as number[]
  return `${preds.filter((p, i) => p === ref[i]).length}/${preds.length}`
}

async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now()
  await fn()
  return performance.now() - t0
}

function bySource(preds: number[]): Record<string, ClassMetrics> {
  const out: Record<string, ClassMetrics> = {}
  for (const src of ['goemotions', 'kote']) {
    const idx = test.map((r, i) => (r.source === src ? i : -1)).filter((i) => i >= 0)
    out[src] = classMetrics(idx.map((i) => yTrue[i]!), idx.map((i) => preds[i]!), K)
  }
  return out
}

// --- transformer pack ---
const engine = await createTextEngine(packDir, { threads: 1 })
const texts = test.map((r) => r.text)
const probs = await engine.classifySentences(texts)
const preds = probs.map((p) => argmax(p))
const sample = texts.slice(0, latencyN)
await engine.classifySentences(sample.slice(0, 64)) // warm-up
const batchedMs = (await timeIt(() => engine.classifySentences(sample))) / sample.length
const singleMs = (await timeIt(async () => { for (const t of sample) await engine.classifySentences([t]) })) / sample.length
const loadMs = await timeIt(async () => (await createTextEngine(packDir, { threads: 1 })).close())
await engine.close()
const sizes = Object.fromEntries(['model.onnx', 'tokenizer/tokenizer.json', 'manifest.json'].map((f) => [f, statSync(join(packDir, f)).size]))
const transformer = {
  test: classMetrics(yTrue, preds, K), bySource: bySource(preds),
  agreementWithPyTorch: agreement(preds, join(cache, values.variant!, 'test-preds.json')),
  msPerSentenceBatched32: batchedMs, msPerSentenceOneByOne: singleMs, loadMs, sizes
}

// --- n-gram baseline ---
let baseline: Record<string, unknown> | null = null
const ngramPath = join(cache, 'ngram/model.onnx')
if (existsSync(ngramPath)) {
  const session = await ort.InferenceSession.create(ngramPath, { intraOpNumThreads: 1, interOpNumThreads: 1 })
  const run = async (batch: string[]): Promise<number[][]> => {
    const feats = batch.map(ngramFeatures)
    const n = Math.max(...feats.map((f) => f.length))
    const ids = new BigInt64Array(batch.length * n)
    feats.forEach((f, b) => f.forEach((v, i) => (ids[b * n + i] = BigInt(v))))
    const out = await session.run({ ngram_ids: new ort.Tensor('int64', ids, [batch.length, n]) })
    const data = out.logits!.data as Float32Array
    return batch.map((_, b) => softmax(data.subarray(b * K, (b + 1) * K)))
  }
  const runAll = async (all: string[]): Promise<number[][]> => {
    const res: number[][] = []
    for (let i = 0; i < all.length; i += 32) res.push(...(await run(all.slice(i, i + 32))))
    return res
  }
  const features = JSON.parse(readFileSync(join(cache, 'ngram/features.json'), 'utf8')) as { text: string; ngrams: number[] }[]
  const featureMismatches = features.filter((f) => JSON.stringify(ngramFeatures(f.text)) !== JSON.stringify(f.ngrams)).length
  const bpreds = (await runAll(texts)).map((p) => argmax(p))
  await runAll(sample.slice(0, 64))
  const bBatched = (await timeIt(() => runAll(sample))) / sample.length
  const bSingle = (await timeIt(async () => { for (const t of sample) await run([t]) })) / sample.length
  baseline = {
    test: classMetrics(yTrue, bpreds, K), bySource: bySource(bpreds), featureMismatches,
    agreementWithPyTorch: agreement(bpreds, join(cache, 'ngram/test-preds.json')),
    msPerSentenceBatched32: bBatched, msPerSentenceOneByOne: bSingle, onnxBytes: statSync(ngramPath).size
  }
  await session.release()
}

const report = { variant: values.variant, n: test.length, latencySentences: sample.length, transformer, baseline }
writeFileSync(join(cache, `pack-eval-${values.variant}.json`), JSON.stringify(report, null, 1))

const pct = (x: number | null): string => (x === null ? '—' : (100 * x).toFixed(1))
const t = transformer.test
console.log(`test n=${t.n}  accuracy ${pct(t.accuracy)}%  macro-F1 ${pct(t.macroF1)}  (PyTorch agreement ${transformer.agreementWithPyTorch})`)
console.log(`| class | ${CANONICAL_EMOTIONS.join(' | ')} |`)
console.log(`| F1 transformer | ${t.perClassF1.map(pct).join(' | ')} |`)
if (baseline) console.log(`| F1 n-gram | ${(baseline.test as ClassMetrics).perClassF1.map(pct).join(' | ')} |`)
console.log('confusion (rows true, cols predicted):')
t.confusion.forEach((row, i) => console.log(`| ${CANONICAL_EMOTIONS[i]} | ${row.join(' | ')} |`))
console.log(`latency ms/sentence: batched ${batchedMs.toFixed(3)}, one-by-one ${singleMs.toFixed(3)}; load ${loadMs.toFixed(0)} ms; sizes ${JSON.stringify(sizes)}`)
for (const [src, m] of Object.entries(transformer.bySource)) console.log(`  ${src}: acc ${pct(m.accuracy)} macro-F1 ${pct(m.macroF1)} n=${m.n}`)
if (baseline) {
  const b = baseline.test as ClassMetrics
  console.log(`baseline: acc ${pct(b.accuracy)} macro-F1 ${pct(b.macroF1)} (PyTorch agreement ${baseline.agreementWithPyTorch}, feature mismatches ${baseline.featureMismatches}); ` +
    `ms/sentence batched ${(baseline.msPerSentenceBatched32 as number).toFixed(3)}, one-by-one ${(baseline.msPerSentenceOneByOne as number).toFixed(3)}`)
  for (const [src, m] of Object.entries(baseline.bySource as Record<string, ClassMetrics>)) console.log(`  ${src}: acc ${pct(m.accuracy)} macro-F1 ${pct(m.macroF1)}`)
}
