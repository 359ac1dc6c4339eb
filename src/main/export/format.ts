import { z } from 'zod'
import { GENDER_HINTS, MAX_ENTRY_TEXT_LENGTH } from '../../shared/api/limits'
import { MAX_MEMO_SECONDS, memosMethods, settingsSchema } from '../../shared/api/memos-schemas'
import { isoDateSchema, profileNameSchema } from '../../shared/api/schemas'
import { sessionIdSchema } from '../../shared/api/calibration-schemas'
import { packIdSchema } from '../../shared/api/models-schemas'
import { isValidTag } from '../../shared/trends/tags'
import { ANALYSIS_SOURCES } from '../../shared/trends/sources'
import { CANONICAL_EMOTIONS } from '../../shared/emotions'

/**
 * The JSON export, version 1: every row of every diary table, with ids, so an import into an
 * empty data folder reproduces the database exactly. A row carries every column of its table
 * (camelCase), including columns added by later migrations, as the exact stored value: JSON-valued
 * columns (`*Json`) stay the stored text, so nothing is reformatted on the way through.
 * Recordings (voice memos, calibration takes) travel beside the JSON, listed in `audio` with
 * their size and SHA-256.
 */
export const EXPORT_FORMAT = 'haru-export'
export const EXPORT_VERSION = 1
export const EXPORT_JSON_NAME = 'haru-export.json'

/** A path inside a folder: relative, forward slashes, no `..`, nothing that could escape it. */
export function isSafeRelativePath(p: string): boolean {
  if (!p || p.length > 500 || p.includes('\\') || p.includes('\0') || p.startsWith('/') || /^[A-Za-z]:/.test(p)) return false
  return p.split('/').every((part) => part !== '' && part !== '.' && part !== '..')
}

/*
 * Every row is held to the same limits the API holds a request to (the schemas of src/shared/api
 * are reused), so an import cannot bring in what the app would refuse: a 50,000,000-character
 * entry made every later search crawl. A limit the API does not state is set wide but finite.
 */
const id = z.number().int().positive()
const timestamp = z.string().min(1).max(64)
/** The rate range `memos.begin` accepts. */
const sampleRateSchema = memosMethods.begin.input.shape.sampleRate
const MAX_JSON_COLUMN = 4 * 2 ** 20
const parsesAsJson = (s: string): boolean => {
  try {
    JSON.parse(s)
    return true
  } catch {
    return false
  }
}
const jsonText = z.string().max(MAX_JSON_COLUMN).refine(parsesAsJson, 'is not valid JSON text')
/** The baseline columns' stored form: a JSON array of 13 numbers (the schema checks the length). */
const vector13 = z.string().max(4096).refine((s) => {
  if (!parsesAsJson(s)) return false
  const v = JSON.parse(s) as unknown
  return Array.isArray(v) && v.length === 13 && v.every((x) => typeof x === 'number')
}, 'is not a JSON array of 13 numbers')
const emotion = z.enum(CANONICAL_EMOTIONS)
const relativePath = z.string().refine(isSafeRelativePath, 'must be a relative path inside the data folder (no "..", no absolute path)')

/** Columns a later migration added travel too; they can only hold what SQLite stores, and not without bound. */
const row = <T extends z.ZodRawShape>(shape: T) => z.object(shape).catchall(z.union([z.string().max(MAX_JSON_COLUMN), z.number(), z.null()]))

/** A profile setting the app knows is checked with the API's own schema for it (a text model must be a pack id). */
const knownSettings: Record<string, z.ZodType> = { ...settingsSchema.shape, textModelId: packIdSchema.nullable() }
function settingIssue(key: string, valueJson: string): string | null {
  const schema = knownSettings[key]
  if (!schema) return null
  const parsed = schema.safeParse(JSON.parse(valueJson))
  return parsed.success ? null : parsed.error.issues.map((i) => i.message).join('; ')
}

