/**
 * Reflections (issue 15): a look back at a week or a month, built offline from the writer's own
 * entries and the readings stored with them. A reflection is a list of sections; each section
 * carries its statements as plain sentences in both languages (so any section, including one a
 * later feature adds, can be shown or exported without knowing its kind) plus the structured
 * figures behind them (so the page can draw them and tests can check them).
 */
import { z } from 'zod'
import { ANALYSIS_SOURCES } from '../trends/sources'
import { PERIOD_KINDS, parsePeriodKey } from '../reflect/period'
import { idSchema, isoDateSchema } from './schemas'
import { distributionSchema, emotionSchema, sourceSchema } from './trends-schemas'

export const localizedSchema = z.object({ ko: z.string(), en: z.string() })
export type Localized = z.infer<typeof localizedSchema>

export const periodKeySchema = z
  .string()
  .refine((k) => parsePeriodKey(k) !== null, {
    error: (issue) => `"${String(issue.input).slice(0, 20)}" is not an existing ISO week like 2026-W48 or a month like 2026-11`
  })

export const periodSchema = z.object({ kind: z.enum(PERIOD_KINDS), key: z.string(), from: isoDateSchema, to: isoDateSchema })

const sectionBase = {
  title: localizedSchema,
  /** What the section says, in order, as template sentences with the numbers filled in. */
  statements: z.array(localizedSchema)
}

const emotionShareSchema = z.object({ emotion: emotionSchema, share: z.number() })

export const mixSectionSchema = z.object({
  kind: z.literal('mix'),
  ...sectionBase,
  /** Analysed days in the period and the one before. */
  days: z.number().int().nonnegative(),
  previousDays: z.number().int().nonnegative(),
  /** Mean of the days' distributions (the Trends rule); null when no day is analysed. */
  mix: distributionSchema.nullable(),
  previousMix: distributionSchema.nullable(),
  /** Emotions in order of share, NEUTRAL left out, those at 10% or more. */
  leading: z.array(emotionShareSchema),
  /** Moves of at least 5 points against the previous period, largest first (rounded percentage points). */
  changes: z.array(z.object({ emotion: emotionSchema, points: z.number().int() }))
})

export const quoteSchema = z.object({
  entryId: idSchema,
  date: isoDateSchema,
  /** The sentence exactly as it stands in the entry (`entry.text.slice(start, end)`). */
  text: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** The sentence's probability of the group's emotion, as read. */
  confidence: z.number(),
  /** How much the sentence resembles the period's other sentences of that emotion (0–1). */
  centrality: z.number(),
  /** Whose reading the label is: the model's (a writer's correction can later say 'writer'). */
  readBy: z.enum(['model', 'writer'])
})
export type Quote = z.infer<typeof quoteSchema>

export const momentsSectionSchema = z.object({
  kind: z.literal('moments'),
  ...sectionBase,
  groups: z.array(
    z.object({
      emotion: emotionSchema,
      share: z.number(),
      /** Sentences of the period read as this emotion (the pool the quotes come from). */
      candidates: z.number().int().nonnegative(),
      quotes: z.array(quoteSchema)
    })
  )
})

export const associationSchema = z.object({
  kind: z.enum(['tag', 'word']),
  /** The tag (without #) or the word as written (its stem). */
  key: z.string(),
  /** Analysed days in the period with it: the evidence behind the claim (never fewer than 3). */
  days: z.number().int().min(3),
  emotion: emotionSchema,
  /** Rounded percentage points above (positive) or below the writer's average. */
  points: z.number().int(),
  share: z.number(),
  average: z.number()
})
export type Association = z.infer<typeof associationSchema>

export const associationsSectionSchema = z.object({
  kind: z.literal('associations'),
  ...sectionBase,
  minDays: z.number().int(),
  /** Analysed days the writer's average is taken over (all of them up to the period's end). */
  averageDays: z.number().int().nonnegative(),
  items: z.array(associationSchema)
})

