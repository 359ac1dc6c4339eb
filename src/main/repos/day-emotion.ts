import type { DomainHandlers } from '../../shared/api/contract'
import type { DayEmotion, MonthCount } from '../../shared/api/day-schemas'
import type { Entry } from '../../shared/api/schemas'
import { CANONICAL_EMOTIONS, type CanonicalDistribution, type CanonicalEmotion } from '../../shared/emotions'
import { combineDay, dayBrief, isDistribution } from '../../shared/trends/day-emotion'
import { ANALYSIS_SOURCES, type AnalysisSource, type DaySource } from '../../shared/trends/sources'
import { oneHot } from '../corrections/apply'
import { moodOfEntry } from '../moods/mood-repo'
import type { HandlerContext } from '../api/handlers'
import type { Db } from '../db/open'
import { getEntry } from './entries'
import { getProfile } from './profiles'

/**
 * The day's emotion (src/shared/trends/day-emotion.ts) in full, with the analyses it averaged, for
 * the Today page (lists read it in one line: day-marks.ts); History's months; clearing an entry.
 */

interface AnalysisRow {
  entry_id: number | null
  memo_id: number | null
  source: AnalysisSource
  canonical_json: string
}

function parseDistribution(json: string): CanonicalDistribution | null {
  try {
    const raw = JSON.parse(json) as Record<string, unknown>
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null
    const d = Object.fromEntries(CANONICAL_EMOTIONS.map((e) => [e, typeof raw[e] === 'number' ? (raw[e] as number) : Number(raw[e] ?? 0) || 0])) as CanonicalDistribution
    return isDistribution(d) ? d : null
  } catch {
    return null
  }
}

/** The day with every source it has and, per source, the current analysis of the entry and of each memo. */
export function dayEmotion(db: Db, entryId: number): DayEmotion {
  const entry = getEntry(db, entryId)
  // Newest first, so the first valid row per (target, source) is the current one, as in the SQL rule.
  const rows = db
    .prepare(
      `SELECT a.entry_id, a.memo_id, a.source, a.canonical_json FROM analyses a
        LEFT JOIN voice_memos m ON m.id = a.memo_id
        WHERE a.entry_id = @id OR m.entry_id = @id
        ORDER BY a.created_at DESC, a.id DESC`
    )
    .all({ id: entryId }) as AnalysisRow[]
  const memoOrder = db.prepare('SELECT id FROM voice_memos WHERE entry_id = ? ORDER BY created_at, id').pluck().all(entryId) as number[]
  const current = new Map<string, { memoId: number | null; probs: CanonicalDistribution }>()
  for (const r of rows) {
    const key = `${r.source}:${r.memo_id ?? 'entry'}`
    if (current.has(key)) continue
    const probs = parseDistribution(r.canonical_json)
    if (probs) current.set(key, { memoId: r.memo_id, probs })
  }
  const sources: DayEmotion['sources'] = []
  const bySource = new Map<DaySource, { dominant: CanonicalEmotion; probs: CanonicalDistribution }>()
  for (const source of ANALYSIS_SOURCES) {
    const parts = [null, ...memoOrder]
      .map((memoId) => current.get(`${source}:${memoId ?? 'entry'}`))
      .filter((p): p is { memoId: number | null; probs: CanonicalDistribution } => p !== undefined)
      .map((p) => ({ kind: p.memoId === null ? ('entry' as const) : ('memo' as const), memoId: p.memoId, probs: p.probs }))
    const combined = combineDay(parts.map((p) => p.probs))
    if (!combined) continue
    sources.push({ source, dominant: combined.dominant, probs: combined.probs, parts })
    bySource.set(source, combined)
  }
  // The writer's check-in is a source of its own (one-hot), the one the day's headline prefers.
  const mood = moodOfEntry(db, entryId)
  if (mood) {
    const self = { dominant: mood.emotion, probs: oneHot(mood.emotion) }
    sources.push({ source: 'self', ...self, parts: [] })
    bySource.set('self', self)
  }
  return {
    entryId,
    entryDate: entry.entryDate,
    headline: dayBrief(bySource),
    sources,
    ...(mood ? { mood: { emotion: mood.emotion, word: mood.word, intensity: mood.intensity } } : {})
  }
}

/** Months with entries (optionally with a tag), newest first: History's pages. */
export function entryMonths(db: Db, profileId: number, tag?: string): MonthCount[] {
  getProfile(db, profileId)
  return db
    .prepare(
      `SELECT substr(entry_date, 1, 7) AS month, count(*) AS count FROM entries
        WHERE profile_id = @profileId AND (@tag IS NULL OR id IN (SELECT entry_id FROM entry_tags WHERE tag = @tag))
        GROUP BY month ORDER BY month DESC`
    )
    .all({ profileId, tag: tag ?? null }) as MonthCount[]
}

/**
 * Empties an entry whose day keeps voice memos: the text goes (the search index follows by trigger)
 * and so do the analyses of that text (the day's trend rows follow by trigger), so nothing shows
 * words the writer removed. A day without memos is deleted instead (`entries.delete`).
 */
export function clearEntryText(db: Db, id: number): Entry {
  return db.transaction(() => {
    getEntry(db, id)
    db.prepare('DELETE FROM analyses WHERE entry_id = ?').run(id)
    db.prepare('UPDATE entries SET text = ?, updated_at = ? WHERE id = ?').run('', new Date().toISOString(), id)
    return getEntry(db, id)
  })()
}

export const entryDayHandlers: Pick<DomainHandlers<'entries', HandlerContext>, 'day' | 'months' | 'clearText'> = {
  day: ({ entryId }, { db }) => dayEmotion(db, entryId),
  months: ({ profileId, tag }, { db }) => entryMonths(db, profileId, tag),
  clearText: ({ id }, { db }) => clearEntryText(db, id)
}
