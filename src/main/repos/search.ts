import type { DomainHandlers } from '../../shared/api/contract'
import { HaruApiError } from '../../shared/api/errors'
import type { SearchHit, SearchResult } from '../../shared/api/search-schemas'
import type { CanonicalEmotion } from '../../shared/emotions'
import { buildSnippet, findHits, ftsPhrase, isIndexedTerm, likePattern, parseQuery } from '../../shared/trends/search-text'
import type { DaySource } from '../../shared/trends/sources'
import type { HandlerContext } from '../api/handlers'
import type { Db } from '../db/open'
import { getProfile } from './profiles'
import { CANONICAL_EMOTIONS as EMOTIONS } from '../../shared/emotions'

/** The dominant emotion's share of an `analysis_daily` row `d`. */
const SHARE_SQL = `CASE d.dominant ${EMOTIONS.map((e) => `WHEN '${e}' THEN d.p_${e.toLowerCase()}`).join(' ')} END`

export interface SearchQuery {
  profileId: number
  query: string
  from?: string | undefined
  to?: string | undefined
  emotion?: CanonicalEmotion | undefined
  source: DaySource
  tag?: string | undefined
  limit: number
  offset: number
}

/**
 * Full-text search over entry text and voice-memo transcripts.
 *
 * Terms of three or more characters go through the FTS5 trigram index (`entry_search`, one row
 * per entry holding its text and transcripts), which matches any substring, so `행복` inside
 * `행복했던` is found once the query has three syllables, e.g. `행복했`. The trigram index cannot
 * answer one- or two-character terms (it has no shorter tokens), so those fall back to
 * `LIKE '%term%'` on `entries.text` and `voice_memos.transcript` under the same filters; that is a
 * scan of the profile's entries, which is fine for a diary and is reported as `mode`.
 * Several terms must all match (AND), anywhere in the entry's text or transcripts. Newest first.
 * Without a search text the filters alone choose (every 기쁨 day, a tag, a date range), and the
 * snippet is the start of the entry.
 */
export function searchEntries(db: Db, q: SearchQuery): SearchResult {
  getProfile(db, q.profileId)
  const terms = parseQuery(q.query)
  const filtered = Boolean(q.from || q.to || q.emotion || q.tag)
  if (terms.length === 0 && !filtered) throw new HaruApiError('invalid-input', 'search text is empty and no filter was given')
  const indexed = terms.filter(isIndexedTerm)
  const short = terms.filter((t) => !isIndexedTerm(t))
  const mode: SearchResult['mode'] = short.length === 0 ? 'fts' : indexed.length === 0 ? 'like' : 'mixed'

  const where = ['e.profile_id = @profileId']
  const params: Record<string, string | number> = { profileId: q.profileId, source: q.source }
  if (q.from) (where.push('e.entry_date >= @from'), (params.from = q.from))
  if (q.to) (where.push('e.entry_date <= @to'), (params.to = q.to))
  if (indexed.length > 0) {
    where.push('e.id IN (SELECT rowid FROM entry_search WHERE entry_search MATCH @match)')
    params.match = indexed.map(ftsPhrase).join(' AND ')
  }
  short.forEach((term, i) => {
    where.push(
      `(e.text LIKE @like${i} ESCAPE '\\' OR EXISTS (SELECT 1 FROM voice_memos m WHERE m.entry_id = e.id AND m.transcript LIKE @like${i} ESCAPE '\\'))`
    )
    params[`like${i}`] = likePattern(term)
  })
  if (q.emotion) {
    where.push('EXISTS (SELECT 1 FROM analysis_daily d WHERE d.entry_id = e.id AND d.source = @source AND d.dominant = @emotion)')
    params.emotion = q.emotion
  }
  if (q.tag) (where.push('e.id IN (SELECT entry_id FROM entry_tags WHERE tag = @tag)'), (params.tag = q.tag))
  const whereSql = where.join(' AND ')

  const total = (db.prepare(`SELECT count(*) AS n FROM entries e WHERE ${whereSql}`).get(params) as { n: number }).n
  const rows = db
    .prepare(
      `SELECT e.id, e.entry_date, e.text, d.dominant, ${SHARE_SQL} AS share
         FROM entries e LEFT JOIN analysis_daily d ON d.entry_id = e.id AND d.source = @source
        WHERE ${whereSql}
        ORDER BY e.entry_date DESC LIMIT @limit OFFSET @offset`
    )
    .all({ ...params, limit: q.limit, offset: q.offset }) as { id: number; entry_date: string; text: string; dominant: CanonicalEmotion | null; share: number | null }[]

  const ids = JSON.stringify(rows.map((r) => r.id))
  const transcripts = new Map<number, string[]>()
  for (const m of db
    .prepare('SELECT entry_id, transcript FROM voice_memos WHERE entry_id IN (SELECT value FROM json_each(?)) AND transcript IS NOT NULL ORDER BY id')
    .all(ids) as { entry_id: number; transcript: string }[]) {
    transcripts.set(m.entry_id, [...(transcripts.get(m.entry_id) ?? []), m.transcript])
  }
  const tags = new Map<number, string[]>()
  for (const t of db.prepare('SELECT entry_id, tag FROM entry_tags WHERE entry_id IN (SELECT value FROM json_each(?)) ORDER BY tag').all(ids) as {
    entry_id: number
    tag: string
  }[]) {
    tags.set(t.entry_id, [...(tags.get(t.entry_id) ?? []), t.tag])
  }

  const hits: SearchHit[] = rows.map((r) => {
    const spoken = transcripts.get(r.id) ?? []
    const inText = findHits(r.text, terms).length > 0
    const spokenHit = spoken.find((s) => findHits(s, terms).length > 0)
    const matchedIn: SearchHit['matchedIn'] = []
    if (inText) matchedIn.push('text')
    if (spokenHit !== undefined) matchedIn.push('transcript')
    // No words searched (filters only): show the start of the entry, or of its first transcript on a memo-only day.
    const plain = terms.length === 0 && !r.text.trim() && spoken[0] ? spoken[0] : r.text
    return {
      entryId: r.id,
      entryDate: r.entry_date,
      snippet: buildSnippet(inText || spokenHit === undefined ? plain : spokenHit, terms),
      matchedIn,
      dominant: r.dominant,
      share: r.share,
      tags: tags.get(r.id) ?? []
    }
  })
  return { mode, terms, total, hits }
}

export const searchHandlers: DomainHandlers<'search', HandlerContext> = {
  entries: (input, { db }) => searchEntries(db, input)
}
