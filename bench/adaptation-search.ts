/**
 * Hyper-parameter search for the profile adapter, on the TUNING writers p01–p04 only (issue 12
 * item 3). The pack reads every personas line once, in process; each candidate setting then trains
 * adapters and re-reads the sentences with the same pure code the analysis process runs
 * (trainAdapter, adaptSentence), so a setting costs seconds instead of minutes. The draws are the
 * benchmark's (same seeds), and "others" here are the other TUNING writers only, so nothing about
 * p05–p08 — not even their sentences as bystanders — enters a choice. bench/adaptation.ts then
 * reports all eight writers once, through the real analysis process.
 *
 * `npx tsx bench/adaptation-search.ts [--seeds 5] [--k 20] [--grid default|wide]`
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { adaptSentence } from '../src/shared/adaptation/adapter'
import { DEFAULT_NGRAM_SPEC, sentenceNgrams, type NgramSpec } from '../src/shared/adaptation/features'
import { DEFAULT_HYPERPARAMETERS, trainAdapter, type AdapterHyperparameters } from '../src/shared/adaptation/train'
import { CANONICAL_EMOTIONS, dominantEmotion, toCanonical, type CanonicalDistribution, type CanonicalEmotion } from '../src/shared/emotions'
import { createTextEngine } from '../src/analysis/text/engine'
import { classMetrics } from '../training/text/metrics'
import { draw, PACK, PERSONAS, rng, TUNING_WRITERS, type Line } from './adaptation-common'

interface Setting {
  hp: Partial<AdapterHyperparameters>
  ngrams: NgramSpec
}

const mean = (v: readonly number[]): number => v.reduce((a, b) => a + b, 0) / Math.max(1, v.length)

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seeds: { type: 'string', default: '5' }, k: { type: 'string', default: '20' }, grid: { type: 'string', default: 'default' } } })
  const seeds = Number(values.seeds)
  const k = Number(values.k)
  const all = readFileSync(PERSONAS, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Line)
  const lines = all.filter((l) => TUNING_WRITERS.includes(l.writer))
  const engine = await createTextEngine(PACK)
  // Reading: the app's own path (split into sentences; a line cut in two reads as the mean of its parts).
  let text = ''
  const starts: number[] = []
  for (const l of lines) {
    starts.push(text.length)
    text += `${l.text.replace(/\s*\n\s*/g, ' ')}\n`
  }
  const analysis = await engine.analyzeText(text)
  const sentences = analysis.sentences.map((s) => {
    let i = starts.length - 1
    while (starts[i]! > s.start) i--
    return { line: i, text: s.text, canonical: s.canonical as CanonicalDistribution }
  })
  // Training: the pack reads each corrected line whole, as adaptation-operation.ts does.
  const lineBase = (await engine.classifySentences(lines.map((l) => l.text))).map((p) => {
    const c = toCanonical(p, engine.manifest.canonicalMatrix)
    return CANONICAL_EMOTIONS.map((e) => c[e])
  })
  await engine.close()

  const read = (adapt?: (s: (typeof sentences)[number]) => CanonicalDistribution): CanonicalEmotion[] => {
    const sums = lines.map(() => Object.fromEntries(CANONICAL_EMOTIONS.map((e) => [e, 0])) as CanonicalDistribution)
    for (const s of sentences) {
      const p = adapt ? adapt(s) : s.canonical
      for (const e of CANONICAL_EMOTIONS) sums[s.line]![e] += p[e]
    }
    return sums.map(dominantEmotion)
  }
  const base = read()
  const f1 = (idx: readonly number[], pred: readonly CanonicalEmotion[]): number =>
    100 * classMetrics(idx.map((i) => CANONICAL_EMOTIONS.indexOf(lines[i]!.label)), idx.map((i) => CANONICAL_EMOTIONS.indexOf(pred[i]!)), CANONICAL_EMOTIONS.length).macroF1
  const of = (w: string): number[] => lines.flatMap((l, i) => (l.writer === w ? [i] : []))

  const evaluateSetting = (setting: Setting) => {
    const perWriter = TUNING_WRITERS.map((w) => {
      const own = of(w)
      const cells = Array.from({ length: seeds }, (_, s) => {
        const train = draw(own, k, rng(1000 * s + 7 * k + Number(w.slice(1))))
        const examples = train.map((i) => ({ ngrams: sentenceNgrams(lines[i]!.text, setting.ngrams), base: lineBase[i]!, label: CANONICAL_EMOTIONS.indexOf(lines[i]!.label) }))
        const { adapter } = trainAdapter(examples, setting.hp, setting.ngrams)
        const adapted = read((sent) => adaptSentence(adapter, sent.text, sent.canonical))
        const test = own.filter((i) => !train.includes(i))
        const changes = TUNING_WRITERS.filter((o) => o !== w).map((o) => f1(of(o), adapted) - f1(of(o), base))
        return { gain: f1(test, adapted) - f1(test, base), others: mean(changes), worst: Math.min(...changes) }
      })
      return { w, gain: mean(cells.map((c) => c.gain)), others: mean(cells.map((c) => c.others)), worst: mean(cells.map((c) => c.worst)) }
    })
    return { gain: mean(perWriter.map((c) => c.gain)), others: mean(perWriter.map((c) => c.others)), worst: Math.min(...perWriter.map((c) => c.worst)), perWriter }
  }

  const settings: Setting[] = []
  const spec = (maxN: number, minN = 1): NgramSpec => ({ ...DEFAULT_NGRAM_SPEC, minN, maxN })
  if (values.grid === 'default') {
    for (const l2 of [0.01, 0.03, 0.1]) for (const biasL2 of [0.3, 3]) for (const baseScale of [1, 0.7, 0.5]) settings.push({ hp: { l2, biasL2, baseScale }, ngrams: spec(4) })
  } else {
    for (const item of JSON.parse(values.grid!) as { l2?: number; biasL2?: number; baseScale?: number; minN?: number; maxN?: number }[]) {
      settings.push({ hp: { ...(item.l2 !== undefined ? { l2: item.l2 } : {}), ...(item.biasL2 !== undefined ? { biasL2: item.biasL2 } : {}), ...(item.baseScale !== undefined ? { baseScale: item.baseScale } : {}) }, ngrams: spec(item.maxN ?? 4, item.minN ?? 1) })
    }
  }
  // The product's own rule (tests/unit/moods/adaptation-core.test.ts): one correction of a habit
  // nudges a similar sentence read 0.6 NEUTRAL, it does not overrule it (SAD share < 0.6).
  const habit = ['퇴근하고 나니 HP 바닥.', '오늘 회의 세 개 연속이라 HP 바닥이다.']
  const oneCorrection = (setting: Setting): number => {
    const flat = CANONICAL_EMOTIONS.map((c) => (c === 'NEUTRAL' ? 0.6 : 0.4 / 6))
    const { adapter } = trainAdapter([{ ngrams: sentenceNgrams(habit[0]!, setting.ngrams), base: flat, label: CANONICAL_EMOTIONS.indexOf('SAD') }], setting.hp, setting.ngrams)
    return adaptSentence(adapter, '오늘도 HP 바닥이네.', Object.fromEntries(CANONICAL_EMOTIONS.map((e, i) => [e, flat[i]!])) as CanonicalDistribution).SAD
  }
  console.log(`search on p01–p04 only, k = ${k}, ${seeds} draws; others = the 3 other tuning writers`)
  for (const setting of settings) {
    const t0 = performance.now()
    const r = evaluateSetting(setting)
    const hp = { ...DEFAULT_HYPERPARAMETERS, ...setting.hp }
    console.log(
      `l2=${hp.l2} biasL2=${hp.biasL2} τ=${hp.baseScale} n=${setting.ngrams.minN}–${setting.ngrams.maxN}: gain ${r.gain.toFixed(2)}  others ${r.others.toFixed(2)}  worst ${r.worst.toFixed(2)}  one-correction SAD ${oneCorrection(setting).toFixed(2)}  [${r.perWriter.map((c) => `${c.w} ${c.gain.toFixed(1)}`).join(', ')}]  ${((performance.now() - t0) / 1000).toFixed(0)} s`
    )
  }
}

await main()