export const exportFileSchema = z.strictObject({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: timestamp,
  appVersion: z.string().max(100),
  /** The database's migration version at export time; a diary older than this cannot take the file. */
  schemaVersion: z.number().int().positive(),
  profiles: z.array(row({ id, name: profileNameSchema, gender: z.enum(GENDER_HINTS), createdAt: timestamp })),
  // Empty text is allowed here (a day with only a voice memo); the API's upper limit is not relaxed.
  entries: z.array(
    row({
      id,
      profileId: id,
      entryDate: isoDateSchema,
      text: z.string().max(MAX_ENTRY_TEXT_LENGTH, `is longer than the ${MAX_ENTRY_TEXT_LENGTH.toLocaleString('en')} characters an entry may have`),
      createdAt: timestamp,
      updatedAt: timestamp
    })
  ),
  tags: z.array(z.strictObject({ entryId: id, tag: z.string().refine(isValidTag, 'is not a normalised tag') })),
  voiceMemos: z.array(
    row({
      id,
      entryId: id,
      filePath: relativePath,
      // What the recorder can make: at most 10 minutes (plus the last chunk), at a rate it accepts.
      durationSec: z.number().nonnegative().max(MAX_MEMO_SECONDS + 2),
      sampleRate: sampleRateSchema,
      transcript: z.string().max(MAX_ENTRY_TEXT_LENGTH).nullable(),
      createdAt: timestamp
    })
  ),
  baselines: z.array(
    row({
      id,
      profileId: id,
      meanJson: vector13,
      stdJson: vector13,
      clipCount: z.number().int().nonnegative(),
      source: z.enum(['default', 'calibrated']),
      isActive: z.union([z.literal(0), z.literal(1)]),
      createdAt: timestamp
    })
  ),
  analyses: z.array(
    row({
      id,
      entryId: id.nullable(),
      memoId: id.nullable(),
      source: z.enum(ANALYSIS_SOURCES),
      modelId: z.string().min(1).max(400),
      baselineId: id.nullable(),
      labelsJson: jsonText,
      probsJson: jsonText,
      canonicalJson: jsonText,
      sentencesJson: jsonText.nullable(),
      createdAt: timestamp
    })
  ),
  calibrationTakes: z
    .array(row({ id, profileId: id, sessionId: sessionIdSchema, filePath: relativePath, createdAt: timestamp }))
    .default([]),
  profileSettings: z
    .array(
      row({ profileId: id, key: z.string().min(1).max(100), valueJson: z.string().max(64 * 1024).refine(parsesAsJson, 'is not valid JSON text'), updatedAt: timestamp }).superRefine((st, ctx) => {
        const issue = settingIssue(st.key, st.valueJson)
        if (issue) ctx.addIssue({ code: 'custom', path: ['valueJson'], message: `is not a valid "${st.key}" setting: ${issue}` })
      })
    )
    .default([]),
  /** Issue 12: check-ins, corrections and adapters; absent from exports made before them. */
  dayMoods: z
    .array(
      row({
        entryId: id,
        emotion: emotion,
        word: z.string().min(1).max(20).nullable(),
        intensity: z.number().int().min(1).max(5).nullable(),
        createdAt: timestamp,
        updatedAt: timestamp
      })
    )
    .default([]),
  readingCorrections: z
    .array(
      row({
        id,
        entryId: id.nullable(),
        memoId: id.nullable(),
        // The splitter wraps sentences at 500 characters; anything far longer is not a sentence of Haru's.
        sentence: z.string().min(1).max(2000).nullable(),
        sentenceHash: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
        startOffset: z.number().int().nonnegative().nullable(),
        endOffset: z.number().int().positive().nullable(),
        emotion: emotion,
        modelEmotion: emotion.nullable(),
        createdAt: timestamp
      })
    )
    .default([]),
  textAdapters: z
    .array(
      row({
        profileId: id,
        modelId: z.string().min(1).max(400),
        version: z.number().int().positive(),
        examples: z.number().int().nonnegative(),
        trainedOn: z.string().min(1).max(128),
        weightsJson: jsonText,
        metricsJson: jsonText,
        createdAt: timestamp
      })
    )
    .default([]),
  /** Recordings that travel with the export; a row whose recording was already missing has none. */
  audio: z.array(
    z.strictObject({
      owner: z.enum(['voiceMemos', 'calibrationTakes']),
      id,
      path: relativePath,
      bytes: z.number().int().nonnegative(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/)
    })
  )
})
export type ExportFile = z.infer<typeof exportFileSchema>
export type ExportRow = Record<string, string | number | null>
