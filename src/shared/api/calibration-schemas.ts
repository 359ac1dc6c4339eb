/**
 * API of the personal voice calibration: the wizard's session (`calibration`), the versioned
 * baselines of a profile (`baselines`) and re-analysing past memos after a new one (`reanalysis`).
 *
 * Audio crosses the boundary as base64 of a 16-bit WAV (what `encodeWav16` writes), in one
 * dedicated method with a size cap: a third the size of a JSON number array, and exactly the
 * bytes that are stored as the kept take.
 */
import { z } from 'zod'
import { BASELINE_REJECTIONS, TAKE_PROBLEMS } from '../calibration/codes'
import { MAX_TAKE_BASE64_CHARS } from '../calibration/rules'
import { GENDER_HINTS, idSchema } from './schemas'

const vector13 = z.array(z.number()).length(13)
export const sessionIdSchema = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'session id: 8–64 letters, digits or dashes')

const wavBase64Schema = z
  .string()
  .min(60, 'the recording is empty')
  .max(MAX_TAKE_BASE64_CHARS, `the recording is larger than ${(MAX_TAKE_BASE64_CHARS * 0.75) / 1e6} MB; record a shorter take`)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'the recording must be base64')

export const takeMetricsSchema = z.object({
  durationSec: z.number(),
  voicedSec: z.number(),
  peakFrameDb: z.number(),
  noiseFloorDb: z.number(),
  speechLevelDb: z.number().nullable(),
  snrDb: z.number().nullable(),
  clippedFraction: z.number()
})

export const takeResultSchema = z.object({
  accepted: z.boolean(),
  problems: z.array(z.enum(TAKE_PROBLEMS)),
  metrics: takeMetricsSchema,
  /** The stored take, or null when it was refused (a refused take is not kept). */
  takeId: idSchema.nullable(),
  /** Accepted takes in the session so far. */
  sessionTakes: z.number().int().nonnegative()
})
export type TakeResult = z.infer<typeof takeResultSchema>

const BASELINE_KINDS = ['calibrated', 'default-male', 'default-female', 'default-average'] as const
export const baselineKindSchema = z.enum(BASELINE_KINDS)
export type BaselineKind = (typeof BASELINE_KINDS)[number]

export const calibrationSummarySchema = z.object({
  status: z.enum(['ok', 'rejected']),
  reason: z.enum(BASELINE_REJECTIONS).nullable(),
  /** For `degenerate-std`: the coefficients that barely moved. */
  coefficients: z.array(z.number().int()).nullable(),
  sessionId: sessionIdSchema,
  /** Set once saved. */
  baselineId: idSchema.nullable(),
  baseline: z.object({ mean: vector13, std: vector13 }).nullable(),
  takes: z.array(
    z.object({
      takeId: idSchema,
      sentenceIndex: z.number().int().nullable(),
      voicedSec: z.number(),
      /** Distance from the other takes (0 = typical); null when not computed. */
      distance: z.number().nullable(),
      used: z.boolean()
    })
  ),
  usedTakes: z.number().int().nonnegative(),
  droppedTakes: z.number().int().nonnegative(),
  voicedSec: z.number(),
  /** The model default this profile would use otherwise, for the comparison chart; null without a default model. */
  reference: z.object({ kind: baselineKindSchema, mean: vector13, std: vector13 }).nullable()
})
export type CalibrationSummary = z.infer<typeof calibrationSummarySchema>

export const storedBaselineSchema = z.object({
  id: idSchema,
  source: z.enum(['default', 'calibrated']),
  isActive: z.boolean(),
  createdAt: z.string(),
  clipCount: z.number().int(),
  voicedSec: z.number().nullable(),
  sessionId: z.string().nullable(),
  features: z.string().nullable(),
  /** Kept takes it can be recomputed from. */
  takesKept: z.number().int().nonnegative(),
  mean: vector13,
  std: vector13
})
export type StoredBaselineView = z.infer<typeof storedBaselineSchema>

