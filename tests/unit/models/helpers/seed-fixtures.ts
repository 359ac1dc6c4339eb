import { readdirSync, readFileSync } from 'node:fs'
import * as ort from 'onnxruntime-node'
import { sharedPath } from '../../../helpers/shared-data'

/** Reads the seed model's reference data in ../shared and builds model inputs the way the seed does. */

export type Gender = 'MALE' | 'FEMALE'
export interface Vectors {
  mean: number[]
  std: number[]
}
export interface ExpectedForBaseline {
  delta_first3: number[][]
  delta_last_row: number[]
  logits: number[]
  probs: number[]
  intermediates?: { pool2_out_frame0: number[]; h_n_concat: number[]; dense1_relu: number[] }
}
export interface ExpectedFixture {
  frames: number
  features_first3: number[][]
  MALE: ExpectedForBaseline
  FEMALE: ExpectedForBaseline
}

export const SEED_DIR = 'models/seed-audio'
export const FIXTURES_DIR = 'fixtures/audio'

export function readJson<T>(...parts: string[]): T {
  return JSON.parse(readFileSync(sharedPath(...parts), 'utf8')) as T
}

export function expectedOutputs(): Record<string, ExpectedFixture> {
  return readJson<{ fixtures: Record<string, ExpectedFixture> }>(FIXTURES_DIR, 'seed-model.expected.json').fixtures
}

export function seedBaselines(): Record<Gender, Vectors> {
  return readJson(SEED_DIR, 'baselines.json')
}

export function fixtureMfcc(wavName: string): number[][] {
  return readJson<{ mfcc: number[][] }>(FIXTURES_DIR, wavName.replace(/\.wav$/, '.mfcc.json')).mfcc
}

export function fixtureNames(): string[] {
  return readdirSync(sharedPath(FIXTURES_DIR)).filter((n) => n.endsWith('.wav')).sort()
}

/**
 * The seed's input: pad with zero rows to 100 frames (or cut), delta = (X − mean) / (std + 1e-8)
 * in float32, laid out (1, 13, 100) coefficient-major. Also returns delta time-major for checks.
 */
export function seedInput(mfcc: number[][], base: Vectors): { input: Float32Array; delta: number[][] } {
  const f = Math.fround
  const input = new Float32Array(13 * 100)
  const delta: number[][] = []
  for (let t = 0; t < 100; t++) {
    const row: number[] = []
    for (let k = 0; k < 13; k++) {
      const x = f(mfcc[t]?.[k] ?? 0)
      const v = f(f(x - f(base.mean[k]!)) / f(f(base.std[k]!) + 1e-8))
      input[k * 100 + t] = v
      row.push(v)
    }
    delta.push(row)
  }
  return { input, delta }
}

export async function runModel(
  session: ort.InferenceSession,
  input: Float32Array
): Promise<Record<string, Float32Array>> {
  const out = await session.run({ input: new ort.Tensor('float32', input, [1, 13, 100]) })
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.data as Float32Array]))
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`)
  let worst = 0
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!))
  return worst
}
