import type { Entry, EntrySummary } from '../../shared/api/schemas'
import { HaruApiError } from '../../shared/api/errors'
import type { Db } from '../db/open'
import { withDayMarks } from './day-marks'
import { getProfile } from './profiles'

interface EntryRow {
  id: number
  profile_id: number
  entry_date: string
  text: string
  created_at: string
  updated_at: string
}

/** Characters of text shown in the History list; the rest is loaded when the entry opens. */
export const PREVIEW_LENGTH = 120

const toEntry = (r: EntryRow): Entry => ({
  id: r.id,
  profileId: r.profile_id,
  entryDate: r.entry_date,
  text: r.text,
  createdAt: r.created_at,
  updatedAt: r.updated_at
})

/** A list row: the entry without its text, plus a preview cut in SQL and the full length. */
export type EntrySummaryRow = Omit<EntryRow, 'text'> & { preview: string; length: number }

/** A list row before its marks (day emotion, memos, tags: `withDayMarks`) are added. */
export const toEntrySummary = (r: EntrySummaryRow): Omit<EntrySummary, 'emotion' | 'memos' | 'tags'> => ({
  id: r.id,
  profileId: r.profile_id,
  entryDate: r.entry_date,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  preview: r.preview,
  length: r.length
})

export interface ListEntriesOptions {
  from?: string | undefined
  to?: string | undefined
  limit: number
  offset: number
}

/** Newest day first, with each day's marks; previews are cut in SQL so a long diary never loads whole texts for a list. */
export function listEntries(db: Db, profileId: number, opts: ListEntriesOptions): EntrySummary[] {
  getProfile(db, profileId)
  const rows = db
    .prepare(
      `SELECT id, profile_id, entry_date, created_at, updated_at,
              substr(text, 1, @preview) AS preview, length(text) AS length
         FROM entries
        WHERE profile_id = @profileId
          AND (@from IS NULL OR entry_date >= @from)
          AND (@to IS NULL OR entry_date <= @to)
        ORDER BY entry_date DESC
        LIMIT @limit OFFSET @offset`
    )
    .all({ profileId, from: opts.from ?? null, to: opts.to ?? null, limit: opts.limit, offset: opts.offset, preview: PREVIEW_LENGTH }) as EntrySummaryRow[]
  return withDayMarks(db, rows.map(toEntrySummary))
}

export function getEntry(db: Db, id: number): Entry {
  const row = db.prepare('SELECT * FROM entries WHERE id = ?').get(id) as EntryRow | undefined
  if (!row) throw new HaruApiError('not-found', `no entry with id ${id}`)
  return toEntry(row)
}

export function getEntryByDate(db: Db, profileId: number, entryDate: string): Entry | null {
  getProfile(db, profileId)
  const row = db.prepare('SELECT * FROM entries WHERE profile_id = ? AND entry_date = ?').get(profileId, entryDate) as
    | EntryRow
    | undefined
  return row ? toEntry(row) : null
}

/** One entry per profile and day: a second create for the same day is a conflict, not a duplicate. */
export function createEntry(db: Db, profileId: number, entryDate: string, text: string): Entry {
  getProfile(db, profileId)
  if (getEntryByDate(db, profileId, entryDate)) {
    throw HaruApiError.because('conflict', `there is already an entry for ${entryDate}; open it to edit`, 'entry-exists', { date: entryDate })
  }
  const now = new Date().toISOString()
  const row = db
    .prepare('INSERT INTO entries (profile_id, entry_date, text, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING *')
    .get(profileId, entryDate, text, now, now) as EntryRow
  return toEntry(row)
}

export function updateEntryText(db: Db, id: number, text: string): Entry {
  const row = db
    .prepare('UPDATE entries SET text = ?, updated_at = ? WHERE id = ? RETURNING *')
    .get(text, new Date().toISOString(), id) as EntryRow | undefined
  if (!row) throw new HaruApiError('not-found', `no entry with id ${id}`)
  return toEntry(row)
}

/** Deletes the entry and, through the schema's cascades, its memos and analyses. */
export function deleteEntry(db: Db, id: number): void {
  const result = db.prepare('DELETE FROM entries WHERE id = ?').run(id)
  if (result.changes === 0) throw new HaruApiError('not-found', `no entry with id ${id}`)
}
