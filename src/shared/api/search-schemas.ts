import { z } from 'zod'
import { idSchema, isoDateSchema } from './schemas'
import { tagSchema } from './tags-schemas'
import { emotionSchema, sourceSchema } from './trends-schemas'

export const MAX_QUERY_LENGTH = 200

export const searchHitSchema = z.object({
  entryId: idSchema,
  entryDate: isoDateSchema,
  /** Around the first match, split into plain and matched parts (the UI marks `hit` parts). */
  snippet: z.object({
    parts: z.array(z.object({ text: z.string(), hit: z.boolean() })),
    cutStart: z.boolean(),
    cutEnd: z.boolean(),
    hits: z.number().int().nonnegative()
  }),
  /** Where the terms were found: the entry's own text, a voice memo's transcript, or both. */
  matchedIn: z.array(z.enum(['text', 'transcript'])),
  dominant: emotionSchema.nullable(),
  /** The dominant emotion's share of the day (of the searched source), as the calendar shows it. */
  share: z.number().nullable(),
  tags: z.array(z.string())
})
export type SearchHit = z.infer<typeof searchHitSchema>

export const searchResultSchema = z.object({
  /** `fts`: every term used the trigram index; `like`: every term had 1–2 characters; `mixed`: both. */
  mode: z.enum(['fts', 'like', 'mixed']),
  terms: z.array(z.string()),
  total: z.number().int().nonnegative(),
  hits: z.array(searchHitSchema)
})
export type SearchResult = z.infer<typeof searchResultSchema>

export const searchMethods = {
  entries: {
    input: z
      .strictObject({
        profileId: idSchema,
        /** Optional: without a word, the filters alone choose the entries (e.g. every 기쁨 day). */
        query: z
          .string()
          .trim()
          .max(MAX_QUERY_LENGTH, `search text is longer than ${MAX_QUERY_LENGTH} characters`)
          // FTS5 reads a NUL as the end of its query string ("unterminated string"); no diary text holds one to find.
          .refine((q) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(q), 'search text contains a control character (such as NUL)')
          .default(''),
        from: isoDateSchema.optional(),
        to: isoDateSchema.optional(),
        emotion: emotionSchema.optional(),
        /** Which analysis the emotion filter (and the shown emotion) reads. */
        source: sourceSchema.default('text'),
        tag: tagSchema.optional(),
        limit: z.number().int().min(1).max(200).default(50),
        offset: z.number().int().min(0).default(0)
      })
      .refine((r) => !r.from || !r.to || r.from <= r.to, { message: '`from` is after `to`', path: ['from'] })
      .refine((r) => r.query !== '' || Boolean(r.from || r.to || r.emotion || r.tag), {
        message: 'search text is empty and no filter was given (dates, emotion or tag)',
        path: ['query']
      }),
    output: searchResultSchema
  }
} as const
