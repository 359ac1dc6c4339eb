import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { encodeWav16 } from '../../../src/shared/audio'
import { addDays } from '../../../src/shared/dates'
import { CANONICAL_EMOTIONS } from '../../../src/shared/emotions'
import type { Db } from '../../../src/main/db/open'
import { insertAnalysis } from '../../../src/main/repos/analyses'
import { createEntry } from '../../../src/main/repos/entries'
import { createProfile } from '../../../src/main/repos/profiles'
import { syntheticVoice } from '../calibration/signals'

/** Korean diary lines the queue analyses (any text works; these read like a diary). */
export const LINES = [
  '오늘은 친구와 한강에서 산책을 했다. 정말 행복했다.',
  '버스를 놓쳐서 너무 화가 났다.',
  '비가 와서 하루 종일 우울했다.',
  '회사에서 갑자기 칭찬을 받아서 놀랐다.',
  '조용히 책을 읽으며 쉬었다.'
]

export const FAKE = Object.fromEntries(CANONICAL_EMOTIONS.map((e) => [e, e === 'NEUTRAL' ? 1 : 0])) as Record<(typeof CANONICAL_EMOTIONS)[number], number>

/** `days` entries of one new profile, one a day ending on `last`, newest last. */
export function addEntries(db: Db, name: string, days: number, last = '2026-11-20'): { profileId: number; entryIds: number[] } {
  const profile = createProfile(db, name, 'FEMALE')
  const entryIds: number[] = []
  for (let i = days - 1; i >= 0; i--) entryIds.push(createEntry(db, profile.id, addDays(last, -i), LINES[i % LINES.length]!).id)
  return { profileId: profile.id, entryIds }
}

/** A memo row with a real synthetic-voice WAV under the data folder (or a missing file with `missing`). */
export function addMemo(db: Db, dataDir: string, entryId: number, opts: { seed?: number; transcript?: string; missing?: boolean } = {}): number {
  const seed = opts.seed ?? 1
  const path = `memos/test/m-${entryId}-${seed}${opts.missing ? '-gone' : ''}.wav`
  if (!opts.missing) {
    mkdirSync(join(dataDir, 'memos', 'test'), { recursive: true })
    writeFileSync(join(dataDir, path), encodeWav16(syntheticVoice({ seconds: 4, seed }), 16000))
  }
  return (
    db
      .prepare("INSERT INTO voice_memos (entry_id, file_path, duration_sec, sample_rate, transcript, created_at) VALUES (?, ?, 4, 16000, ?, '2026-11-20T10:00:00Z') RETURNING id")
      .get(entryId, path, opts.transcript ?? null) as { id: number }
  ).id
}

/** A stored analysis with a chosen model, baseline and time (what an older app version left). */
export function fakeAnalysis(db: Db, target: { entryId: number } | { memoId: number }, source: 'text' | 'audio' | 'fused', modelId: string, opts: { baselineId?: number | null; createdAt?: string } = {}) {
  return insertAnalysis(db, {
    ...target,
    source,
    modelId,
    baselineId: opts.baselineId ?? null,
    labels: ['NEUTRAL'],
    probs: [1],
    canonical: FAKE,
    ...(opts.createdAt ? { createdAt: opts.createdAt } : {})
  })
}

export const count = (db: Db, sql: string, ...params: unknown[]): number => (db.prepare(sql).get(...params) as { n: number }).n
