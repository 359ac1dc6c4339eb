import { createHash, randomBytes } from 'node:crypto'
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { audioManifestSchema, type AudioModelManifest } from '../../../shared/models/manifest'
import { loadPack, MANIFEST_FILE, MODEL_FILE } from '../packs'
import { SeedImportError } from './errors'
import { buildSeedAudioOnnx, checkSeedStateDict, SEED_INPUT_NAME, SEED_OUTPUT_NAME } from './seed-graph'
import {
  baselineSourceFromPath,
  identityCanonicalMatrix,
  readBaselines,
  readInputFile,
  readLabels,
  type BaselineSource
} from './seed-inputs'
import { readTorchStateDict, type TorchTensor } from './torch-checkpoint'

/**
 * Turns the seed project's published files (pytorch_model.pth, labels.json, baselines) into a
 * model pack, entirely in TypeScript so users need no Python.
 */

export interface SeedAudioImportOptions {
  pthPath: string
  labelsPath: string
  baselines: BaselineSource
  /** The pack folder to create. */
  outDir: string
  /** Replace an existing pack at outDir (default: refuse). */
  overwrite?: boolean
  /** Open the written model with ONNX Runtime and run it once before publishing the pack (default true). */
  verify?: boolean
  id?: string
  name?: string
}

export interface SeedAudioImportResult {
  packDir: string
  manifest: AudioModelManifest
  /** Things the user should know, e.g. that the checkpoint looks untrained. */
  warnings: string[]
}

export const SEED_AUDIO_PACK_ID = 'seed-audio'

function looksUntrained(state: ReadonlyMap<string, TorchTensor>): boolean {
  return ['bn1', 'bn2'].every((bn) => {
    const steps = state.get(`${bn}.num_batches_tracked`)?.data
    const mean = state.get(`${bn}.running_mean`)?.data as Float32Array
    const variance = state.get(`${bn}.running_var`)?.data as Float32Array
    return (steps === undefined || steps[0] === 0n) && mean.every((v) => v === 0) && variance.every((v) => v === 1)
  })
}

async function isEmptyOrMissing(dir: string): Promise<boolean> {
  const s = await stat(dir).catch(() => null)
  if (!s) return true
  if (!s.isDirectory()) return false
  return (await readdir(dir)).length === 0
}

/** Runs the staged model once on a zero input: a final proof that the file is usable. */
async function verifyStagedPack(dir: string, numLabels: number): Promise<void> {
  try {
    const pack = await loadPack(dir, { checkSession: true, verifySha256: true })
    const ort = await import('onnxruntime-node')
    const session = await ort.InferenceSession.create(pack.modelPath)
    try {
      const input = new ort.Tensor('float32', new Float32Array(13 * 100), [1, 13, 100])
      const out = (await session.run({ [SEED_INPUT_NAME]: input }))[SEED_OUTPUT_NAME]
      const logits = out?.data as Float32Array | undefined
      if (!logits || logits.length !== numLabels || !logits.every(Number.isFinite)) {
        throw new Error(`expected ${numLabels} finite logits, got ${logits ? Array.from(logits).join(', ') : 'nothing'}`)
      }
    } finally {
      await session.release()
    }
  } catch (e) {
    throw new SeedImportError('verify-failed', `the converted model failed its check: ${(e as Error).message}`, { cause: e })
  }
}

