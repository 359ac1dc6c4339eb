/**
 * Voice memos: recording in chunks (crash-safe), importing files, playback, transcripts, and the
 * text + voice + fused analysis of a memo. Audio crosses the boundary as base64: 16-bit PCM for
 * recording chunks (about 43 KB per second of 16 kHz audio), a whole file for imports.
 */
import { z } from 'zod'
import { MEMO_QUALITY_PROBLEMS } from '../calibration/codes'
import { CANONICAL_EMOTIONS } from '../emotions'
import { MAX_ENTRY_TEXT_LENGTH } from './limits'
import { idSchema, isoDateSchema } from './schemas'

// Defined in limits.ts so the renderer can read them without loading zod.
export { MAX_IMPORT_MINUTES, MAX_MEMO_SECONDS } from './limits'
/** An imported file may be this large (a 10-minute 48 kHz stereo 16-bit WAV is 115 MB; 60 MB covers mono). */
export const MAX_IMPORT_BYTES = 120 * 1024 * 1024
const MAX_CHUNK_BASE64 = 2 * 1024 * 1024

const base64 = (max: number, what: string) =>
  z
    .string()
    .max(max, `${what} is too large`)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, `${what} must be base64`)

export const recordingIdSchema = z.string().regex(/^[a-f0-9]{32}$/, 'recording id: 32 hex digits')

const distributionSchema = z.object(Object.fromEntries(CANONICAL_EMOTIONS.map((e) => [e, z.number()])) as Record<(typeof CANONICAL_EMOTIONS)[number], z.ZodNumber>)

export const voiceMemoSchema = z.object({
  id: idSchema,
  entryId: idSchema,
  entryDate: isoDateSchema,
  /** Relative to the data folder. */
  filePath: z.string(),
  durationSec: z.number(),
  sampleRate: z.number().int(),
  transcript: z.string().nullable(),
  createdAt: z.string()
})
export type VoiceMemo = z.infer<typeof voiceMemoSchema>

export const orphanRecordingSchema = z.object({
  recordingId: recordingIdSchema,
  entryDate: isoDateSchema,
  durationSec: z.number(),
  startedAt: z.string()
})
export type OrphanRecording = z.infer<typeof orphanRecordingSchema>

const analysisPartSchema = z.object({
  modelId: z.string(),
  canonical: distributionSchema,
  createdAt: z.string(),
  /** Issue 12: the model's own reading when the writer corrected the memo (`canonical` is then the writer's). */
  reading: distributionSchema.nullable().optional()
})

/**
 * Issue 16: how a voice result was read. `baselineSource`: the profile's calibrated baseline, its
 * automatic one (from its memos; `automaticVoicedSec` seconds of speech), the memo itself (before
 * the memos hold enough speech), or the gender default (a memo too short for even that).
 */
export const voiceReadingSchema = z.object({
  baselineSource: z.enum(['calibrated', 'automatic', 'memo', 'gender-default', 'given']),
  automaticVoicedSec: z.number().nullable(),
  confidence: z.number(),
  /** Not shown as a confident label: low calibrated confidence or a quality problem. */
  uncertain: z.boolean(),
  quality: z.object({ ok: z.boolean(), reason: z.enum(MEMO_QUALITY_PROBLEMS).nullable(), problems: z.array(z.enum(MEMO_QUALITY_PROBLEMS)) })
})
export type VoiceReading = z.infer<typeof voiceReadingSchema>

export const memoAnalysisSchema = z.object({
  memoId: idSchema,
  voice: analysisPartSchema
    .extend({ baselineId: idSchema.nullable(), windowsUsed: z.number().int().optional(), voiceReading: voiceReadingSchema.nullable().optional() })
    .nullable(),
  text: analysisPartSchema.nullable(),
  fused: analysisPartSchema.nullable(),
  /** The emotion where words and voice differ most, when they differ by more than the threshold. */
  disagreement: z.object({ emotion: z.enum(CANONICAL_EMOTIONS), gap: z.number() }).nullable(),
  /** Why a part is missing, e.g. no transcript yet, or no voice detected. */
  notes: z.array(z.string()),
  /** Issue 12: the writer's emotion for this memo, shown instead of the readings (undo removes it). */
  correction: z.object({ id: idSchema, emotion: z.enum(CANONICAL_EMOTIONS) }).nullable().optional(),
  /** Issue 16: false when the fusion left an uncertain voice out (the words alone). */
  fusedWithVoice: z.boolean().optional(),
  /** Issue 16: this analysis made the profile's automatic baseline a new version (past memos follow in the queue). */
  automaticBaselineChanged: z.boolean().optional()
})
export type MemoAnalysis = z.infer<typeof memoAnalysisSchema>

