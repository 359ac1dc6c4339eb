/**
 * Everything a reflection is made from, read from the writer's own data with SQL over indexed
 * ranges: the period's entries (`entries (profile_id, entry_date)`), their day readings
 * (`analysis_daily`, clustered on profile, source, day), their sentence readings (one indexed
 * lookup per entry), tags, the day before's totals, and the writer's all-time average from the
 * monthly roll-up. Nothing here reads the whole diary.
 */
import type { Disagreement } from '../../shared/api/trends-schemas'
import { CANONICAL_EMOTIONS, type CanonicalDistribution } from '../../shared/emotions'
import { previousPeriod, type Period } from '../../shared/reflect/period'
import { ALL_TIME_FROM } from '../../shared/trends/date-ranges'
import type { Db } from '../db/open'
import { moodAgreement } from '../moods/agreement'
import { disagreements, trendSummary } from '../repos/trends'
import { readSentenceReadings, type PeriodEntry, type SentenceReading } from './sentence-readings'

export type ReflectionSource = 'text' | 'fused'

export interface DayReading {
  date: string
  entryId: number
  probs: CanonicalDistribution
}

export interface ReflectionMaterial {
  profileId: number
  period: Period
  previous: Period
  source: ReflectionSource
  entries: PeriodEntry[]
  /** Day readings of `source` in the period and the one before (date order). */
  days: DayReading[]
  previousDays: DayReading[]
  sentences: SentenceReading[]
  unreadEntryIds: number[]
  staleEntryIds: number[]
  tagsByEntry: Map<number, string[]>
  /** Mean day reading over every analysed day up to the period's end. */
  average: { days: number; mean: CanonicalDistribution }
  previousWriting: { days: number; characters: number }
  /** Days in the period with both a text and a voice reading, most different first (at most 5). */
  wordsVsVoice: { daysWithBoth: number; top: Disagreement[] }
  /** Days in a row with an entry ending on the period's last day. */
  streakAtEnd: number
  /** The writer's check-ins in the period against each reading (issue 12's "how well Haru reads me"). */
  selfAgreement: ReturnType<typeof moodAgreement>
}

const P = CANONICAL_EMOTIONS.map((e) => `p_${e.toLowerCase()}`)

function dayReadings(db: Db, profileId: number, source: ReflectionSource, p: { from: string; to: string }): DayReading[] {
  const rows = db
    .prepare(
      `SELECT entry_date, entry_id, ${P.join(', ')} FROM analysis_daily
        WHERE profile_id = ? AND source = ? AND entry_date BETWEEN ? AND ? ORDER BY entry_date`
    )
    .all(profileId, source, p.from, p.to) as Record<string, number | string>[]
  return rows.map((r) => ({
    date: r.entry_date as string,
    entryId: r.entry_id as number,
    probs: Object.fromEntries(CANONICAL_EMOTIONS.map((e, i) => [e, r[P[i]!] as number])) as CanonicalDistribution
  }))
}

function periodEntries(db: Db, profileId: number, p: { from: string; to: string }): PeriodEntry[] {
  return db
    .prepare(
      `SELECT id, entry_date AS date, text, updated_at AS updatedAt FROM entries
        WHERE profile_id = ? AND entry_date BETWEEN ? AND ? ORDER BY entry_date`
    )
    .all(profileId, p.from, p.to) as PeriodEntry[]
}

function tagsOf(db: Db, entryIds: readonly number[]): Map<number, string[]> {
  const rows = db
    .prepare('SELECT entry_id, tag FROM entry_tags WHERE entry_id IN (SELECT value FROM json_each(?)) ORDER BY tag')
    .all(JSON.stringify(entryIds)) as { entry_id: number; tag: string }[]
  const out = new Map<number, string[]>()
  for (const r of rows) out.set(r.entry_id, [...(out.get(r.entry_id) ?? []), r.tag])
  return out
}

/** Walks back one day at a time through the (profile, date) index: as many lookups as the run is long. */
function runEndingOn(db: Db, profileId: number, day: string): number {
  const row = db
    .prepare(
      `WITH RECURSIVE run(d) AS (
         SELECT entry_date FROM entries WHERE profile_id = @profileId AND entry_date = @day
         UNION ALL
         SELECT e.entry_date FROM run JOIN entries e ON e.profile_id = @profileId AND e.entry_date = date(run.d, '-1 day')
       ) SELECT count(*) AS n FROM run`
    )
    .get({ profileId, day }) as { n: number }
  return row.n
}

export function readReflectionMaterial(db: Db, profileId: number, period: Period, source: ReflectionSource): ReflectionMaterial {
  const previous = previousPeriod(period)
  const entries = periodEntries(db, profileId, period)
  const readings = readSentenceReadings(db, entries)
  const prev = db
    .prepare('SELECT count(*) AS days, coalesce(sum(length(text)), 0) AS characters FROM entries WHERE profile_id = ? AND entry_date BETWEEN ? AND ?')
    .get(profileId, previous.from, previous.to) as { days: number; characters: number }
  const average = trendSummary(db, { profileId, from: ALL_TIME_FROM, to: period.to, source, bucket: 'year' }).totals
  const both = db
    .prepare(
      `SELECT count(*) AS n FROM analysis_daily t JOIN analysis_daily a
          ON a.profile_id = t.profile_id AND a.source = 'audio' AND a.entry_date = t.entry_date
        WHERE t.profile_id = ? AND t.source = 'text' AND t.entry_date BETWEEN ? AND ?`
    )
    .get(profileId, period.from, period.to) as { n: number }
  return {
    profileId,
    period,
    previous,
    source,
    entries,
    days: dayReadings(db, profileId, source, period),
    previousDays: dayReadings(db, profileId, source, previous),
    sentences: readings.sentences,
    unreadEntryIds: readings.unread,
    staleEntryIds: readings.stale,
    tagsByEntry: tagsOf(
      db,
      entries.map((e) => e.id)
    ),
    average: { days: average.days, mean: average.mean },
    previousWriting: prev,
    wordsVsVoice: {
      daysWithBoth: both.n,
      top: both.n > 0 ? disagreements(db, { profileId, from: period.from, to: period.to, limit: 5 }) : []
    },
    streakAtEnd: runEndingOn(db, profileId, period.to),
    selfAgreement: moodAgreement(db, { profileId, from: period.from, to: period.to })
  }
}