export async function importSeedAudioModel(options: SeedAudioImportOptions): Promise<SeedAudioImportResult> {
  const packDir = resolve(options.outDir)
  if (!options.overwrite && !(await isEmptyOrMissing(packDir))) {
    throw new SeedImportError('out-dir-exists', `${packDir} already exists and is not empty (pass overwrite to replace it)`)
  }
  const pth = await readInputFile(options.pthPath, 'checkpoint')
  const pthSha256 = createHash('sha256').update(pth).digest('hex')
  const state = readTorchStateDict(pth)
  const numLabels = checkSeedStateDict(state)
  const labels = await readLabels(options.labelsPath)
  if (labels.length !== numLabels) {
    throw new SeedImportError('bad-labels', `${options.labelsPath} has ${labels.length} labels but the model has ${numLabels} outputs`)
  }
  const baselines = await readBaselines(options.baselines)

  const warnings: string[] = []
  if (looksUntrained(state)) {
    warnings.push(
      'BatchNorm statistics are at their initial values (num_batches_tracked = 0): this checkpoint looks untrained, so its predictions carry no emotional meaning'
    )
  }
  const onnx = buildSeedAudioOnnx(state, {
    docString: 'Seed audio emotion model (CNN + BiLSTM over 13×100 MFCC), converted from pytorch_model.pth by Haru',
    metadata: { labels: JSON.stringify(labels), source_sha256: pthSha256 }
  })
  const manifest: AudioModelManifest = audioManifestSchema.parse({
    formatVersion: 1,
    kind: 'audio',
    id: options.id ?? SEED_AUDIO_PACK_ID,
    name: options.name ?? 'Seed audio emotion model (TodAi)',
    version: `pth-${pthSha256.slice(0, 12)}`,
    license: 'MIT',
    description: 'CNN + BiLSTM over 100 frames of 13 MFCCs, normalised by a male or female neutral-voice baseline.',
    labels,
    canonicalMatrix: identityCanonicalMatrix(labels),
    input: {
      type: 'mfcc',
      sampleRate: 16000,
      nMfcc: 13,
      frames: 100,
      shape: ['batch', 13, 100],
      inputName: SEED_INPUT_NAME,
      outputName: SEED_OUTPUT_NAME
    },
    baselines,
    provenance: {
      source: 'HyukII/audio-emotion-model (2025-1-OSSP2-TodAi-8), MIT License, Copyright (c) 2025 TodAi',
      notes: [`Converted from ${basename(options.pthPath)} to ONNX (opset 17) by Haru's seed import.`, ...warnings].join(' '),
      modelSha256: pthSha256
    },
    integrity: { onnxSha256: createHash('sha256').update(onnx).digest('hex'), onnxBytes: onnx.length }
  })

  // Staged in a hidden sibling folder and renamed into place, so listPacks never sees half a pack.
  await mkdir(dirname(packDir), { recursive: true, mode: 0o700 })
  const staging = join(dirname(packDir), `.${basename(packDir)}.importing-${randomBytes(4).toString('hex')}`)
  try {
    await mkdir(staging, { mode: 0o700 })
    await writeFile(join(staging, MODEL_FILE), onnx, { mode: 0o600 })
    await writeFile(join(staging, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 })
    if (options.verify !== false) await verifyStagedPack(staging, numLabels)
    await rm(packDir, { recursive: true, force: true })
    await rename(staging, packDir)
  } finally {
    await rm(staging, { recursive: true, force: true })
  }
  return { packDir, manifest, warnings }
}

export interface SeedAudioPaths {
  pth: string
  labels: string
  /** A baselines.json, or a folder with baseline_{mean,std}_{male,female}.npy. */
  baselines: string
  out: string
  overwrite?: boolean
}

/** For `haru models import-seed-audio --pth P --labels L --baselines B --out DIR`. */
export async function importSeedAudioFromPaths(paths: SeedAudioPaths): Promise<SeedAudioImportResult> {
  return importSeedAudioModel({
    pthPath: paths.pth,
    labelsPath: paths.labels,
    baselines: await baselineSourceFromPath(paths.baselines),
    outDir: paths.out,
    overwrite: paths.overwrite
  })
}

/**
 * Imports a folder laid out like the hub repository (pytorch_model.pth, labels.json and the four
 * baseline .npy files, or a baselines.json instead of them).
 */
export async function importSeedAudioFromDir(dir: string, outDir: string, options: { overwrite?: boolean } = {}): Promise<SeedAudioImportResult> {
  return importSeedAudioFromPaths({
    pth: join(dir, 'pytorch_model.pth'),
    labels: join(dir, 'labels.json'),
    baselines: dir,
    out: outDir,
    overwrite: options.overwrite
  })
}
