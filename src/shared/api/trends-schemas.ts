import { z } from 'zod'
import { CANONICAL_EMOTIONS } from '../emotions'
import { daysFrom } from '../dates'
import { ANALYSIS_SOURCES, DAY_SOURCES, MAX_DAY_RANGE, type AnalysisSource, type DaySource } from '../trends/sources'
import { idSchema, isoDateSchema } from './schemas'
import { tagSchema } from './tags-schemas'

export { ANALYSIS_SOURCES, DAY_SOURCES, MAX_DAY_RANGE, type AnalysisSource, type DaySource }
export const TREND_BUCKETS = ['day', 'week', 'month', 'year'] as const

export const emotionSchema = z.enum(CANONICAL_EMOTIONS)
/** Trends, the calendar and search read any day source, the writer's own check-in (`self`) included. */
export const sourceSchema = z.enum(DAY_SOURCES)
export const distributionSchema = z.object(
  Object.fromEntries(CANONICAL_EMOTIONS.map((e) => [e, z.number()])) as Record<(typeof CANONICAL_EMOTIONS)[number], z.ZodNumber>
)

const rangeShape = {
  profileId: idSchema,
  from: isoDateSchema,
  to: isoDateSchema,
  source: sourceSchema.default('text'),
  tag: tagSchema.optional()
}
const ordered = (r: { from: string; to: string }) => r.from <= r.to
const ORDER_MESSAGE = { message: '`from` is after `to`', path: ['from'] }

const bucketStatsSchema = z.object({
  /** Days with an analysis of this source in the bucket. */
  days: z.number().int().nonnegative(),
  /** How many of those days each emotion was the dominant one. */
  counts: distributionSchema,
  /** Mean of the days' distributions (all zeros when there are no days). */
  mean: distributionSchema
})

export const trendSummarySchema = z.object({
  from: isoDateSchema,
  to: isoDateSchema,
  source: sourceSchema,
  bucket: z.enum(TREND_BUCKETS),
  /** Only buckets with at least one day, in date order; `start` is the bucket's first day. */
  buckets: z.array(bucketStatsSchema.extend({ start: isoDateSchema })),
  totals: bucketStatsSchema
})
export type TrendSummary = z.infer<typeof trendSummarySchema>

export const trendDaySchema = z.object({
  date: isoDateSchema,
  entryId: idSchema,
  dominant: emotionSchema,
  probs: distributionSchema,
  /** How many current analyses were averaged into the day. */
  analyses: z.number().int().positive()
})
export type TrendDay = z.infer<typeof trendDaySchema>

export const streakSchema = z.object({
  /** Days in a row with an entry, ending today (or yesterday, while today is still open). */
  current: z.number().int().nonnegative(),
  longest: z.number().int().nonnegative(),
  longestFrom: isoDateSchema.nullable(),
  longestTo: isoDateSchema.nullable(),
  totalDays: z.number().int().nonnegative(),
  firstEntryDate: isoDateSchema.nullable()
})
export type Streak = z.infer<typeof streakSchema>

const sideSchema = z.object({ dominant: emotionSchema, probs: distributionSchema })
export const disagreementSchema = z.object({
  date: isoDateSchema,
  entryId: idSchema,
  text: sideSchema,
  audio: sideSchema,
  /** Total variation distance between the two distributions: 0 = same, 1 = nothing in common. */
  distance: z.number()
})
export type Disagreement = z.infer<typeof disagreementSchema>

export const onThisDaySchema = z.object({
  entryId: idSchema,
  entryDate: isoDateSchema,
  preview: z.string(),
  monthsAgo: z.number().int().positive(),
  /** The day's emotion as everywhere else (src/shared/trends/day-emotion.ts): words first, then voice. */
  dominant: emotionSchema.nullable(),
  share: z.number().nullable()
})
export type OnThisDayItem = z.infer<typeof onThisDaySchema>

export const trendsMethods = {
  summary: {
    input: z.strictObject({ ...rangeShape, bucket: z.enum(TREND_BUCKETS).default('day') }).refine(ordered, ORDER_MESSAGE),
    output: trendSummarySchema
  },
  days: {
    input: z
      .strictObject(rangeShape)
      .refine(ordered, ORDER_MESSAGE)
      .refine((r) => daysFrom(r.from, r.to) < MAX_DAY_RANGE, { message: `day-by-day ranges are limited to ${MAX_DAY_RANGE} days; use trends.summary`, path: ['to'] }),
    output: z.array(trendDaySchema)
  },
  streak: {
    input: z.strictObject({ profileId: idSchema, today: isoDateSchema }),
    output: streakSchema
  },
  disagreements: {
    input: z
      .strictObject({
        profileId: idSchema,
        from: isoDateSchema,
        to: isoDateSchema,
        tag: tagSchema.optional(),
        limit: z.number().int().min(1).max(100).default(10)
      })
      .refine(ordered, ORDER_MESSAGE),
    output: z.array(disagreementSchema)
  },
  onThisDay: {
    input: z.strictObject({ profileId: idSchema, date: isoDateSchema, limit: z.number().int().min(1).max(100).default(12) }),
    output: z.array(onThisDaySchema)
  }
} as const
