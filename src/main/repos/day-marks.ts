import type { EntrySummary } from '../../shared/api/schemas'
import { CANONICAL_EMOTIONS, type CanonicalDistribution, type CanonicalEmotion } from '../../shared/emotions'
import { dayBrief, type DayEmotionBrief } from '../../shared/trends/day-emotion'
import type { DaySource } from '../../shared/trends/sources'
import type { Db } from '../db/open'

/**
 * The marks of a listed day (History, the tag filter): its emotion in one line, straight from
 * `analysis_daily` (kept by the same rule as src/shared/trends/day-emotion.ts), its memo count and
 * its tags, for a whole page of entries in three queries.
 */

const P = CANONICAL_EMOTIONS.map((e) => `p_${e.toLowerCase()}`)

/** The one-line day emotion of many entries at once, from `analysis_daily`. */
export function dayBriefs(db: Db, entryIds: readonly number[]): Map<number, DayEmotionBrief> {
  const rows = db
    .prepare(`SELECT entry_id, source, dominant, ${P.join(', ')} FROM analysis_daily WHERE entry_id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(entryIds)) as ({ entry_id: number; source: DaySource; dominant: CanonicalEmotion } & Record<string, number>)[]
  const byEntry = new Map<number, Map<DaySource, { dominant: CanonicalEmotion; probs: CanonicalDistribution }>>()
  for (const r of rows) {
    const probs = Object.fromEntries(CANONICAL_EMOTIONS.map((e, i) => [e, r[P[i]!]!])) as CanonicalDistribution
    if (!byEntry.has(r.entry_id)) byEntry.set(r.entry_id, new Map())
    byEntry.get(r.entry_id)!.set(r.source, { dominant: r.dominant, probs })
  }
  const out = new Map<number, DayEmotionBrief>()
  for (const [id, sources] of byEntry) {
    const brief = dayBrief(sources)
    if (brief) out.set(id, brief)
  }
  return out
}

/** History rows with the day's emotion, memo count and tags, fetched for the page's entries in three queries. */
export function withDayMarks(db: Db, rows: readonly Omit<EntrySummary, 'emotion' | 'memos' | 'tags'>[]): EntrySummary[] {
  const ids = JSON.stringify(rows.map((r) => r.id))
  const briefs = dayBriefs(
    db,
    rows.map((r) => r.id)
  )
  const memos = new Map(
    (db.prepare('SELECT entry_id, count(*) AS n FROM voice_memos WHERE entry_id IN (SELECT value FROM json_each(?)) GROUP BY entry_id').all(ids) as {
      entry_id: number
      n: number
    }[]).map((r) => [r.entry_id, r.n])
  )
  const tags = new Map<number, string[]>()
  for (const t of db.prepare('SELECT entry_id, tag FROM entry_tags WHERE entry_id IN (SELECT value FROM json_each(?)) ORDER BY tag').all(ids) as {
    entry_id: number
    tag: string
  }[]) {
    tags.set(t.entry_id, [...(tags.get(t.entry_id) ?? []), t.tag])
  }
  return rows.map((r) => ({ ...r, emotion: briefs.get(r.id) ?? null, memos: memos.get(r.id) ?? 0, tags: tags.get(r.id) ?? [] }))
}
