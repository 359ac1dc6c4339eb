/**
 * "Is this reading current?" as far as the writer's own word goes (issue 12). A stored analysis is
 * current when it took into account exactly the corrections its entry or memo has now, and, for a
 * text reading, was read through the adapter the profile would use now (none when adaptation is
 * off or nothing was learnt yet). Whether the model, the baseline or the text itself changed is
 * the other half of the question: the analysis queue's `analysis-queue/currency.ts` holds the
 * whole rule, and takes this half from the SQL below: `adapterOutdatedSql` inside its `entry-text`
 * and `memo-text` criteria, `correctionsOutdatedSql` as `entry-corrections` and `memo-corrections`.
 * So the queue reads again whatever an adapter change or a correction left out of date.
 */
import type { AnalysisSource } from '../../shared/trends/sources'
import type { Db } from '../db/open'
import { getAdapter } from '../adaptation/adapter-repo'
import { getSettings } from '../repos/settings'
import { correctionsKey } from './apply'

export type ReadingTarget = { entryId: number } | { memoId: number }

export interface PersonalReadingWanted {
  /** `correctionsKey` of the target's corrections now. */
  correctionsKey: string | null
  /** The adapter a text reading should be read through now (null: none). */
  adapterVersion: number | null
}

/** THE rule. Voice and fused readings are not read by the adapter, so only corrections count for them. */
export function isPersonalReadingCurrent(
  stored: { source: AnalysisSource; correctionsKey: string | null; adapterVersion: number | null },
  wanted: PersonalReadingWanted
): boolean {
  if (stored.correctionsKey !== wanted.correctionsKey) return false
  return stored.source !== 'text' || stored.adapterVersion === wanted.adapterVersion
}

/** The adapter version a new text reading of the profile by this pack would carry. */
export function wantedAdapterVersion(db: Db, profileId: number, modelId: string): number | null {
  if (!getSettings(db, profileId).adaptation) return null
  return getAdapter(db, profileId, modelId)?.version ?? null
}

/** The corrections key of an entry or memo now (the JS side of the SQL twin below). */
export function targetCorrectionsKey(db: Db, target: ReadingTarget): string | null {
  const [column, id] = 'entryId' in target ? ['entry_id', target.entryId] : ['memo_id', target.memoId]
  const rows = db.prepare(`SELECT sentence_hash, emotion FROM reading_corrections WHERE ${column} = ?`).all(id) as { sentence_hash: string | null; emotion: never }[]
  return correctionsKey(rows.map((r) => ({ sentenceHash: r.sentence_hash, emotion: r.emotion })))
}

/** SQL for a target's corrections key now; `owner` is an SQL expression for the entry or memo id. */
export const correctionsKeySql = (column: 'entry_id' | 'memo_id', owner: string): string =>
  `(SELECT group_concat(k, ',' ORDER BY k) FROM (
      SELECT coalesce(substr(c.sentence_hash, 1, 16), 'memo') || ':' || c.emotion AS k FROM reading_corrections c WHERE c.${column} = ${owner}))`

/**
 * The same rule in SQL, in its two halves, each true when the analysis `cur` (a row alias of
 * `analyses`) is NOT current: it lacks the corrections its entry or memo has now, or (a text
 * reading) went through another adapter than `@adapterVersion`, the profile's `wantedAdapterVersion`.
 */
export const correctionsOutdatedSql = (cur: string): string =>
  `(${cur}.corrections_key IS NOT (CASE WHEN ${cur}.entry_id IS NOT NULL THEN ${correctionsKeySql('entry_id', `${cur}.entry_id`)} ELSE ${correctionsKeySql('memo_id', `${cur}.memo_id`)} END))`
export const adapterOutdatedSql = (cur: string): string => `(${cur}.source = 'text' AND ${cur}.adapter_version IS NOT @adapterVersion)`
export const personalOutdatedSql = (cur: string): string => `(${correctionsOutdatedSql(cur)} OR ${adapterOutdatedSql(cur)})`
