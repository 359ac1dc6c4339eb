import type { DomainHandlers } from '../../shared/api/contract'
import type { EntrySummary } from '../../shared/api/schemas'
import type { TagCount } from '../../shared/api/tags-schemas'
import { HaruApiError } from '../../shared/api/errors'
import { isValidTag, MAX_TAGS_PER_ENTRY } from '../../shared/trends/tags'
import type { HandlerContext } from '../api/handlers'
import type { Db } from '../db/open'
import { getEntry, PREVIEW_LENGTH, toEntrySummary, type EntrySummaryRow, type ListEntriesOptions } from './entries'
import { withDayMarks } from './day-marks'
import { getProfile } from './profiles'

/** An entry's tags, alphabetical. */
export function getEntryTags(db: Db, entryId: number): string[] {
  getEntry(db, entryId)
  return (db.prepare('SELECT tag FROM entry_tags WHERE entry_id = ? ORDER BY tag').all(entryId) as { tag: string }[]).map((r) => r.tag)
}

/** Replaces an entry's tags with `tags` (already normalised by the API schema) in one transaction. */
export function setEntryTags(db: Db, entryId: number, tags: readonly string[]): string[] {
  const unique = [...new Set(tags)]
  const bad = unique.find((t) => !isValidTag(t))
  if (bad !== undefined) throw HaruApiError.because('invalid-input', `"${bad}" is not a valid tag`, 'invalid-tag', { tag: bad })
  if (unique.length > MAX_TAGS_PER_ENTRY) throw HaruApiError.because('invalid-input', `an entry can have at most ${MAX_TAGS_PER_ENTRY} tags`, 'too-many-tags', { max: MAX_TAGS_PER_ENTRY })
  return db.transaction(() => {
    getEntry(db, entryId)
    db.prepare('DELETE FROM entry_tags WHERE entry_id = ?').run(entryId)
    const insert = db.prepare('INSERT INTO entry_tags (entry_id, tag) VALUES (?, ?)')
    for (const tag of unique) insert.run(entryId, tag)
    return getEntryTags(db, entryId)
  })()
}

/** Every tag the profile uses, most used first. */
export function listTags(db: Db, profileId: number): TagCount[] {
  getProfile(db, profileId)
  return db
    .prepare(
      `SELECT t.tag, count(*) AS count FROM entry_tags t JOIN entries e ON e.id = t.entry_id
        WHERE e.profile_id = ? GROUP BY t.tag ORDER BY count DESC, t.tag`
    )
    .all(profileId) as TagCount[]
}

/** The History list narrowed to one tag: same shape and order as `listEntries`. */
export function listEntriesByTag(db: Db, profileId: number, tag: string, opts: ListEntriesOptions): EntrySummary[] {
  getProfile(db, profileId)
  const rows = db
    .prepare(
      `SELECT e.id, e.profile_id, e.entry_date, e.created_at, e.updated_at,
              substr(e.text, 1, @preview) AS preview, length(e.text) AS length
         FROM entry_tags t JOIN entries e ON e.id = t.entry_id
        WHERE t.tag = @tag AND e.profile_id = @profileId
          AND (@from IS NULL OR e.entry_date >= @from)
          AND (@to IS NULL OR e.entry_date <= @to)
        ORDER BY e.entry_date DESC
        LIMIT @limit OFFSET @offset`
    )
    .all({ profileId, tag, from: opts.from ?? null, to: opts.to ?? null, limit: opts.limit, offset: opts.offset, preview: PREVIEW_LENGTH }) as EntrySummaryRow[]
  return withDayMarks(db, rows.map(toEntrySummary))
}

export const tagsHandlers: DomainHandlers<'tags', HandlerContext> = {
  list: ({ profileId }, { db }) => listTags(db, profileId),
  get: ({ entryId }, { db }) => getEntryTags(db, entryId),
  set: ({ entryId, tags }, { db }) => setEntryTags(db, entryId, tags),
  entries: ({ profileId, tag, ...opts }, { db }) => listEntriesByTag(db, profileId, tag, opts)
}
