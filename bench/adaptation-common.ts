/** What bench/adaptation.ts and bench/adaptation-search.ts share: the data, the split and the seeded draws. */
import { join } from 'node:path'
import type { CanonicalEmotion } from '../src/shared/emotions'
import { repoRoot } from '../tests/helpers/shared-data'
import { seededRandom } from '../src/shared/seeded-random'

export const PACK = join(repoRoot, 'resources/models/text-default')
export const PERSONAS = join(repoRoot, 'training/text/data/diary-ko/personas.jsonl')
/** The writers the adapter's hyper-parameters are chosen on; p05–p08 are only ever reported. */
export const TUNING_WRITERS = ['p01', 'p02', 'p03', 'p04']

export interface Line {
  text: string
  label: CanonicalEmotion
  writer: string
}

/** Seeded draws (mulberry32), shared with the tests, benchmarks and training scripts. */
export const rng = seededRandom

export function draw<T>(items: readonly T[], k: number, random: () => number): T[] {
  const pool = [...items]
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[pool[i], pool[j]] = [pool[j]!, pool[i]!]
  }
  return pool.slice(0, k)
}
