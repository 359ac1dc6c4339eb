import { existsSync } from 'node:fs'
import { isAbsolute, join, resolve } from 'node:path'
import { HaruApiError } from '../shared/api/errors'
import type { AudioModelManifest, TextModelManifest } from '../shared/models/manifest'
import { loadPack, type ModelPack } from '../main/models/packs'
import { DEFAULT_AUDIO_PACK, DEFAULT_TEXT_PACK, importedModelsDir, SEED_AUDIO_PACK, shippedModelsDir } from '../main/resources-dir'
import { stringFlag, UsageError, type CommandContext } from './context'

export type ModelKind = 'audio' | 'text'

const SHIPPED_DEFAULT: Record<ModelKind, string> = { audio: DEFAULT_AUDIO_PACK, text: DEFAULT_TEXT_PACK }

/**
 * The folder a `--model` value names: `default` (the shipped pack of that kind, as the app uses),
 * `seed` (audio only: the seed model imported into the data folder), or a pack folder.
 */
export function modelDir(ctx: CommandContext, kind: ModelKind, model: string): string {
  if (model === 'default') return join(shippedModelsDir(), SHIPPED_DEFAULT[kind])
  if (model === 'seed') {
    if (kind !== 'audio') throw new UsageError(`--model must be default or a ${kind} model pack folder, not "seed"`)
    const dir = join(importedModelsDir(ctx.service.dataDir), SEED_AUDIO_PACK)
    if (!existsSync(dir)) {
      throw new HaruApiError('not-found', `the seed model is not imported yet: run \`haru models import-seed-audio --pth … --labels … --baselines … --out ${dir}\``)
    }
    return dir
  }
  return isAbsolute(model) ? model : resolve(model)
}

type PackOf<K extends ModelKind> = ModelPack & { manifest: K extends 'audio' ? AudioModelManifest : TextModelManifest }

/** Resolves the command's `--model` (default: `default`) and validates the pack, refusing one of another kind. */
export async function loadModelOption<K extends ModelKind>(ctx: CommandContext, kind: K): Promise<PackOf<K>> {
  const dir = modelDir(ctx, kind, stringFlag(ctx, 'model') ?? 'default')
  if (!existsSync(dir)) throw new HaruApiError('not-found', `--model: no model pack at ${dir}`)
  const pack = await loadPack(dir)
  if (pack.manifest.kind !== kind) throw new HaruApiError('invalid-input', `${pack.dir} is not a ${kind} model (its manifest says kind "${pack.manifest.kind}")`)
  return pack as PackOf<K>
}
