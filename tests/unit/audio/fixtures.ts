import { readFileSync, readdirSync } from 'node:fs'
import { sharedPath } from '../../helpers/shared-data'

export const FIXTURE_DIR = 'fixtures/audio'

export function fixturePath(file: string): string {
  return sharedPath(FIXTURE_DIR, file)
}

/** Fixture base names (without `.wav`), sorted. */
export function fixtureNames(): string[] {
  return readdirSync(sharedPath(FIXTURE_DIR))
    .filter((f) => f.endsWith('.wav'))
    .map((f) => f.slice(0, -4))
    .sort()
}

export function readFixtureBytes(file: string): Uint8Array {
  return new Uint8Array(readFileSync(fixturePath(file)))
}

export function readJson<T>(...parts: string[]): T {
  return JSON.parse(readFileSync(sharedPath(...parts), 'utf8')) as T
}

export interface MfccReference {
  sr: number
  n_samples: number
  channels_in_file: number
  frames: number
  mfcc: number[][]
}

export interface MelDbReference {
  frames_total: number
  frames_included: number
  db_max_whole_clip: number
  top_db_threshold: number
  /** [band][frame] */
  mel_db: number[][]
  mel_power: number[][]
}

export interface SeedBaselineExpectation {
  delta_first3: number[][]
  delta_last_row: number[]
}

export interface SeedFixtureExpectation {
  sr: number
  frames: number
  frames_used: number
  zero_rows_padded: number
  features_first3: number[][]
  MALE: SeedBaselineExpectation
  FEMALE: SeedBaselineExpectation
}

export interface SeedExpectations {
  fixtures: Record<string, SeedFixtureExpectation>
}

export type Baselines = Record<'MALE' | 'FEMALE', { mean: number[]; std: number[] }>
