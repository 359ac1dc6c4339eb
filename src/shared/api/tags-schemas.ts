import { z } from 'zod'
import { isValidTag, MAX_TAG_LENGTH, MAX_TAGS_PER_ENTRY, normalizeTag } from '../trends/tags'
import { entrySummarySchema, idSchema, isoDateSchema } from './schemas'

/** A tag as typed; arrives normalised (see `normalizeTag`) or is refused. */
export const tagSchema = z
  .string()
  .max(MAX_TAG_LENGTH * 2, `tag is longer than ${MAX_TAG_LENGTH} characters`)
  .transform((raw) => normalizeTag(raw) ?? '')
  .refine((t) => t.length > 0, 'tag is empty')
  .refine((t) => t.length <= MAX_TAG_LENGTH, `tag is longer than ${MAX_TAG_LENGTH} characters`)
  .refine(isValidTag, 'tag may not contain a comma')

export const tagCountSchema = z.object({ tag: z.string(), count: z.number().int().nonnegative() })
export type TagCount = z.infer<typeof tagCountSchema>

export const tagsMethods = {
  list: { input: z.strictObject({ profileId: idSchema }), output: z.array(tagCountSchema) },
  get: { input: z.strictObject({ entryId: idSchema }), output: z.array(z.string()) },
  set: {
    input: z.strictObject({
      entryId: idSchema,
      tags: z.array(tagSchema).max(MAX_TAGS_PER_ENTRY, `an entry can have at most ${MAX_TAGS_PER_ENTRY} tags`)
    }),
    output: z.array(z.string())
  },
  entries: {
    input: z.strictObject({
      profileId: idSchema,
      tag: tagSchema,
      from: isoDateSchema.optional(),
      to: isoDateSchema.optional(),
      limit: z.number().int().min(1).max(1000).default(200),
      offset: z.number().int().min(0).default(0)
    }),
    output: z.array(entrySummarySchema)
  }
} as const
