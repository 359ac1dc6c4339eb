/**
 * Installs a text model pack (e.g. the folder training/text/export_official.py writes) into
 * `<data>/models/<id>/`, where the text model switcher finds it. Nothing is installed unless all
 * of it holds up:
 * - the folder is a valid pack (manifest schema, model.onnx, tokenizer files) of kind `text`;
 * - it holds regular files only (no symbolic links, devices or pipes), copied and hashed in one
 *   pass, so every check below runs on the copy: what is checked is what will run;
 * - model.onnx matches the manifest's `integrity` (SHA-256 and size) when it has one, and the n-gram
 *   file of an ensemble pack matches its SHA-256;
 * - its id is new: no shipped or imported pack has it, and `<data>/models/<id>` does not exist;
 * - a trial analysis of a Korean sentence in the analysis process succeeds (tokenizer loads,
 *   the model's output has one logit per label).
 * The copy goes to a dot-folder (which pack listings skip) and is renamed into place in one step;
 * the install is recorded (with every file's SHA-256) in `<data>/installed-packs.json`, and only
 * recorded packs whose files still match can be chosen (text-pack-choice.ts).
 */
import { lstat, mkdir, rename, rm, rmdir, stat } from 'node:fs/promises'
import { join, relative, resolve, isAbsolute } from 'node:path'
import { randomBytes } from 'node:crypto'
import { HaruApiError } from '../../shared/api/errors'
import type { TextModelManifest } from '../../shared/models/manifest'
import type { HandlerContext } from '../api/handlers'
import { toApiError } from '../api/dispatch'
import { UnusableFileError } from '../files/regular-file'
import { copyPackFiles } from './copy-pack'
import { recordInstalledPack, type PackFiles } from './installed-packs'
import { listPacks, loadPack, MODEL_FILE, ModelPackError, type ModelPack } from './packs'
import { importedModelsDir, shippedModelsDir } from '../resources-dir'

/** A sentence every Korean text model must be able to read. */
export const TRIAL_TEXT = '오늘은 친구를 만나서 정말 즐거웠다.'

export interface InstalledPack {
  pack: ModelPack & { manifest: TextModelManifest }
  location: 'imported'
}

const refuse = (dir: string, problem: string): HaruApiError => new HaruApiError('invalid-input', `${dir}: ${problem}`, [{ path: 'path', message: problem }])

/** Checks the copy (not the source: what is checked is what will run); messages name the source folder. */
async function validateCopy(src: string, copy: string, files: PackFiles): Promise<ModelPack & { manifest: TextModelManifest }> {
  let pack: ModelPack
  try {
    pack = await loadPack(copy)
  } catch (err) {
    if (err instanceof ModelPackError) throw refuse(src, `not a valid model pack: ${err.message.split(copy).join(src)}`)
    throw err
  }
  const m = pack.manifest
  if (m.kind !== 'text') throw refuse(src, `is a ${m.kind} model pack; only text model packs are installed here`)
  const tokenizerDir = resolve(pack.dir, m.input.tokenizerDir)
  const rel = relative(pack.dir, tokenizerDir)
  if (rel.startsWith('..') || isAbsolute(rel)) throw refuse(src, `input.tokenizerDir "${m.input.tokenizerDir}" must stay inside the pack`)
  const actual = files[MODEL_FILE]?.sha256
  if (m.integrity && actual !== m.integrity.onnxSha256) {
    throw refuse(src, `model.onnx has SHA-256 ${actual}, the manifest says ${m.integrity.onnxSha256} (a damaged or altered copy)`)
  }
  if (m.model?.kind === 'ensemble') {
    // The n-gram part of an ensemble pack always carries its SHA-256 (manifest `model.ngram`).
    // Hashed while copying (copy-pack.ts), keyed by the path inside the pack.
    const file = resolve(pack.dir, m.model.ngram.file)
    const rel = relative(pack.dir, file)
    if (rel.startsWith('..') || isAbsolute(rel)) throw refuse(src, `model.ngram.file "${m.model.ngram.file}" must stay inside the pack`)
    const ngram = files[rel.split(/[\\/]/).join('/')]?.sha256
    if (ngram === undefined) throw refuse(src, `${m.model.ngram.file} is missing`)
    if (ngram !== m.model.ngram.sha256) {
      throw refuse(src, `${m.model.ngram.file} has SHA-256 ${ngram}, the manifest says ${m.model.ngram.sha256} (a damaged or altered copy)`)
    }
  }
  return pack as ModelPack & { manifest: TextModelManifest }
}

export async function installTextPack(ctx: Pick<HandlerContext, 'dataDir' | 'resourcesDir' | 'analysis'>, source: string): Promise<InstalledPack> {
  const src = resolve(source)
  const srcStat = await lstat(src).catch(() => null)
  if (srcStat?.isSymbolicLink()) throw refuse(src, 'is a symbolic link; name the pack folder itself')
  if (!srcStat?.isDirectory()) throw refuse(src, `not a valid model pack: ${src}: is not a folder`)
  // A cheap look first (manifest, file sizes), so a folder that is no pack is refused before anything is copied.
  await loadPack(src).catch((err: unknown) => {
    if (err instanceof ModelPackError) throw refuse(src, `not a valid model pack: ${err.message}`)
    throw err
  })

  const modelsDir = importedModelsDir(ctx.dataDir)
  const hadModelsDir = (await stat(modelsDir).catch(() => null)) !== null
  await mkdir(modelsDir, { recursive: true, mode: 0o700 })
  // A dot-folder, which pack listings skip, renamed into place in one step once it holds up.
  const staging = join(modelsDir, `.install-${randomBytes(6).toString('hex')}`)
  try {
    let files: PackFiles
    try {
      files = copyPackFiles(src, staging)
    } catch (err) {
      if (err instanceof UnusableFileError) throw refuse(src, err.message)
      throw err
    }
    const pack = await validateCopy(src, staging, files)
    const id = pack.manifest.id

    const existing = await listPacks([shippedModelsDir(ctx.resourcesDir), modelsDir])
    const same = existing.packs.find((p) => p.manifest.id === id)
    if (same) {
      throw new HaruApiError('conflict', `a model pack with id "${id}" is already installed (${same.dir}); remove that folder first to replace it`)
    }
    const target = join(modelsDir, id)
    if (await stat(target).catch(() => null)) {
      throw new HaruApiError('conflict', `${target} already exists; remove or rename it first`)
    }
    await rename(staging, target)

    // The trial runs on the installed folder, so the engine it loads is the one later analyses reuse.
    try {
      const trial = await ctx.analysis.request('analyze-text', { text: TRIAL_TEXT, packDir: target })
      if (trial.modelId !== id || trial.sentences.length === 0) throw new Error(`unexpected trial result from ${trial.modelId}`)
    } catch (err) {
      await rm(target, { recursive: true, force: true })
      const api = toApiError(err)
      throw new HaruApiError(api.code, `${src}: the pack failed its trial analysis and was not installed: ${api.message}`)
    }
    // Only now is it installed: the record is what makes the folder usable (installed-packs.ts).
    recordInstalledPack(ctx.dataDir, { id, folder: id, files })
    const installed = await loadPack(target)
    return { pack: installed as InstalledPack['pack'], location: 'imported' }
  } finally {
    await rm(staging, { recursive: true, force: true })
    // A refused install leaves the data folder as it found it.
    if (!hadModelsDir) await rmdir(modelsDir).catch(() => {})
  }
}
