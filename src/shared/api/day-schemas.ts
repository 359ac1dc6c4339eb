/**
 * The day page and History by month (issue 11 items 4, 5, 8): the day's emotion with what it
 * combines, the months that have entries, and clearing an entry's words while its memos stay.
 */
import { z } from 'zod'
import { CANONICAL_EMOTIONS } from '../emotions'
import { DAY_SOURCES } from '../trends/sources'
import { dayEmotionBriefSchema, entrySchema, idSchema, isoDateSchema } from './schemas'
import { tagSchema } from './tags-schemas'

const distributionSchema = z.object(Object.fromEntries(CANONICAL_EMOTIONS.map((e) => [e, z.number()])) as Record<(typeof CANONICAL_EMOTIONS)[number], z.ZodNumber>)

export const dayEmotionSchema = z.object({
  entryId: idSchema,
  entryDate: isoDateSchema,
  /** The day in one line, as History, search and the calendar show it; null when nothing is analysed. */
  headline: dayEmotionBriefSchema.nullable(),
  /** Every analysed source of the day with the analyses it averaged (the entry's own, then each memo's); `self` has no parts. */
  sources: z.array(
    z.object({
      source: z.enum(DAY_SOURCES),
      dominant: z.enum(CANONICAL_EMOTIONS),
      probs: distributionSchema,
      parts: z.array(z.object({ kind: z.enum(['entry', 'memo']), memoId: idSchema.nullable(), probs: distributionSchema }))
    })
  ),
  /** The writer's own check-in for the day (issue 12), the `self` source; absent without one. */
  mood: z.object({ emotion: z.enum(CANONICAL_EMOTIONS), word: z.string().nullable(), intensity: z.number().int().nullable() }).optional()
})
export type DayEmotion = z.infer<typeof dayEmotionSchema>

export const monthCountSchema = z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), count: z.number().int().positive() })
export type MonthCount = z.infer<typeof monthCountSchema>

export const entryDayMethods = {
  /** The day's emotion with its sources and parts (Today page). */
  day: { input: z.strictObject({ entryId: idSchema }), output: dayEmotionSchema },
  /** Months that have entries, newest first, with counts (History pages by month). */
  months: { input: z.strictObject({ profileId: idSchema, tag: tagSchema.optional() }), output: z.array(monthCountSchema) },
  /** Empties an entry that keeps its voice memos: the text and the text's own analyses go; memos stay. */
  clearText: { input: z.strictObject({ id: idSchema }), output: entrySchema }
} as const
