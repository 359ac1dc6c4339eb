/** Transcription models: what is installed, downloading one (with progress and cancel), or using a folder on disk. */
import { z } from 'zod'
import { API_ERROR_REASONS, type ApiErrorReason } from './errors'

const jobSchema = z.object({
  modelId: z.string(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  bytes: z.number(),
  total: z.number().nullable(),
  file: z.string().nullable(),
  error: z.string().nullable(),
  /** Why a failed download failed (e.g. offline), for a message in the UI's language; `error` is the raw detail. */
  reason: z.enum(Object.keys(API_ERROR_REASONS) as [ApiErrorReason, ...ApiErrorReason[]]).nullable(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).nullable()
})

export const asrStatusSchema = z.object({
  /** The model folder transcription uses, or null. */
  activeDir: z.string().nullable(),
  models: z.array(
    z.object({ id: z.string(), name: z.string(), approxMb: z.number(), downloaded: z.boolean(), job: jobSchema.nullable() })
  )
})
export type AsrStatus = z.infer<typeof asrStatusSchema>

const modelRef = z.strictObject({ modelId: z.string().regex(/^[a-z0-9-]{1,40}$/) })

export const asrMethods = {
  status: { input: z.strictObject({}), output: asrStatusSchema },
  download: { input: modelRef, output: asrStatusSchema },
  cancel: { input: modelRef, output: asrStatusSchema },
  useFolder: { input: z.strictObject({ path: z.string().min(1).max(4096) }), output: asrStatusSchema }
} as const
