/**
 * Backups from the app: export everything (JSON + recordings in a `.zip`) or a readable Markdown
 * copy into the exports folder the service was configured with, and import a `.zip` the user
 * picked. The renderer never names a filesystem path to write to: exports land in that one folder
 * under a new timestamped name, and an import travels as the file's bytes (base64), not a path.
 */
import { z } from 'zod'
import { idSchema, isoDateSchema, profileSchema } from './schemas'

/**
 * The largest backup the app imports in one request: 256 MB of zip, about 358 M base64 characters,
 * well under V8's largest string (~512 M characters) so both sides can hold it. A diary with hours
 * of voice memos can be larger; `haru import PATH` takes any size.
 */
export const MAX_BACKUP_IMPORT_BYTES = 256 * 1024 * 1024
export const MAX_BACKUP_IMPORT_BASE64 = Math.ceil(MAX_BACKUP_IMPORT_BYTES / 3) * 4

export const BACKUP_FORMATS = ['json', 'md'] as const
export type BackupFormat = (typeof BACKUP_FORMATS)[number]

/** Rows per diary table, plus the recordings that travel as files. */
export const backupCountsSchema = z.object({
  profiles: z.number().int(),
  entries: z.number().int(),
  tags: z.number().int(),
  voiceMemos: z.number().int(),
  baselines: z.number().int(),
  analyses: z.number().int(),
  calibrationTakes: z.number().int(),
  profileSettings: z.number().int(),
  audioFiles: z.number().int()
})
export type BackupCounts = z.infer<typeof backupCountsSchema>

export const backupInfoSchema = z.object({
  /** Where exports are written (absolute). */
  exportsDir: z.string(),
  /** Whether `reveal` can open the system file manager here (Electron yes; harness and CLI no). */
  canReveal: z.boolean(),
  maxImportBytes: z.number().int()
})
export type BackupInfo = z.infer<typeof backupInfoSchema>

export const backupExportResultSchema = z.discriminatedUnion('format', [
  z.object({
    format: z.literal('json'),
    /** The new `.zip` (or, encrypted, `.haru`), absolute, inside the exports folder. */
    path: z.string(),
    /** Sealed under the passphrase given with the export (encrypted-backup.ts); a plain `.zip` otherwise. */
    encrypted: z.boolean(),
    fileName: z.string(),
    bytes: z.number().int(),
    counts: backupCountsSchema,
    /** Recordings named by a row but absent from the data folder (their rows are exported without a file). */
    missingAudio: z.array(z.string()),
    /** Tables this exporter does not know (a newer feature's data): not in the export. */
    uncoveredTables: z.array(z.string())
  }),
  z.object({
    format: z.literal('md'),
    /** The new folder of Markdown files, absolute, inside the exports folder. */
    path: z.string(),
    fileName: z.string(),
    bytes: z.number().int(),
    entries: z.number().int(),
    /** Files written, relative to `path` (`<profile>/<YYYY-MM>.md`). */
    files: z.array(z.string())
  })
])
export type BackupExportResult = z.infer<typeof backupExportResultSchema>

/** Where imported entries went: one row per profile that gained entries (or was created). */
export const importedProfileSchema = z.object({
  profile: profileSchema,
  /** The profile did not exist before this import. */
  isNew: z.boolean(),
  entriesAdded: z.number().int(),
  /** First and last day among the added entries (null when none were added). */
  firstDate: isoDateSchema.nullable(),
  lastDate: isoDateSchema.nullable()
})
export type ImportedProfile = z.infer<typeof importedProfileSchema>

export const backupImportResultSchema = z.object({
  fileName: z.string(),
  /** Rows and recordings written by this import. */
  added: backupCountsSchema,
  /** Rows and recordings already in the diary exactly as in the file, left alone. */
  unchanged: backupCountsSchema,
  profiles: z.array(importedProfileSchema)
})
export type BackupImportResult = z.infer<typeof backupImportResultSchema>

/** A backup's own passphrase (not the diary's): the same length rules as the diary lock's. */
export const backupPassphraseSchema = z.string().min(8, 'a backup passphrase needs at least 8 characters').max(1024)

const base64 = z
  .string()
  .min(1, 'the file is empty')
  .max(MAX_BACKUP_IMPORT_BASE64, `the file is larger than ${MAX_BACKUP_IMPORT_BYTES / 1024 / 1024} MB; import it with \`haru import PATH\` instead`)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'the file must be base64')

export const backupMethods = {
  info: { input: z.strictObject({}), output: backupInfoSchema },
  /**
   * `json`: every profile, entry, tag, memo, analysis, baseline, calibration take and setting with
   * the recordings, in a new `.zip` (importable); with `passphrase`, sealed into an encrypted `.haru`
   * instead. `md`: a new folder with one readable Markdown file per profile and month (every
   * profile, or `profileId`'s); not importable, and plain.
   */
  export: {
    input: z
      .strictObject({ format: z.enum(BACKUP_FORMATS).default('json'), profileId: idSchema.optional(), passphrase: backupPassphraseSchema.optional() })
      .refine((v) => v.format === 'md' || v.profileId === undefined, {
        message: 'a JSON backup always holds every profile; profileId applies to the md format',
        path: ['profileId']
      })
      .refine((v) => v.format === 'json' || v.passphrase === undefined, { message: 'only a JSON backup can be encrypted', path: ['passphrase'] }),
    output: backupExportResultSchema
  },
  /**
   * Imports a `.zip` made by `export` (or `haru export`), or an encrypted `.haru` with its
   * `passphrase`, sent as base64. Idempotent; refused as a whole (nothing written) when the file is
   * foreign, damaged, from a newer Haru or conflicts; an encrypted one without its passphrase is
   * refused as `backup-encrypted`, with a wrong one as `wrong-passphrase`.
   */
  import: {
    input: z.strictObject({ fileName: z.string().min(1).max(255), dataBase64: base64, passphrase: z.string().min(1).max(1024).optional() }),
    output: backupImportResultSchema
  },
  /** Shows an export in the system file manager; only paths inside the exports folder are accepted. */
  reveal: {
    input: z.strictObject({ path: z.string().min(1).max(4096) }),
    output: z.object({ revealed: z.literal(true) })
  }
} as const

/** Why an import was refused, carried as the error's `issues[0]` (`path: 'reason'`). */
export const BACKUP_REFUSAL_REASONS = [
  'not-found',
  'foreign-file',
  'malformed',
  'unsupported-version',
  'missing-audio',
  'corrupt-audio',
  'unsafe-path',
  'conflict',
  'out-exists',
  'too-large'
] as const
export type BackupRefusalReason = (typeof BACKUP_REFUSAL_REASONS)[number]
