import { readdir, readFile, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { modelManifestSchema, type ModelManifest } from '../../shared/models/manifest'
import { sha256File } from './sha256'

/**
 * Model packs: a folder holding `manifest.json` (schema in src/shared/models/manifest.ts) and
 * `model.onnx`. Shipped packs live in `resources/models/<pack>/`, imported ones in
 * `<dataDir>/models/<pack>/`.
 */

export const MANIFEST_FILE = 'manifest.json'
export const MODEL_FILE = 'model.onnx'

export type ModelPackErrorCode =
  | 'not-found'
  | 'missing-manifest'
  | 'bad-json'
  | 'bad-manifest'
  | 'missing-model'
  | 'empty-model'
  | 'missing-file'
  | 'checksum'
  | 'io-mismatch'
  | 'bad-model'
  | 'duplicate-id'

export class ModelPackError extends Error {
  override readonly name = 'ModelPackError'
  constructor(
    readonly code: ModelPackErrorCode,
    /** The file (or folder) the problem is in. */
    readonly file: string,
    problem: string,
    options?: { cause?: unknown }
  ) {
    super(`${file}: ${problem}`, options)
  }
}

export interface ModelPack {
  dir: string
  manifest: ModelManifest
  modelPath: string
  modelBytes: number
}

export interface LoadPackOptions {
  /**
   * Hash model.onnx: `true` compares with the manifest's `integrity.onnxSha256` (which must then
   * exist), a hex string compares with that value.
   */
  verifySha256?: boolean | string
  /** Opens an ONNX Runtime session to check the model's input/output names against the manifest. */
  checkSession?: boolean
}

async function fileSize(path: string): Promise<number | null> {
  try {
    const s = await stat(path)
    return s.isFile() ? s.size : null
  } catch {
    return null
  }
}

async function readManifest(dir: string): Promise<ModelManifest> {
  const path = join(dir, MANIFEST_FILE)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (e) {
    throw new ModelPackError('missing-manifest', path, 'cannot be read (every model pack needs a manifest.json)', { cause: e })
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    throw new ModelPackError('bad-json', path, `is not valid JSON: ${(e as Error).message}`, { cause: e })
  }
  const parsed = modelManifestSchema.safeParse(json)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    throw new ModelPackError('bad-manifest', path, `does not match the manifest schema: ${issues.slice(0, 6).join('; ')}`)
  }
  return parsed.data
}

async function checkSessionNames(pack: ModelPack): Promise<void> {
  const ort = await import('onnxruntime-node')
  let session: Awaited<ReturnType<typeof ort.InferenceSession.create>>
  try {
    session = await ort.InferenceSession.create(pack.modelPath)
  } catch (e) {
    throw new ModelPackError('bad-model', pack.modelPath, `ONNX Runtime cannot load it: ${(e as Error).message}`, { cause: e })
  }
  try {
    const m = pack.manifest
    const wantedInputs = m.kind === 'audio' ? [m.input.inputName] : m.input.inputNames
    const wantedOutput = m.input.outputName
    const sameInputs =
      wantedInputs.length === session.inputNames.length && wantedInputs.every((n) => session.inputNames.includes(n))
    if (!sameInputs || !session.outputNames.includes(wantedOutput)) {
      throw new ModelPackError(
        'io-mismatch',
        pack.modelPath,
        `the model has inputs [${session.inputNames.join(', ')}] and outputs [${session.outputNames.join(', ')}], ` +
          `but the manifest expects inputs [${wantedInputs.join(', ')}] and output ${wantedOutput}`
      )
    }
  } finally {
    await session.release()
  }
}

/** Loads and validates one pack; refuses a broken one with a `ModelPackError`. */
export async function loadPack(dir: string, options: LoadPackOptions = {}): Promise<ModelPack> {
  const packDir = resolve(dir)
  const dirStat = await stat(packDir).catch(() => null)
  if (!dirStat?.isDirectory()) throw new ModelPackError('not-found', packDir, 'is not a folder')
  const manifest = await readManifest(packDir)
  const modelPath = join(packDir, MODEL_FILE)
  const modelBytes = await fileSize(modelPath)
  if (modelBytes === null) throw new ModelPackError('missing-model', modelPath, 'is missing')
  if (modelBytes === 0) throw new ModelPackError('empty-model', modelPath, 'is empty')
  if (manifest.integrity && manifest.integrity.onnxBytes !== modelBytes) {
    throw new ModelPackError('checksum', modelPath, `has ${modelBytes} bytes, the manifest says ${manifest.integrity.onnxBytes}`)
  }
  if (manifest.kind === 'text') {
    for (const file of ['tokenizer.json', 'tokenizer_config.json']) {
      const path = join(packDir, manifest.input.tokenizerDir, file)
      if ((await fileSize(path)) === null) throw new ModelPackError('missing-file', path, 'is missing (named by input.tokenizerDir)')
    }
  }
  const pack: ModelPack = { dir: packDir, manifest, modelPath, modelBytes }

  if (options.verifySha256) {
    const expected = typeof options.verifySha256 === 'string' ? options.verifySha256 : manifest.integrity?.onnxSha256
    if (!expected) {
      throw new ModelPackError('checksum', join(packDir, MANIFEST_FILE), 'has no integrity.onnxSha256 to verify model.onnx against')
    }
    const actual = await sha256File(modelPath)
    if (actual !== expected.toLowerCase()) {
      throw new ModelPackError('checksum', modelPath, `SHA-256 is ${actual}, expected ${expected}`)
    }
  }
  if (options.checkSession) await checkSessionNames(pack)
  return pack
}

export interface PackListing {
  packs: ModelPack[]
  /** Folders that look like packs but failed validation, with the reason. */
  broken: { dir: string; error: ModelPackError }[]
}

/**
 * Scans each folder's sub-folders for packs. Folders come in priority order: when two packs
 * share an id the first one wins and the later one is reported as `duplicate-id`. Missing
 * folders are skipped silently (the imported-models folder may not exist yet).
 */
export async function listPacks(dirs: readonly string[], options: LoadPackOptions = {}): Promise<PackListing> {
  const listing: PackListing = { packs: [], broken: [] }
  const seen = new Map<string, string>()
  for (const root of dirs) {
    const entries = await readdir(root, { withFileTypes: true }).catch(() => [])
    const names = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name).sort()
    for (const name of names) {
      const dir = resolve(root, name)
      try {
        const pack = await loadPack(dir, options)
        const first = seen.get(pack.manifest.id)
        if (first !== undefined) {
          throw new ModelPackError('duplicate-id', join(dir, MANIFEST_FILE), `id "${pack.manifest.id}" is already used by ${first}`)
        }
        seen.set(pack.manifest.id, dir)
        listing.packs.push(pack)
      } catch (e) {
        if (!(e instanceof ModelPackError)) throw e
        listing.broken.push({ dir, error: e })
      }
    }
  }
  return listing
}

/** The standard search order: shipped packs, then the user's imported ones. */
export function packSearchDirs(resourcesDir: string, dataDir: string): string[] {
  return [join(resourcesDir, 'models'), join(dataDir, 'models')]
}
