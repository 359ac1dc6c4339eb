/**
 * Text model packs: which are installed (shipped in the app, or imported into `<data>/models/`),
 * which one a profile's text analyses use, and installing a pack from a folder.
 */
import { z } from 'zod'
import { idSchema } from './schemas'

export const TEXT_PACK_LOCATIONS = ['shipped', 'imported'] as const
export type TextPackLocation = (typeof TEXT_PACK_LOCATIONS)[number]

/** A pack id as manifests spell it (src/shared/models/manifest.ts): independent of the folder it sits in. */
export const packIdSchema = z
  .string()
  .max(200)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'a pack id: lower-case letters, digits, dot, dash, underscore')

export const textPackInfoSchema = z.object({
  /** The manifest's id: what analyses store as `model_id` and what a profile's choice names. */
  id: z.string(),
  name: z.string(),
  version: z.string(),
  license: z.string(),
  description: z.string().nullable(),
  /** The model's own labels, in the order of its logits. */
  labels: z.array(z.string()),
  location: z.enum(TEXT_PACK_LOCATIONS)
})
export type TextPackInfo = z.infer<typeof textPackInfoSchema>

export const textModelsSchema = z.object({
  packs: z.array(textPackInfoSchema),
  /** The shipped default's id. */
  defaultId: z.string(),
  /** What the profile chose; null means the shipped default. */
  chosenId: z.string().nullable(),
  /** The pack the profile's text analyses use now. */
  activeId: z.string(),
  /** Why the chosen pack is not the active one (missing or broken, so the default is used), or null. */
  fallback: z.string().nullable(),
  /** Folders in `<data>/models/` that look like model packs but fail validation, with the reason. */
  broken: z.array(z.object({ folder: z.string(), message: z.string() }))
})
export type TextModels = z.infer<typeof textModelsSchema>

export const modelsMethods = {
  /** The installed text packs and the profile's choice among them. */
  listText: { input: z.strictObject({ profileId: idSchema }), output: textModelsSchema },
  /** Chooses the profile's text model by pack id (null: back to the shipped default); an unknown id is `not-found`. */
  selectText: { input: z.strictObject({ profileId: idSchema, packId: packIdSchema.nullable() }), output: textModelsSchema },
  /**
   * Validates a text pack folder (manifest, files, SHA-256 when the manifest has one, a trial
   * analysis in the analysis process) and copies it into `<data>/models/<id>/`.
   */
  installText: { input: z.strictObject({ path: z.string().min(1).max(4096) }), output: textPackInfoSchema }
} as const
