import { z } from 'zod'

import { CANONICAL_EMOTIONS } from '../emotions'
import { DAY_SOURCES } from '../trends/sources'
import { GENDER_HINTS, MAX_ENTRY_TEXT_LENGTH, MAX_PROFILE_NAME_LENGTH } from './limits'

export { GENDER_HINTS, MAX_ENTRY_TEXT_LENGTH, MAX_PROFILE_NAME_LENGTH, type GenderHint } from './limits'

function isRealCalendarDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number]
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}

/** A calendar day as `YYYY-MM-DD` (the writer's local day, never a timestamp). */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date must look like YYYY-MM-DD')
  .refine(isRealCalendarDate, 'date is not a real calendar day')

export const idSchema = z.number().int().positive()

export const profileNameSchema = z
  .string()
  .trim()
  .min(1, 'profile name is empty')
  .max(MAX_PROFILE_NAME_LENGTH, `profile name is longer than ${MAX_PROFILE_NAME_LENGTH} characters`)

export const entryTextSchema = z
  .string()
  .max(MAX_ENTRY_TEXT_LENGTH, `entry text is longer than ${MAX_ENTRY_TEXT_LENGTH.toLocaleString('en')} characters`)
  .refine((t) => t.trim().length > 0, 'entry text is empty')

export const profileSchema = z.object({
  id: idSchema,
  name: z.string(),
  gender: z.enum(GENDER_HINTS),
  createdAt: z.string()
})
export type Profile = z.infer<typeof profileSchema>

export const entrySchema = z.object({
  id: idSchema,
  profileId: idSchema,
  entryDate: isoDateSchema,
  text: z.string(),
  createdAt: z.string(),
  updatedAt: z.string()
})
export type Entry = z.infer<typeof entrySchema>

/** The day's emotion in one line (src/shared/trends/day-emotion.ts): which source says it, and its share. */
export const dayEmotionBriefSchema = z.object({
  source: z.enum(DAY_SOURCES),
  dominant: z.enum(CANONICAL_EMOTIONS),
  share: z.number()
})

/** What the History list needs: the day, a preview, the size, the day's emotion and its marks; not the whole text. */
export const entrySummarySchema = entrySchema.omit({ text: true }).extend({
  preview: z.string(),
  length: z.number().int().nonnegative(),
  emotion: dayEmotionBriefSchema.nullable(),
  /** Voice memos of the day. */
  memos: z.number().int().nonnegative(),
  tags: z.array(z.string())
})
export type EntrySummary = z.infer<typeof entrySummarySchema>
