/** Text analysis of diary entries: run it (the app does after each save) and read the stored result. */
import { z } from 'zod'
import { CANONICAL_EMOTIONS } from '../emotions'
import { idSchema } from './schemas'

const distributionSchema = z.object(Object.fromEntries(CANONICAL_EMOTIONS.map((e) => [e, z.number()])) as Record<(typeof CANONICAL_EMOTIONS)[number], z.ZodNumber>)

export const sentenceResultSchema = z.object({
  text: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  label: z.string(),
  canonical: distributionSchema,
  /** Issue 12: the model's reading when the writer corrected this sentence (`canonical` is then the writer's). */
  reading: distributionSchema.nullable(),
  /** The writer's correction shown instead of the model's label (undo removes it), or null. */
  correctionId: idSchema.nullable(),
  /** The top label's calibrated probability; absent in analyses stored before issue 10. */
  confidence: z.number().min(0).max(1).optional(),
  /** The model was not sure: shown with a neutral outline and "잘 모르겠어요", weighs less in the mix. */
  uncertain: z.boolean().optional()
})

export const entryTextAnalysisSchema = z.object({
  entryId: idSchema,
  modelId: z.string(),
  sentences: z.array(sentenceResultSchema),
  /** Length-weighted, neutral sentences left out, uncertain ones at a quarter weight; an all-neutral entry is NEUTRAL. */
  mix: distributionSchema,
  createdAt: z.string(),
  /** True when the entry changed after this analysis (a newer one is on its way or failed). */
  stale: z.boolean(),
  /** The profile adapter that read it (issue 12), null: the base model alone. */
  adapterVersion: z.number().int().positive().nullable()
})
export type EntryTextAnalysis = z.infer<typeof entryTextAnalysisSchema>

export const analysisMethods = {
  /** Analyses the entry's current text now and stores the result. */
  entryText: { input: z.strictObject({ entryId: idSchema }), output: entryTextAnalysisSchema.nullable() },
  /** The newest stored text analysis of the entry, or null. */
  storedEntryText: { input: z.strictObject({ entryId: idSchema }), output: entryTextAnalysisSchema.nullable() }
} as const
