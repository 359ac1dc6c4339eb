import { CANONICAL_EMOTIONS, type CanonicalDistribution, type CanonicalEmotion } from '../../../src/shared/emotions'
import type { Db } from '../../../src/main/db/open'
import { insertAnalysis } from '../../../src/main/repos/analyses'
import { createEntry } from '../../../src/main/repos/entries'
import type { AnalysisSource } from '../../../src/shared/trends/sources'

/** A distribution from a partial map; the rest are zero (no renormalising: tests control the numbers). */
export function dist(partial: Partial<Record<CanonicalEmotion, number>>): CanonicalDistribution {
  return Object.fromEntries(CANONICAL_EMOTIONS.map((e) => [e, partial[e] ?? 0])) as CanonicalDistribution
}

/** Mostly `emotion` (0.7), the rest spread evenly (0.05 each). */
export function peaked(emotion: CanonicalEmotion, weight = 0.7): CanonicalDistribution {
  const rest = (1 - weight) / (CANONICAL_EMOTIONS.length - 1)
  return Object.fromEntries(CANONICAL_EMOTIONS.map((e) => [e, e === emotion ? weight : rest])) as CanonicalDistribution
}

let clock = Date.UTC(2026, 0, 1)
/** Strictly increasing timestamps, so "newest" is unambiguous in tests. */
export function tick(): string {
  clock += 1000
  return new Date(clock).toISOString()
}

export function analyse(db: Db, target: { entryId: number } | { memoId: number }, source: AnalysisSource, canonical: CanonicalDistribution, createdAt = tick()) {
  return insertAnalysis(db, {
    ...target,
    source,
    modelId: `test-${source}`,
    labels: [...CANONICAL_EMOTIONS],
    probs: CANONICAL_EMOTIONS.map((e) => canonical[e]),
    canonical,
    createdAt
  })
}

export function addMemo(db: Db, entryId: number, opts: { transcript?: string | null; filePath?: string; durationSec?: number } = {}): number {
  return (
    db
      .prepare('INSERT INTO voice_memos (entry_id, file_path, duration_sec, sample_rate, transcript, created_at) VALUES (?, ?, ?, 16000, ?, ?) RETURNING id')
      .get(entryId, opts.filePath ?? `memos/${entryId}-${Math.random().toString(36).slice(2)}.wav`, opts.durationSec ?? 3, opts.transcript ?? null, tick()) as {
      id: number
    }
  ).id
}

/** An entry with a text analysis peaked on `emotion`. */
export function day(db: Db, profileId: number, date: string, emotion: CanonicalEmotion | null, text = `${date} 일기`): number {
  const entry = createEntry(db, profileId, date, text)
  if (emotion) analyse(db, { entryId: entry.id }, 'text', peaked(emotion))
  return entry.id
}

export interface DailyRow {
  profile_id: number
  source: string
  entry_date: string
  entry_id: number
  dominant: string
  analyses: number
  [p: string]: number | string
}

export const dailyRows = (db: Db): DailyRow[] =>
  db.prepare('SELECT * FROM analysis_daily ORDER BY profile_id, source, entry_date').all() as DailyRow[]
