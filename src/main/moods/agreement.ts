import type { Agreement } from '../../shared/api/moods-schemas'
import { CANONICAL_EMOTIONS, type CanonicalEmotion } from '../../shared/emotions'
import { ANALYSIS_SOURCES } from '../../shared/trends/sources'
import type { Db } from '../db/open'
import { getProfile } from '../repos/profiles'

/**
 * "How well Haru reads me": for each reading (text, voice, combined), the days of the range that
 * have both a check-in and that reading, how many of them agree on the dominant emotion, and the
 * confusion table. One grouped query per source over `analysis_daily`, where the check-in is the
 * `self` row of the same day (migration 0008), so the figure is the one the calendar shows.
 */
export function moodAgreement(db: Db, q: { profileId: number; from: string; to: string; tag?: string | undefined }): { checkIns: number; sources: Agreement[] } {
  getProfile(db, q.profileId)
  const tag = q.tag ? ' AND s.entry_id IN (SELECT entry_id FROM entry_tags WHERE tag = @tag)' : ''
  const params = { profileId: q.profileId, from: q.from, to: q.to, ...(q.tag ? { tag: q.tag } : {}) }
  const checkIns = (
    db.prepare(`SELECT count(*) AS n FROM analysis_daily s WHERE s.profile_id = @profileId AND s.source = 'self' AND s.entry_date BETWEEN @from AND @to${tag}`).get(params) as {
      n: number
    }
  ).n
  const pairs = db.prepare(
    `SELECT s.dominant AS self, r.dominant AS reading, count(*) AS n
       FROM analysis_daily s
       JOIN analysis_daily r ON r.profile_id = s.profile_id AND r.source = @source AND r.entry_date = s.entry_date
      WHERE s.profile_id = @profileId AND s.source = 'self' AND s.entry_date BETWEEN @from AND @to${tag}
      GROUP BY s.dominant, r.dominant`
  )
  const sources = ANALYSIS_SOURCES.map((source) => {
    const confusion = CANONICAL_EMOTIONS.map(() => CANONICAL_EMOTIONS.map(() => 0))
    let days = 0
    let agreeing = 0
    for (const p of pairs.all({ ...params, source }) as { self: CanonicalEmotion; reading: CanonicalEmotion; n: number }[]) {
      confusion[CANONICAL_EMOTIONS.indexOf(p.self)]![CANONICAL_EMOTIONS.indexOf(p.reading)]! += p.n
      days += p.n
      if (p.self === p.reading) agreeing += p.n
    }
    return { source, days, agreeing, confusion }
  })
  return { checkIns, sources }
}
