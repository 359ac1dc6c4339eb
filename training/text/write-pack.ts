/**
 * Assembles resources/models/text-default from the model compare.py chose (training/.cache/text/compare.json):
 * model.onnx (the transformer, with its `pooled` output), the n-gram model of an ensemble, the
 * tokenizer, and a manifest.json validated against the app's zod schema with the declared model
 * kind, the dev-fitted calibration, the sentence representation and the files' SHA-256.
 *
 *   npx tsx training/text/write-pack.ts [--out resources/models/text-default] [--compare compare.json]
 */
import { createHash } from 'node:crypto'
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { CANONICAL_EMOTIONS } from '../../src/shared/emotions'
import { modelManifestSchema, sequenceClassifierInput, type TextModelManifest } from '../../src/shared/models/manifest'
import { identityCanonicalMatrix } from '../../src/shared/text/aggregate'

/** A new id: analyses made with the previous default keep `haru-text-default`, and re-analysis can tell them apart. */
export const PACK_ID = 'haru-text-default-v2'
export const PACK_VERSION = '2.0.0'

const repo = new URL('../..', import.meta.url).pathname
const cache = join(repo, 'training/.cache/text')
// --compare compare-dev.json assembles a preview from a dev-only comparison (while developing).
const { values } = parseArgs({ options: { out: { type: 'string' }, compare: { type: 'string', default: 'compare.json' } } })
const out = values.out ?? join(repo, 'resources/models/text-default')

interface Compare {
  winner: string
  ensemble: { transformer: string; ngram: string; weight_transformer: number } | null
  calibration: { temperature: number; uncertain_below: number; target_rest_accuracy: number }
}
const compare = JSON.parse(readFileSync(join(cache, values.compare!), 'utf8')) as Compare
const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex')
const round = (x: number, digits = 4): number => Number(x.toFixed(digits))

const transformer = compare.ensemble && compare.winner === 'ensemble' ? compare.ensemble.transformer : compare.winner
const onnxSource = join(cache, transformer, 'model.onnx')
if (!existsSync(onnxSource)) {
  throw new Error(`${compare.winner} has no model.onnx (${onnxSource}); a pack without a transformer is not supported by this script`)
}

for (const f of ['model.onnx', 'ngram.bin', 'manifest.json']) rmSync(join(out, f), { force: true })
rmSync(join(out, 'tokenizer'), { recursive: true, force: true })
mkdirSync(out, { recursive: true })
copyFileSync(onnxSource, join(out, 'model.onnx'))
cpSync(join(cache, 'tokenizer'), join(out, 'tokenizer'), { recursive: true })
const transformerMetrics = JSON.parse(readFileSync(join(cache, transformer, 'metrics.json'), 'utf8')) as { config: { d: number } }

let model: TextModelManifest['model'] = { kind: 'onnx-classifier' }
let description = `Compact transformer encoder (${transformer}) trained from scratch by the Haru project`
if (compare.winner === 'ensemble' && compare.ensemble) {
  const ng = compare.ensemble.ngram
  const meta = JSON.parse(readFileSync(join(cache, ng, 'ngram.json'), 'utf8')) as { buckets: number; hidden: number; charMaxN: number; wordNgrams: number }
  copyFileSync(join(cache, ng, 'ngram.bin'), join(out, 'ngram.bin'))
  const w = compare.ensemble.weight_transformer
  model = {
    kind: 'ensemble',
    ngram: { file: 'ngram.bin', sha256: sha256(join(out, 'ngram.bin')), hash: 'murmur3-x86-32', ...meta },
    weights: { onnx: round(w, 2), ngram: round(1 - w, 2) }
  }
  description = `Ensemble of a compact transformer encoder (${transformer}) and a character/word n-gram model (${ng}), trained from scratch by the Haru project`
}

const onnxPath = join(out, 'model.onnx')
const manifest = modelManifestSchema.parse({
  formatVersion: 1,
  kind: 'text',
  id: PACK_ID,
  name: 'Haru default Korean text emotion model',
  version: PACK_VERSION,
  license: 'MIT',
  description:
    `${description} on the project's Korean diary corpus, GoEmotions-Korean and KOTE, with NSMC polarity; ` +
    'outputs the seven canonical emotions directly, with a calibrated confidence. See MODEL_CARD.md.',
  labels: [...CANONICAL_EMOTIONS],
  canonicalMatrix: identityCanonicalMatrix(),
  input: sequenceClassifierInput(),
  model,
  calibration: {
    temperature: round(compare.calibration.temperature),
    uncertainBelow: round(compare.calibration.uncertain_below, 3),
    fittedOn: `diary-ko dev (490 sentences): temperature by log-likelihood; threshold = lowest confidence whose sentences at or above it are ≥ ${100 * compare.calibration.target_rest_accuracy} % right`
  },
  representation: { from: 'onnx', output: 'pooled', dim: transformerMetrics.config.d },
  provenance: {
    source: 'Trained by the Haru project (training/text/train-all.sh)',
    data:
      "diary-ko (the project's own corpus, MIT; training/text/data/diary-ko/DATASHEET.md), GoEmotions-Korean (Demszky et al. 2020, " +
      'machine-translated by monologg/GoEmotions-Korean; Apache-2.0) and KOTE val+test (Jeon et al. 2022; MIT), relabelled to the canonical ' +
      'emotions; NSMC movie reviews (Lucy Park 2015; CC0) for polarity and pre-training',
    notes: 'Tokenizer: KcELECTRA WordPiece vocabulary (MIT, (c) 2021 Junbum Lee) pruned to the training text.',
    modelSha256: sha256(onnxPath)
  },
  integrity: { onnxSha256: sha256(onnxPath), onnxBytes: statSync(onnxPath).size }
})
writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n')

// PyTorch's outputs for a few sentences, so tests/unit/text/default-pack.test.ts can check that the
// app's ONNX Runtime and TypeScript n-gram code reproduce the trained models (parity, not accuracy).
interface TransformerRef { ids: number[]; text: string; logits: number[]; pooled: number[] }
interface NgramRef { text: string; features: number[]; logits: number[] }
const r6 = (v: number[]): number[] => v.map((x) => Number(x.toPrecision(7)))
const tfRef = (JSON.parse(readFileSync(join(cache, transformer, 'reference.json'), 'utf8')) as TransformerRef[])
  .slice(0, 16)
  .map((r) => ({ text: r.text, ids: r.ids, logits: r6(r.logits), pooled: r6(r.pooled) }))
const ngRef =
  model.kind === 'ensemble'
    ? (JSON.parse(readFileSync(join(cache, compare.ensemble!.ngram, 'features.json'), 'utf8')) as NgramRef[])
        .filter((_, i) => i % 4 === 0)
        .map((r) => ({ text: r.text, features: r.features, logits: r6(r.logits) }))
    : []
const refPath = join(repo, 'tests/unit/text/default-pack-reference.json')
writeFileSync(refPath, JSON.stringify({ packId: PACK_ID, transformer: tfRef, ngram: ngRef }) + '\n')
console.log(`wrote ${refPath} (${tfRef.length} transformer and ${ngRef.length} n-gram reference rows)`)
console.log(`wrote ${out} (${PACK_ID} ${PACK_VERSION}: ${compare.winner}, model.onnx sha256 ${manifest.provenance.modelSha256})`)
