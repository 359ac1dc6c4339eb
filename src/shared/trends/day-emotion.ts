/**
 * "One day, one answer": how a day's emotion is stated everywhere it is shown (Today, the calendar,
 * History, search, On This Day, the Markdown export).
 *
 * The rule is the one `analysis_daily` keeps by trigger (migration 0002, README "Where a day's
 * emotion comes from"): for a day and a source, take the current analysis of the entry itself and
 * of each of its voice memos, average their distributions with equal weight, and call the largest
 * mean dominant (ties to the earlier emotion in canonical order). `combineDay` is that rule in
 * TypeScript; a test holds it equal to the SQL on random days.
 *
 * Where a view does not choose a source, the writer's own check-in (`self`) states the day: the
 * writer has the last word. Without one, the day is read from its words (the entry's text and the
 * memos' transcripts: source `text`, the same default the calendar and search use), and from the
 * voice when nothing was written or transcribed.
 */
import { CANONICAL_EMOTIONS, dominantEmotion, type CanonicalDistribution, type CanonicalEmotion } from '../emotions'
import type { DaySource } from './sources'

export interface CombinedDay {
  dominant: CanonicalEmotion
  probs: CanonicalDistribution
  /** How many analyses were averaged. */
  analyses: number
}

/** A stored distribution counts only when it has a positive total (as the SQL's VALID check). */
export function isDistribution(d: CanonicalDistribution): boolean {
  return CANONICAL_EMOTIONS.reduce((n, e) => n + (Number.isFinite(d[e]) ? d[e] : 0), 0) > 0
}

/** Equal-weight mean of the parts' distributions; null when no part is a distribution. */
export function combineDay(parts: readonly CanonicalDistribution[]): CombinedDay | null {
  const valid = parts.filter(isDistribution)
  if (valid.length === 0) return null
  const probs = Object.fromEntries(CANONICAL_EMOTIONS.map((e) => [e, valid.reduce((n, p) => n + (p[e] ?? 0), 0) / valid.length])) as CanonicalDistribution
  return { dominant: dominantEmotion(probs), probs, analyses: valid.length }
}

/** The sources a day is read from when a view does not choose, in order of preference. */
export const DAY_SOURCE_PREFERENCE: readonly DaySource[] = ['self', 'text', 'audio']

/** Which of the day's analysed sources states "the day": its words first, else its voice. */
export function pickDaySource(available: Iterable<DaySource>): DaySource | null {
  const have = new Set(available)
  return DAY_SOURCE_PREFERENCE.find((s) => have.has(s)) ?? null
}

/** The day in one line: the emotion, its share of the day's mean, and which source says so. */
export interface DayEmotionBrief {
  source: DaySource
  dominant: CanonicalEmotion
  share: number
}

/** The brief of a day from its per-source rows (as `analysis_daily` stores them, or `combineDay` gives). */
export function dayBrief(rows: ReadonlyMap<DaySource, { dominant: CanonicalEmotion; probs: CanonicalDistribution }>): DayEmotionBrief | null {
  const source = pickDaySource(rows.keys())
  if (!source) return null
  const row = rows.get(source)!
  return { source, dominant: row.dominant, share: row.probs[row.dominant] }
}