export const baselineStatusSchema = z.object({
  profileId: idSchema,
  gender: z.enum(GENDER_HINTS),
  /** What voice analyses of this profile use now. */
  active: z.object({ kind: baselineKindSchema, baselineId: idSchema.nullable() }),
  /** Whether the default voice model is installed (analyses and the comparison need it). */
  defaultModel: z.boolean(),
  baselines: z.array(storedBaselineSchema),
  /**
   * Issue 16: the automatic baseline made from the profile's memos ("내 메모로 만든 임시 기준").
   * `version` null until the memos hold `neededSec` of voiced speech; `inUse` when the profile has
   * not calibrated and a version exists (otherwise each memo is read against itself).
   */
  automatic: z
    .object({
      version: z.number().int().positive().nullable(),
      /** Voiced seconds the current version rests on (null before one exists). */
      voicedSec: z.number().nullable(),
      memoCount: z.number().int().nonnegative(),
      /** Voiced seconds over all the profile's analysed memos now. */
      poolVoicedSec: z.number(),
      neededSec: z.number(),
      inUse: z.boolean(),
      createdAt: z.string().nullable()
    })
    .optional()
})
export type BaselineStatus = z.infer<typeof baselineStatusSchema>

export const keptSessionSchema = z.object({
  sessionId: z.string(),
  takes: z.number().int(),
  voicedSec: z.number(),
  createdAt: z.string(),
  baselineIds: z.array(idSchema)
})

export const reanalysisStatusSchema = z.object({
  state: z.enum(['idle', 'running', 'done', 'failed']),
  total: z.number().int().nonnegative(),
  done: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  /** The baseline the job analyses with (null: a model default). */
  baselineId: idSchema.nullable(),
  /** Memos whose newest voice analysis used another voice model or baseline than today's. */
  outdatedMemos: z.number().int().nonnegative(),
  error: z.string().nullable()
})
export type ReanalysisStatus = z.infer<typeof reanalysisStatusSchema>

const profileOnly = z.strictObject({ profileId: idSchema })
const session = z.strictObject({ profileId: idSchema, sessionId: sessionIdSchema })

export const calibrationMethods = {
  /** Opens a wizard session; takes left by an abandoned earlier session of the profile are deleted. */
  start: { input: profileOnly, output: z.object({ sessionId: sessionIdSchema }) },
  addTake: {
    input: z.strictObject({
      profileId: idSchema,
      sessionId: sessionIdSchema,
      sentenceIndex: z.number().int().min(0).max(63).optional(),
      wavBase64: wavBase64Schema
    }),
    output: takeResultSchema
  },
  /** The baseline the session's takes give, without saving it. */
  preview: { input: session, output: calibrationSummarySchema },
  /** Computes again and, when the estimate is sound, stores it as the active baseline. */
  save: { input: session, output: calibrationSummarySchema },
  /** Leaves the wizard: the session's unsaved takes are deleted; nothing saved is touched. */
  cancel: { input: session, output: z.object({ deletedTakes: z.number().int().nonnegative() }) },
  /** Kept recordings of saved calibrations. */
  sessions: { input: profileOnly, output: z.array(keptSessionSchema) },
  /** Deletes kept recordings (of one session, or all of the profile); baselines stay but cannot be recomputed. */
  deleteTakes: {
    input: z.strictObject({ profileId: idSchema, sessionId: sessionIdSchema.optional() }),
    output: z.object({ deletedTakes: z.number().int().nonnegative() })
  }
} as const

export const baselinesMethods = {
  list: { input: profileOnly, output: baselineStatusSchema },
  activate: { input: z.strictObject({ profileId: idSchema, baselineId: idSchema }), output: baselineStatusSchema },
  useDefault: { input: profileOnly, output: baselineStatusSchema },
  /** Recomputes a calibrated baseline from its kept takes with the current feature code (a new version). */
  recompute: { input: z.strictObject({ profileId: idSchema, baselineId: idSchema }), output: calibrationSummarySchema }
} as const

export const reanalysisMethods = {
  /**
   * Asks the background analysis queue to re-analyse the profile's outdated memos now (it does so by
   * itself after a baseline change; this lifts a pause or cancel and retries failed memos).
   */
  start: { input: profileOnly, output: reanalysisStatusSchema },
  status: { input: profileOnly, output: reanalysisStatusSchema }
} as const
