import { readdir, readFile, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { CANONICAL_EMOTIONS } from '../../../shared/emotions'
import { baselineVectorsSchema, type BaselineVectors } from '../../../shared/models/manifest'
import { SeedImportError } from './errors'
import { readNpy } from './npy'

/** The seed's label list and MALE/FEMALE neutral-voice baselines, as published beside the weights. */

export interface NpyBaselinePaths {
  meanPath: string
  stdPath: string
}

export type BaselineSource = { jsonPath: string } | { male: NpyBaselinePaths; female: NpyBaselinePaths }

export interface SeedBaselines {
  MALE: BaselineVectors
  FEMALE: BaselineVectors
}

/** File names on the Hugging Face hub (HyukII/audio-emotion-model). */
export const HUB_BASELINE_FILES = {
  male: { meanPath: 'baseline_mean_male.npy', stdPath: 'baseline_std_male.npy' },
  female: { meanPath: 'baseline_mean_female.npy', stdPath: 'baseline_std_female.npy' }
} as const

export async function readInputFile(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path)
  } catch (e) {
    throw new SeedImportError('missing-file', `${what} ${path} cannot be read: ${(e as Error).message}`, { cause: e })
  }
}

function checkVectors(value: unknown, where: string): BaselineVectors {
  const parsed = baselineVectorsSchema.safeParse(value)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new SeedImportError('bad-baselines', `${where}: needs 13 finite means and 13 positive stds (${issues})`)
  }
  return parsed.data
}

async function readNpyVector(path: string): Promise<number[]> {
  const npy = readNpy(await readInputFile(path, 'baseline'), basename(path))
  if (npy.data.length !== 13 || npy.shape.filter((d) => d !== 1).length > 1) {
    throw new SeedImportError('bad-baselines', `${path}: expected 13 values, got shape (${npy.shape.join(', ')})`)
  }
  return Array.from(npy.data)
}

export async function readBaselines(source: BaselineSource): Promise<SeedBaselines> {
  if ('jsonPath' in source) {
    let json: Record<string, unknown>
    try {
      json = JSON.parse((await readInputFile(source.jsonPath, 'baselines')).toString('utf8'))
    } catch (e) {
      if (e instanceof SeedImportError) throw e
      throw new SeedImportError('bad-baselines', `${source.jsonPath} is not valid JSON`, { cause: e })
    }
    return { MALE: checkVectors(json?.MALE, `${source.jsonPath} MALE`), FEMALE: checkVectors(json?.FEMALE, `${source.jsonPath} FEMALE`) }
  }
  const vectors = async (p: NpyBaselinePaths, where: string) =>
    checkVectors({ mean: await readNpyVector(p.meanPath), std: await readNpyVector(p.stdPath) }, where)
  return { MALE: await vectors(source.male, 'male baselines'), FEMALE: await vectors(source.female, 'female baselines') }
}

/**
 * A baselines path as given on the command line: a JSON file, or a folder with the hub's four
 * `baseline_{mean,std}_{male,female}.npy` files (or, failing that, a `baselines.json`).
 */
export async function baselineSourceFromPath(path: string): Promise<BaselineSource> {
  const s = await stat(path).catch(() => null)
  if (!s) throw new SeedImportError('missing-file', `baselines ${path} does not exist`)
  if (s.isFile()) return { jsonPath: path }
  const names = new Set(await readdir(path))
  const npy = [HUB_BASELINE_FILES.male, HUB_BASELINE_FILES.female].flatMap((p) => [p.meanPath, p.stdPath])
  if (npy.every((n) => names.has(n))) {
    const inDir = (p: NpyBaselinePaths) => ({ meanPath: join(path, p.meanPath), stdPath: join(path, p.stdPath) })
    return { male: inDir(HUB_BASELINE_FILES.male), female: inDir(HUB_BASELINE_FILES.female) }
  }
  if (names.has('baselines.json')) return { jsonPath: join(path, 'baselines.json') }
  const missing = npy.filter((n) => !names.has(n))
  throw new SeedImportError('missing-file', `${path} has neither baselines.json nor ${missing.join(', ')}`)
}

/** Output labels in logit order; each must name a canonical emotion so the pack can map it. */
export async function readLabels(path: string): Promise<string[]> {
  let labels: unknown
  try {
    labels = JSON.parse((await readInputFile(path, 'labels')).toString('utf8'))
  } catch (e) {
    if (e instanceof SeedImportError) throw e
    throw new SeedImportError('bad-labels', `${path} is not valid JSON`, { cause: e })
  }
  if (!Array.isArray(labels) || labels.length < 2 || !labels.every((l) => typeof l === 'string')) {
    throw new SeedImportError('bad-labels', `${path} must be a JSON array of at least two label strings`)
  }
  const upper = labels.map((l: string) => l.trim().toUpperCase())
  const unknown = upper.filter((l) => !(CANONICAL_EMOTIONS as readonly string[]).includes(l))
  if (unknown.length > 0) {
    throw new SeedImportError('bad-labels', `${path}: ${unknown.join(', ')} not among ${CANONICAL_EMOTIONS.join(', ')}`)
  }
  if (new Set(upper).size !== upper.length) throw new SeedImportError('bad-labels', `${path} lists a label twice`)
  return upper
}

/** Rows in CANONICAL_EMOTIONS order, one column per label: 1 where the label names the emotion. */
export function identityCanonicalMatrix(labels: readonly string[]): number[][] {
  return CANONICAL_EMOTIONS.map((emotion) => labels.map((l) => (l === emotion ? 1 : 0)))
}
