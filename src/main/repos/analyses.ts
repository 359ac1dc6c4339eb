import type { Statement } from 'better-sqlite3-multiple-ciphers'
import { HaruApiError } from '../../shared/api/errors'
import { CANONICAL_EMOTIONS, type CanonicalDistribution } from '../../shared/emotions'
import type { AnalysisSource } from '../../shared/trends/sources'
import type { Db } from '../db/open'

export interface NewAnalysis {
  /** Exactly one of `entryId` (the entry's text) and `memoId` (a voice memo). */
  entryId?: number
  memoId?: number
  source: AnalysisSource
  modelId: string
  baselineId?: number | null
  /** The model's own labels and probabilities, in the model's order. */
  labels: string[]
  probs: number[]
  canonical: CanonicalDistribution
  sentences?: unknown
  /** ISO-8601 UTC; defaults to now. The newest analysis per (entry or memo, source) is the current one. */
  createdAt?: string
  /** Issue 12 (src/main/corrections/): the reading before the writer's corrections, when they changed it. */
  reading?: CanonicalDistribution | null
  /** Which corrections were applied (src/main/corrections/apply.ts `correctionsKey`); null: none existed. */
  correctionsKey?: string | null
  /** The profile adapter that read the text (null: the base model alone). */
  adapterVersion?: number | null
}

export interface StoredAnalysis {
  id: number
  entryId: number | null
  memoId: number | null
  source: AnalysisSource
  modelId: string
  baselineId: number | null
  labels: string[]
  probs: number[]
  canonical: CanonicalDistribution
  sentences: unknown
  createdAt: string
  reading: CanonicalDistribution | null
  correctionsKey: string | null
  adapterVersion: number | null
}

interface AnalysisRow {
  id: number
  entry_id: number | null
  memo_id: number | null
  source: AnalysisSource
  model_id: string
  baseline_id: number | null
  labels_json: string
  probs_json: string
  canonical_json: string
  sentences_json: string | null
  created_at: string
  reading_json: string | null
  corrections_key: string | null
  adapter_version: number | null
}

const toAnalysis = (r: AnalysisRow): StoredAnalysis => ({
  id: r.id,
  entryId: r.entry_id,
  memoId: r.memo_id,
  source: r.source,
  modelId: r.model_id,
  baselineId: r.baseline_id,
  labels: JSON.parse(r.labels_json) as string[],
  probs: JSON.parse(r.probs_json) as number[],
  canonical: JSON.parse(r.canonical_json) as CanonicalDistribution,
  sentences: r.sentences_json === null ? null : (JSON.parse(r.sentences_json) as unknown),
  createdAt: r.created_at,
  reading: r.reading_json === null ? null : (JSON.parse(r.reading_json) as CanonicalDistribution),
  correctionsKey: r.corrections_key,
  adapterVersion: r.adapter_version
})

function invalid(message: string): never {
  throw new HaruApiError('invalid-input', `analysis not stored: ${message}`)
}

function validate(a: NewAnalysis): void {
  if ((a.entryId === undefined) === (a.memoId === undefined)) invalid('give exactly one of entryId and memoId')
  if (!a.modelId) invalid('modelId is empty')
  if (a.labels.length !== a.probs.length) invalid(`${a.labels.length} labels but ${a.probs.length} probabilities`)
  if (!a.probs.every(Number.isFinite)) invalid('probabilities must be finite numbers')
  let total = 0
  for (const e of CANONICAL_EMOTIONS) {
    const p = a.canonical[e]
    if (typeof p !== 'number' || !Number.isFinite(p) || p < 0) invalid(`canonical ${e} must be a non-negative number`)
    total += p
  }
  if (total <= 0) invalid('canonical distribution is all zeros')
  const extra = Object.keys(a.canonical).filter((k) => !(CANONICAL_EMOTIONS as readonly string[]).includes(k))
  if (extra.length > 0) invalid(`unknown canonical emotions ${extra.join(', ')}`)
}