export const wordsVsVoiceSectionSchema = z.object({
  kind: z.literal('wordsVsVoice'),
  ...sectionBase,
  daysWithBoth: z.number().int().nonnegative(),
  days: z.array(
    z.object({
      date: isoDateSchema,
      entryId: idSchema,
      words: emotionShareSchema,
      voice: emotionShareSchema,
      /** Total variation distance between the two distributions (0–1). */
      distance: z.number()
    })
  )
})

export const writingSectionSchema = z.object({
  kind: z.literal('writing'),
  ...sectionBase,
  daysInPeriod: z.number().int().positive(),
  daysWritten: z.number().int().nonnegative(),
  previousDaysWritten: z.number().int().nonnegative(),
  characters: z.number().int().nonnegative(),
  previousCharacters: z.number().int().nonnegative(),
  longestRunInPeriod: z.number().int().nonnegative(),
  /** Days in a row with an entry, counted back from the period's last day. */
  streakAtEnd: z.number().int().nonnegative()
})

/** The writer's own check-ins against each reading, on the period's days that have both. */
export const selfAgreementSectionSchema = z.object({
  kind: z.literal('selfAgreement'),
  ...sectionBase,
  /** Days in the period with a check-in. */
  checkIns: z.number().int().positive(),
  sources: z.array(
    z.object({
      source: z.enum(ANALYSIS_SOURCES),
      /** Days with a check-in and this reading. */
      days: z.number().int().nonnegative(),
      /** Of those, days whose dominant emotion is the checked-in one. */
      agreeing: z.number().int().nonnegative()
    })
  )
})

/**
 * Every kind of section. A new provider adds its
 * schema here; the page and the Markdown show any section by its title and statements.
 */
export const sectionSchema = z.discriminatedUnion('kind', [
  mixSectionSchema,
  momentsSectionSchema,
  associationsSectionSchema,
  wordsVsVoiceSectionSchema,
  selfAgreementSectionSchema,
  writingSectionSchema
])
export type ReflectionSection = z.infer<typeof sectionSchema>
export type SectionKind = ReflectionSection['kind']
export type SectionOf<K extends SectionKind> = Extract<ReflectionSection, { kind: K }>

export const reflectionSchema = z.object({
  profileId: idSchema,
  period: periodSchema,
  previous: periodSchema,
  /** Which stored reading the mix and associations use. */
  source: sourceSchema,
  /** What wrote it. The shipped reflector is extractive: it quotes and counts, it never invents text. */
  reflector: z.object({ id: z.string(), kind: z.enum(['extractive', 'generative']), note: localizedSchema }),
  coverage: z.object({
    /** Days in the period with an entry. */
    entryDays: z.number().int().nonnegative(),
    analysedDays: z.number().int().nonnegative(),
    /** Days with an entry but no stored reading yet: left out, and said so. */
    unanalysedDates: z.array(isoDateSchema),
    /** Days whose text changed after its sentences were read: quotes come only from text still there. */
    staleDates: z.array(isoDateSchema)
  }),
  /** Plain notes before the sections (nothing written, days not analysed yet). */
  notices: z.array(localizedSchema),
  sections: z.array(sectionSchema)
})
export type Reflection = z.infer<typeof reflectionSchema>

export const duePeriodSchema = periodSchema.extend({ entryDays: z.number().int().positive() })
export type DuePeriod = z.infer<typeof duePeriodSchema>

export const REFLECTION_SOURCES = ['text', 'fused'] as const

export const reflectionsMethods = {
  /** The reflection of one week (`2026-W48`) or month (`2026-11`). */
  get: {
    input: z.strictObject({ profileId: idSchema, period: periodKeySchema, source: z.enum(REFLECTION_SOURCES).default('text') }),
    output: reflectionSchema
  },
  /** The week and/or month that ended yesterday and has entries: what the day-after banner offers. */
  due: {
    input: z.strictObject({ profileId: idSchema, today: isoDateSchema }),
    output: z.array(duePeriodSchema)
  }
} as const
