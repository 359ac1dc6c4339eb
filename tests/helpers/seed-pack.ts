import { join } from 'node:path'
import { importSeedAudioFromDir } from '../../src/main/models/seed-import'
import { sharedPath } from './shared-data'

/** Imports the seed checkpoint from ../shared into `dir` (TypeScript import, as a user's app does). */
export async function importSeedPack(dir: string): Promise<string> {
  const result = await importSeedAudioFromDir(sharedPath('models', 'seed-audio'), join(dir, 'seed-audio'))
  return result.packDir
}

export interface SeedExpectation {
  sr: number
  frames: number
  MALE: { logits: number[]; probs: number[] }
  FEMALE: { logits: number[]; probs: number[] }
}