const memoRef = z.strictObject({ memoId: idSchema })

export const memosMethods = {
  /** Starts a recording for a day; chunks follow with `appendChunk`. */
  begin: {
    input: z.strictObject({ profileId: idSchema, entryDate: isoDateSchema, sampleRate: z.number().int().min(8000).max(192000) }),
    output: z.object({ recordingId: recordingIdSchema })
  },
  /** Appends about a second of 16-bit little-endian mono PCM; written to disk before it returns. */
  appendChunk: {
    input: z.strictObject({ recordingId: recordingIdSchema, seq: z.number().int().min(0), pcm16: base64(MAX_CHUNK_BASE64, 'the chunk') }),
    output: z.object({ seq: z.number().int(), durationSec: z.number() })
  },
  /** Turns the recording into a WAV and a memo of the day's entry (created when the day has none). */
  finish: { input: z.strictObject({ recordingId: recordingIdSchema }), output: voiceMemoSchema },
  discard: { input: z.strictObject({ recordingId: recordingIdSchema }), output: z.object({ discarded: z.literal(true) }) },
  /** Recordings interrupted by a crash, to keep or discard. */
  orphans: { input: z.strictObject({ profileId: idSchema }), output: z.array(orphanRecordingSchema) },
  list: { input: z.strictObject({ entryId: idSchema }), output: z.array(voiceMemoSchema) },
  audio: { input: memoRef, output: z.object({ wavBase64: z.string(), sampleRate: z.number(), durationSec: z.number() }) },
  delete: { input: memoRef, output: z.object({ id: idSchema, deleted: z.literal(true) }) },
  /**
   * Attaches a WAV to a day; a file that cannot be decoded is refused and nothing is stored. Phone
   * formats (M4A, MP3, Ogg, FLAC) arrive here already decoded to WAV by the page or the CLI.
   */
  import: {
    input: z.strictObject({
      profileId: idSchema,
      entryDate: isoDateSchema,
      fileName: z.string().min(1).max(255),
      dataBase64: base64(Math.ceil(MAX_IMPORT_BYTES / 3) * 4, 'the file')
    }),
    output: voiceMemoSchema
  },
  /** Saves an edited transcript; the memo's text and fused analyses are redone. */
  setTranscript: {
    input: z.strictObject({ memoId: idSchema, transcript: z.string().max(MAX_ENTRY_TEXT_LENGTH) }),
    output: memoAnalysisSchema
  },
  /** Speech-to-text with the active Whisper model; the transcript is stored and its text analysis redone. */
  transcribe: { input: memoRef, output: memoAnalysisSchema },
  /** Analyses the memo (voice in full mode with the profile's baseline, text on the transcript, fusion). */
  analyze: { input: memoRef, output: memoAnalysisSchema },
  /** The stored analyses of a memo, without running anything. */
  analysis: { input: memoRef, output: memoAnalysisSchema }
} as const

export const fusionWeightsSchema = z
  .object({ text: z.number().min(0).max(1), audio: z.number().min(0).max(1) })
  .refine((w) => w.text + w.audio > 0, 'at least one fusion weight must be above zero')

export const settingsSchema = z.object({
  fusion: fusionWeightsSchema,
  /** The profile's text model (a pack id), null for the shipped default; chosen with `models.selectText`, which checks it. */
  textModelId: z.string().nullable(),
  /** Issue 12: read this profile's text through its own adapter, learnt from its corrections (default on). */
  adaptation: z.boolean()
})
export type ProfileSettings = z.infer<typeof settingsSchema>

export const settingsMethods = {
  get: { input: z.strictObject({ profileId: idSchema }), output: settingsSchema },
  set: { input: z.strictObject({ profileId: idSchema, fusion: fusionWeightsSchema.optional(), adaptation: z.boolean().optional() }), output: settingsSchema }
} as const
