/**
 * The writer's own word (issue 12): the day's mood check-in (`moods.*`) and corrections of a
 * reading with the profile's adaptation (`corrections.*`).
 */
import { z } from 'zod'
import { CANONICAL_EMOTIONS } from '../emotions'
import { MOOD_INTENSITY_MAX, MOOD_INTENSITY_MIN, MOOD_VOCABULARY, emotionOfMoodWord } from '../moods/vocabulary'
import { ANALYSIS_SOURCES } from '../trends/sources'
import { entryTextAnalysisSchema } from './analysis-schemas'
import { memoAnalysisSchema } from './memos-schemas'
import { idSchema, isoDateSchema } from './schemas'
import { tagSchema } from './tags-schemas'

const emotionSchema = z.enum(CANONICAL_EMOTIONS)
const MAX_WORD = Math.max(...Object.values(MOOD_VOCABULARY).flatMap((words) => words.map((w) => w.word.length)))

export const dayMoodSchema = z.object({
  entryId: idSchema,
  profileId: idSchema,
  date: isoDateSchema,
  emotion: emotionSchema,
  /** A word of the check-in vocabulary (src/shared/moods/vocabulary.ts) under `emotion`, or null. */
  word: z.string().nullable(),
  intensity: z.number().int().min(MOOD_INTENSITY_MIN).max(MOOD_INTENSITY_MAX).nullable(),
  createdAt: z.string(),
  updatedAt: z.string()
})
export type DayMood = z.infer<typeof dayMoodSchema>

const moodInput = z
  .strictObject({
    profileId: idSchema,
    date: isoDateSchema,
    emotion: emotionSchema,
    word: z.string().trim().min(1).max(MAX_WORD).nullable().default(null),
    intensity: z.number().int().min(MOOD_INTENSITY_MIN).max(MOOD_INTENSITY_MAX).nullable().default(null)
  })
  .refine((m) => m.word === null || emotionOfMoodWord(m.word) === m.emotion, {
    message: 'the word is not one of the check-in words of that emotion',
    path: ['word']
  })

const rangeInput = z
  .strictObject({ profileId: idSchema, from: isoDateSchema, to: isoDateSchema, tag: tagSchema.optional() })
  .refine((r) => r.from <= r.to, { message: '`from` is after `to`', path: ['from'] })

/** "How well Haru reads me": the check-in against one reading, over the days that have both. */
export const agreementSchema = z.object({
  source: z.enum(ANALYSIS_SOURCES),
  /** Days in the range with a check-in and this reading. */
  days: z.number().int().nonnegative(),
  /** Days where the reading's dominant emotion is the checked-in one. */
  agreeing: z.number().int().nonnegative(),
  /** `confusion[self][reading]`: day counts, rows and columns in canonical order. */
  confusion: z.array(z.array(z.number().int().nonnegative()))
})
export type Agreement = z.infer<typeof agreementSchema>

export const moodsMethods = {
  /** Records (or changes) the day's check-in; a day with nothing yet gets its entry, as a voice memo does. */
  set: { input: moodInput, output: dayMoodSchema },
  get: { input: z.strictObject({ profileId: idSchema, date: isoDateSchema }), output: dayMoodSchema.nullable() },
  /** Removes the day's check-in (its entry stays). */
  clear: { input: z.strictObject({ profileId: idSchema, date: isoDateSchema }), output: z.object({ cleared: z.boolean() }) },
  list: { input: rangeInput, output: z.array(dayMoodSchema) },
  /** Agreement of the check-ins with the text, voice and combined readings over a range. */
  agreement: { input: rangeInput, output: z.object({ checkIns: z.number().int().nonnegative(), sources: z.array(agreementSchema) }) }
} as const

export const correctionSchema = z.object({
  id: idSchema,
  profileId: idSchema,
  date: isoDateSchema,
  kind: z.enum(['sentence', 'memo']),
  entryId: idSchema.nullable(),
  memoId: idSchema.nullable(),
  /** The corrected sentence and where it was when corrected (its anchor follows the text). */
  sentence: z.string().nullable(),
  start: z.number().int().nullable(),
  end: z.number().int().nullable(),
  /** The writer's emotion; NEUTRAL is "감정 없음". */
  emotion: emotionSchema,
  /** What the reading said when the writer corrected it. */
  modelEmotion: emotionSchema.nullable(),
  createdAt: z.string()
})
export type Correction = z.infer<typeof correctionSchema>

export const adaptationStatusSchema = z.object({
  /** The profile's setting (Settings → adaptation). */
  enabled: z.boolean(),
  /** Sentence corrections it can learn from. */
  corrections: z.number().int().nonnegative(),
  /** The adapter over the profile's current text model, if one was trained. */
  adapter: z
    .object({ modelId: z.string(), version: z.number().int().positive(), examples: z.number().int().nonnegative(), createdAt: z.string(), upToDate: z.boolean() })
    .nullable(),
  /** Training or re-reading the diary is under way in the background. */
  busy: z.boolean()
})
export type AdaptationStatus = z.infer<typeof adaptationStatusSchema>

export const correctionsMethods = {
  /** Corrects one highlighted sentence of an entry's current text analysis (offsets and text as shown). */
  setSentence: {
    input: z.strictObject({ entryId: idSchema, start: z.number().int().min(0), end: z.number().int().positive(), text: z.string().min(1), emotion: emotionSchema }),
    output: z.object({ correction: correctionSchema, analysis: entryTextAnalysisSchema })
  },
  /** Corrects a voice memo's result as a whole. */
  setMemo: {
    input: z.strictObject({ memoId: idSchema, emotion: emotionSchema }),
    output: z.object({ correction: correctionSchema, analysis: memoAnalysisSchema })
  },
  /** Undoes one correction: the reading goes back to the model's. */
  undo: {
    input: z.strictObject({ id: idSchema }),
    output: z.object({ removed: correctionSchema, entryAnalysis: entryTextAnalysisSchema.nullable(), memoAnalysis: memoAnalysisSchema.nullable() })
  },
  list: {
    input: z.strictObject({ profileId: idSchema, from: isoDateSchema.optional(), to: isoDateSchema.optional() }),
    output: z.array(correctionSchema)
  },
  adaptation: { input: z.strictObject({ profileId: idSchema }), output: adaptationStatusSchema }
} as const
