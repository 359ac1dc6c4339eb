/**
 * Installs a text model pack (e.g. the folder training/text/export_official.py writes) into
 * `<data>/models/<id>/`, where the text model switcher finds it. Nothing is installed unless all
 * of it holds up:
 * - the folder is a valid pack (manifest schema, model.onnx, tokenizer files) of kind `text`;
 * - model.onnx matches the manifest's `integrity` (SHA-256 and size) when it has one, and the n-gram
 *   file of an ensemble pack matches its SHA-256;
 * - its id is new: no shipped or imported pack has it, and `<data>/models/<id>` does not exist;
 * - a trial analysis of a Korean sentence in the analysis process succeeds (tokenizer loads,
 *   the model's output has one logit per label).
 * The copy goes to a dot-folder (which pack listings skip) and is renamed into place in one step.
 */
import { cp, mkdir, rename, rm, stat } from 'node:fs/promises'
import { join, relative, resolve, isAbsolute } from 'node:path'
import { randomBytes } from 'node:crypto'
import { HaruApiError } from '../../shared/api/errors'
import type { TextModelManifest } from '../../shared/models/manifest'
import type { HandlerContext } from '../api/handlers'
import { toApiError } from '../api/dispatch'
import { listPacks, loadPack, ModelPackError, type ModelPack } from './packs'
import { sha256File } from './sha256'
import { importedModelsDir, shippedModelsDir } from '../resources-dir'

/** A sentence every Korean text model must be able to read. */
export const TRIAL_TEXT = '오늘은 친구를 만나서 정말 즐거웠다.'

export interface InstalledPack {
  pack: ModelPack & { manifest: TextModelManifest }
  location: 'imported'
}

const refuse = (dir: string, problem: string): HaruApiError => new HaruApiError('invalid-input', `${dir}: ${problem}`, [{ path: 'path', message: problem }])

async function validateSource(dir: string): Promise<ModelPack & { manifest: TextModelManifest }> {
  let pack: ModelPack
  try {
    pack = await loadPack(dir)
  } catch (err) {
    if (err instanceof ModelPackError) throw refuse(dir, `not a valid model pack: ${err.message}`)
    throw err
  }
  const m = pack.manifest
  if (m.kind !== 'text') throw refuse(dir, `is a ${m.kind} model pack; only text model packs are installed here`)
  const tokenizerDir = resolve(pack.dir, m.input.tokenizerDir)
  const rel = relative(pack.dir, tokenizerDir)
  if (rel.startsWith('..') || isAbsolute(rel)) throw refuse(dir, `input.tokenizerDir "${m.input.tokenizerDir}" must stay inside the pack`)
  if (m.integrity) {
    const actual = await sha256File(pack.modelPath)
    if (actual !== m.integrity.onnxSha256) {
      throw refuse(dir, `model.onnx has SHA-256 ${actual}, the manifest says ${m.integrity.onnxSha256} (a damaged or altered copy)`)
    }
  }
  if (m.model?.kind === 'ensemble') {
    // The n-gram part of an ensemble pack always carries its SHA-256 (manifest `model.ngram`).
    const file = resolve(pack.dir, m.model.ngram.file)
    const rel = relative(pack.dir, file)
    if (rel.startsWith('..') || isAbsolute(rel)) throw refuse(dir, `model.ngram.file "${m.model.ngram.file}" must stay inside the pack`)
    const actual = await sha256File(file).catch(() => null)
    if (actual === null) throw refuse(dir, `${m.model.ngram.file} is missing`)
    if (actual !== m.model.ngram.sha256) {
      throw refuse(dir, `${m.model.ngram.file} has SHA-256 ${actual}, the manifest says ${m.model.ngram.sha256} (a damaged or altered copy)`)
    }
  }
  return pack as ModelPack & { manifest: TextModelManifest }
}

export async function installTextPack(ctx: Pick<HandlerContext, 'dataDir' | 'resourcesDir' | 'analysis'>, source: string): Promise<InstalledPack> {
  const src = resolve(source)
  const pack = await validateSource(src)
  const id = pack.manifest.id

  const modelsDir = importedModelsDir(ctx.dataDir)
  const existing = await listPacks([shippedModelsDir(ctx.resourcesDir), modelsDir])
  const same = existing.packs.find((p) => p.manifest.id === id)
  if (same) {
    throw new HaruApiError('conflict', `a model pack with id "${id}" is already installed (${same.dir}); remove that folder first to replace it`)
  }
  const target = join(modelsDir, id)
  if (await stat(target).catch(() => null)) {
    throw new HaruApiError('conflict', `${target} already exists; remove or rename it first`)
  }

  await mkdir(modelsDir, { recursive: true })
  const staging = join(modelsDir, `.install-${id}-${randomBytes(4).toString('hex')}`)
  try {
    // Everything in the pack folder but hidden files (a model card or licence travels with it).
    await cp(pack.dir, staging, { recursive: true, filter: (from) => !relative(pack.dir, from).split(/[\\/]/).some((part) => part.startsWith('.')) })
    await rename(staging, target)
  } catch (err) {
    await rm(staging, { recursive: true, force: true })
    throw err
  }

  // The trial runs on the installed folder, so the engine it loads is the one later analyses reuse.
  try {
    const trial = await ctx.analysis.request('analyze-text', { text: TRIAL_TEXT, packDir: target })
    if (trial.modelId !== id || trial.sentences.length === 0) throw new Error(`unexpected trial result from ${trial.modelId}`)
  } catch (err) {
    await rm(target, { recursive: true, force: true })
    const api = toApiError(err)
    throw new HaruApiError(api.code, `${src}: the pack failed its trial analysis and was not installed: ${api.message}`)
  }
  const installed = await loadPack(target)
  return { pack: installed as InstalledPack['pack'], location: 'imported' }
}
