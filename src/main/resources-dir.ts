import { fileURLToPath } from 'node:url'
import { join } from 'node:path'

/**
 * The folder holding `models/` (shipped model packs). From source and from electron-vite's `out/`
 * it is the repository's `resources/`; a packaged app passes `process.resourcesPath` instead.
 */
export function resourcesDir(): string {
  if (process.env.HARU_RESOURCES_DIR) return process.env.HARU_RESOURCES_DIR
  return fileURLToPath(new URL('../../resources', import.meta.url))
}

export const shippedModelsDir = (resources = resourcesDir()): string => join(resources, 'models')
export const importedModelsDir = (dataDir: string): string => join(dataDir, 'models')

/** The packs Haru ships: a project-trained default for voice and one for text. */
export const DEFAULT_AUDIO_PACK = 'audio-default'
export const DEFAULT_TEXT_PACK = 'text-default'
/** Where `haru models import-seed-audio` (and the app's import) puts the seed model by default. */
export const SEED_AUDIO_PACK = 'seed-audio'
