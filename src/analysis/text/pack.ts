/**
 * Reads a text model pack folder (manifest.json + model.onnx + tokenizer/, and an n-gram model file
 * for an `ensemble` pack) for the analysis process.
 * The app-wide pack loader lives in src/main/models/packs.ts; this only validates what the text
 * engine itself depends on, with the same zod schema.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve, sep } from 'node:path'
import { modelManifestSchema, type TextModelManifest } from '../../shared/models/manifest'
import { TextEngineError } from './errors'

export interface TextPack {
  dir: string
  manifest: TextModelManifest
  modelPath: string
  tokenizerDir: string
  /** The n-gram model file of an `ensemble` pack (manifest `model.ngram.file`), else null. */
  ngramPath: string | null
}

export const MODEL_FILE = 'model.onnx'
const SUPPORTED_INPUTS = new Set(['input_ids', 'attention_mask', 'token_type_ids'])

export function readTextPack(packDir: string): TextPack {
  const dir = resolve(packDir)
  const manifestPath = join(dir, 'manifest.json')
  if (!existsSync(manifestPath)) throw new TextEngineError('PACK_NOT_FOUND', `no manifest.json in ${dir}`)
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(manifestPath, 'utf8'))
  } catch (cause) {
    throw new TextEngineError('PACK_INVALID', `${manifestPath} is not valid JSON`, { cause })
  }
  const parsed = modelManifestSchema.safeParse(raw)
  if (!parsed.success) {
    throw new TextEngineError('PACK_INVALID', `${manifestPath}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  }
  const manifest = parsed.data
  if (manifest.kind !== 'text') throw new TextEngineError('PACK_INVALID', `${dir} is a ${manifest.kind} pack, not a text pack`)
  const unsupported = manifest.input.inputNames.filter((n) => !SUPPORTED_INPUTS.has(n))
  if (unsupported.length) {
    throw new TextEngineError('PACK_INVALID', `unsupported model inputs ${unsupported.join(', ')} (supported: ${[...SUPPORTED_INPUTS].join(', ')})`)
  }
  if (!manifest.input.inputNames.includes('input_ids')) throw new TextEngineError('PACK_INVALID', 'inputNames must include input_ids')
  const modelPath = join(dir, MODEL_FILE)
  if (!existsSync(modelPath)) throw new TextEngineError('PACK_NOT_FOUND', `no ${MODEL_FILE} in ${dir}`)
  const tokenizerDir = resolve(dir, manifest.input.tokenizerDir)
  if (!tokenizerDir.startsWith(dir)) throw new TextEngineError('PACK_INVALID', 'tokenizerDir must stay inside the pack')
  let ngramPath: string | null = null
  if (manifest.model?.kind === 'ensemble') {
    ngramPath = resolve(dir, manifest.model.ngram.file)
    if (!ngramPath.startsWith(`${dir}${sep}`)) throw new TextEngineError('PACK_INVALID', 'model.ngram.file must stay inside the pack')
    if (!existsSync(ngramPath)) throw new TextEngineError('PACK_NOT_FOUND', `no ${manifest.model.ngram.file} in ${dir}`)
  }
  return { dir, manifest, modelPath, tokenizerDir, ngramPath }
}