const ordered = (d: CanonicalDistribution) => Object.fromEntries(CANONICAL_EMOTIONS.map((e) => [e, d[e]]))

const inserts = new WeakMap<Db, Statement>()
/** Prepared once per database: the statement carries the trend triggers, which are costly to compile. */
function insertStatement(db: Db): Statement {
  let stmt = inserts.get(db)
  if (!stmt) {
    stmt = db.prepare(
      `INSERT INTO analyses (entry_id, memo_id, source, model_id, baseline_id, labels_json, probs_json, canonical_json, sentences_json, created_at,
                             reading_json, corrections_key, adapter_version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`
    )
    inserts.set(db, stmt)
  }
  return stmt
}

/**
 * Stores one analysis. The daily trend table (`analysis_daily`) follows by trigger, so callers
 * need nothing else; see migration 0002 for how a day's analyses are combined.
 */
export function insertAnalysis(db: Db, a: NewAnalysis): StoredAnalysis {
  validate(a)
  // Canonical keys in canonical order, so stored JSON is stable whatever order the caller built.
  const canonical = ordered(a.canonical)
  try {
    const row = insertStatement(db)
      .get(
        a.entryId ?? null,
        a.memoId ?? null,
        a.source,
        a.modelId,
        a.baselineId ?? null,
        JSON.stringify(a.labels),
        JSON.stringify(a.probs),
        JSON.stringify(canonical),
        a.sentences === undefined ? null : JSON.stringify(a.sentences),
        a.createdAt ?? new Date().toISOString(),
        a.reading ? JSON.stringify(ordered(a.reading)) : null,
        a.correctionsKey ?? null,
        a.adapterVersion ?? null
      ) as AnalysisRow
    return toAnalysis(row)
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
      throw new HaruApiError('not-found', `analysis not stored: no ${a.entryId !== undefined ? `entry ${a.entryId}` : `voice memo ${a.memoId}`}`)
    }
    throw err
  }
}

/** The current (newest) analysis of one source for an entry or a memo, or null. */
export function currentAnalysis(db: Db, target: { entryId: number } | { memoId: number }, source: AnalysisSource): StoredAnalysis | null {
  const [column, id] = 'entryId' in target ? ['entry_id', target.entryId] : ['memo_id', target.memoId]
  const row = db
    .prepare(`SELECT * FROM analyses WHERE ${column} = ? AND source = ? ORDER BY created_at DESC, id DESC LIMIT 1`)
    .get(id, source) as AnalysisRow | undefined
  return row ? toAnalysis(row) : null
}

/**
 * Removes a memo's analyses of the given sources (its words were cleared: the text and fused results
 * describe a transcript that no longer exists). Triggers keep the trend roll-ups in step.
 */
export function deleteMemoAnalyses(db: Db, memoId: number, sources: readonly AnalysisSource[]): number {
  const remove = db.prepare('DELETE FROM analyses WHERE memo_id = ? AND source = ?')
  return db.transaction(() => sources.reduce((n, source) => n + remove.run(memoId, source).changes, 0))()
}

/**
 * Re-states a stored reading with the writer's current corrections (issue 12): what it shows and
 * what it averages change, the model's reading and when it was made do not, so the analysis stays
 * the current one and never looks newer than the text it read. Trend rows follow by trigger.
 */
export function restatePersonalReading(
  db: Db,
  id: number,
  r: { canonical: CanonicalDistribution; sentences?: unknown; reading: CanonicalDistribution | null; correctionsKey: string | null }
): void {
  db.prepare(
    `UPDATE analyses SET canonical_json = ?, sentences_json = coalesce(?, sentences_json), reading_json = ?, corrections_key = ? WHERE id = ?`
  ).run(JSON.stringify(ordered(r.canonical)), r.sentences === undefined ? null : JSON.stringify(r.sentences), r.reading ? JSON.stringify(ordered(r.reading)) : null, r.correctionsKey, id)
}
