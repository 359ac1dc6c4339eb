import { z } from 'zod'
import { GENDER_HINTS } from '../../shared/api/limits'
import { isoDateSchema } from '../../shared/api/schemas'
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

const id = z.number().int().positive()
const timestamp = z.string().min(1)
const parsesAsJson = (s: string): boolean => {
  try {
    JSON.parse(s)
    return true
  } catch {
    return false
  }
}
const jsonText = z.string().refine(parsesAsJson, 'is not valid JSON text')
/** The baseline columns' stored form: a JSON array of 13 numbers (the schema checks the length). */
const vector13 = z.string().refine((s) => {
  if (!parsesAsJson(s)) return false
  const v = JSON.parse(s) as unknown
  return Array.isArray(v) && v.length === 13 && v.every((x) => typeof x === 'number')
}, 'is not a JSON array of 13 numbers')
const emotion = z.enum(CANONICAL_EMOTIONS)
const relativePath = z.string().refine(isSafeRelativePath, 'must be a relative path inside the data folder (no "..", no absolute path)')

/** Columns a later migration added travel too; they can only hold what SQLite stores. */
const row = <T extends z.ZodRawShape>(shape: T) => z.object(shape).catchall(z.union([z.string(), z.number(), z.null()]))

export const exportFileSchema = z.strictObject({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  exportedAt: timestamp,
  appVersion: z.string(),
  /** The database's migration version at export time; a diary older than this cannot take the file. */
  schemaVersion: z.number().int().positive(),
  profiles: z.array(row({ id, name: z.string().trim().min(1).max(40), gender: z.enum(GENDER_HINTS), createdAt: timestamp })),
  entries: z.array(row({ id, profileId: id, entryDate: isoDateSchema, text: z.string(), createdAt: timestamp, updatedAt: timestamp })),
  tags: z.array(z.strictObject({ entryId: id, tag: z.string().refine(isValidTag, 'is not a normalised tag') })),
  voiceMemos: z.array(
    row({
      id,
      entryId: id,
      filePath: relativePath,
      durationSec: z.number().nonnegative(),
      sampleRate: z.number().int().positive(),
      transcript: z.string().nullable(),
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
      modelId: z.string().min(1),
      baselineId: id.nullable(),
      labelsJson: jsonText,
      probsJson: jsonText,
      canonicalJson: jsonText,
      sentencesJson: jsonText.nullable(),
      createdAt: timestamp
    })
  ),
  calibrationTakes: z
    .array(row({ id, profileId: id, sessionId: z.string().min(1), filePath: relativePath, createdAt: timestamp }))
    .default([]),
  profileSettings: z.array(row({ profileId: id, key: z.string().min(1), valueJson: jsonText, updatedAt: timestamp })).default([]),
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
