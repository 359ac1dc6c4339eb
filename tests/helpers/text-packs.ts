/**
 * Text model packs for tests, built from the shipped default (its tokenizer, or all of it):
 * - `copyDefaultTextPack`: the real default model under another id, name and (optionally) matrix;
 * - `officialLabelsTextPack`: the official model's six Korean labels and canonical matrix
 *   (src/shared/text/official-model.ts) on a tiny real ONNX model with six logits.
 * A pack built straight into a diary's `models/` folder stands for one `models.installText`
 * installed, so it is recorded as installed (with its files' SHA-256) the way the installer does;
 * anywhere else it is a source folder to install from.
 */

function recordIfInDiary(dir: string): void {
  if (basename(dirname(dir)) !== 'models') return
  const files: PackFiles = {}
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel))) {
      const relPath = rel ? `${rel}/${name}` : name
      if (lstatSync(join(dir, relPath)).isDirectory()) walk(relPath)
      else {
        const bytes = readFileSync(join(dir, relPath))
        files[relPath] = { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }
      }
    }
  }
  walk('')
  recordInstalledPack(dirname(dirname(dir)), { id: basename(dir), folder: basename(dir), files })
}
import { createHash } from 'node:crypto'
import { cpSync, lstatSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { recordInstalledPack, type PackFiles } from '../../src/main/models/installed-packs'
import { encodeModel, int, ONNX_INT64 } from '../../src/main/models/onnx/onnx-proto'
import { officialTextManifestTemplate } from '../../src/shared/text/official-model'
import { repoRoot } from './shared-data'

export const DEFAULT_TEXT_PACK_DIR = join(repoRoot, 'resources/models/text-default')

const readJson = (path: string): Record<string, unknown> => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>

/** Copies the shipped default pack to `dir` with another id and name (and matrix, if given). */
export function copyDefaultTextPack(dir: string, opts: { id: string; name?: string; canonicalMatrix?: number[][] }): string {
  cpSync(DEFAULT_TEXT_PACK_DIR, dir, { recursive: true })
  const manifest = readJson(join(dir, 'manifest.json'))
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({ ...manifest, id: opts.id, name: opts.name ?? `Test copy ${opts.id}`, ...(opts.canonicalMatrix ? { canonicalMatrix: opts.canonicalMatrix } : {}) }, null, 2)
  )
  recordIfInDiary(dir)
  return dir
}

/** Ids the default pack's tokenizer can produce (its WordPiece vocabulary). */
export function defaultTokenizerVocabSize(): number {
  const tok = readJson(join(DEFAULT_TEXT_PACK_DIR, 'tokenizer', 'tokenizer.json')) as { model: { vocab: Record<string, number> } }
  return Math.max(...Object.values(tok.model.vocab)) + 1
}

/**
 * A real text classifier in ONNX with the RoBERTa-export contract (input_ids, attention_mask
 * int64 [batch, sequence] → logits float32 [batch, n]): every token's row of the embedding is
 * `bias`, and the logits are the masked mean of the rows, so every sentence gets exactly `bias`.
 */
export function constantTextOnnx(bias: readonly number[], vocabSize = defaultTokenizerVocabSize()): Uint8Array {
  const n = bias.length
  const table = new Float32Array(vocabSize * n)
  for (let t = 0; t < vocabSize; t++) table.set(bias, t * n)
  return encodeModel({
    irVersion: 8,
    opsetVersion: 14,
    producerName: 'haru-tests',
    producerVersion: '0',
    graph: {
      name: 'constant-text',
      nodes: [
        { opType: 'Gather', inputs: ['E', 'input_ids'], outputs: ['emb'], attributes: [int('axis', 0)] },
        { opType: 'Cast', inputs: ['attention_mask'], outputs: ['maskf'], attributes: [int('to', 1)] },
        { opType: 'Unsqueeze', inputs: ['maskf', 'axis2'], outputs: ['mask3'] },
        { opType: 'Mul', inputs: ['emb', 'mask3'], outputs: ['masked'] },
        { opType: 'ReduceSum', inputs: ['masked', 'axis1'], outputs: ['num'], attributes: [int('keepdims', 0)] },
        { opType: 'ReduceSum', inputs: ['mask3', 'axis1'], outputs: ['den'], attributes: [int('keepdims', 0)] },
        { opType: 'Div', inputs: ['num', 'den'], outputs: ['logits'] }
      ],
      initializers: [
        { name: 'E', dims: [vocabSize, n], data: table },
        { name: 'axis1', dims: [1], data: BigInt64Array.from([1n]) },
        { name: 'axis2', dims: [1], data: BigInt64Array.from([2n]) }
      ],
      inputs: [
        { name: 'input_ids', shape: ['batch', 'sequence'], elemType: ONNX_INT64 },
        { name: 'attention_mask', shape: ['batch', 'sequence'], elemType: ONNX_INT64 }
      ],
      outputs: [{ name: 'logits', shape: ['batch', n] }]
    }
  })
}

/** Logits the official-labels test pack gives every sentence: 상처 (hurt) first, then 슬픔. */
export const OFFICIAL_TEST_BIAS = [0.2, 0.5, 1, 0.1, 3, 1.5] as const

/**
 * A pack with the official model's manifest (labels, matrix, input contract; `officialTextManifestTemplate`),
 * the default pack's tokenizer and `constantTextOnnx(bias)`, with `integrity` like an exported pack.
 */
export function officialLabelsTextPack(dir: string, opts: { id?: string; bias?: readonly number[]; manifest?: Record<string, unknown> } = {}): string {
  cpSync(join(DEFAULT_TEXT_PACK_DIR, 'tokenizer'), join(dir, 'tokenizer'), { recursive: true })
  const model = constantTextOnnx(opts.bias ?? OFFICIAL_TEST_BIAS)
  writeFileSync(join(dir, 'model.onnx'), model)
  const manifest = {
    ...officialTextManifestTemplate({
      id: opts.id ?? 'official-labels-test',
      name: 'Official labels (test model)',
      provenance: { source: 'unit test: constant logits over the default tokenizer' }
    }),
    integrity: { onnxSha256: createHash('sha256').update(model).digest('hex'), onnxBytes: model.length },
    ...opts.manifest
  }
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2))
  recordIfInDiary(dir)
  return dir
}
