import type { DomainHandlers } from '../../shared/api/contract'
import type { EntryTextAnalysis } from '../../shared/api/analysis-schemas'
import type { HandlerContext } from '../api/handlers'
import { adapterForReading, type AdaptationCtx } from '../adaptation/profile-adapter'
import type { StoredSentence } from '../corrections/apply'
import { insertPersonalAnalysis } from '../corrections/personal-reading'
import { currentAnalysis, type StoredAnalysis } from '../repos/analyses'
import { getEntry } from '../repos/entries'
import { activeTextPack } from './text-pack-choice'

/** A stored sentence: analyses stored before issue 10 have no confidence (passed on without one, never uncertain). */
type StoredRow = Omit<StoredSentence, 'confidence' | 'uncertain'> & Partial<Pick<StoredSentence, 'confidence' | 'uncertain'>>

export function toEntryTextResult(entryId: number, stored: StoredAnalysis, entryUpdatedAt: string): EntryTextAnalysis {
  const sentences = (stored.sentences as StoredRow[] | null) ?? []
  return {
    entryId,
    modelId: stored.modelId,
    sentences: sentences.map(({ text, start, end, label, canonical, reading, correctionId, confidence, uncertain }) => ({
      text,
      start,
      end,
      label,
      canonical,
      reading: reading ?? null,
      correctionId: correctionId ?? null,
      ...(confidence === undefined ? {} : { confidence }),
      // The writer's correction is never "not sure", whatever the model was.
      ...(uncertain === undefined ? {} : { uncertain: uncertain && correctionId == null })
    })),
    mix: stored.canonical,
    createdAt: stored.createdAt,
    stale: stored.createdAt < entryUpdatedAt,
    adapterVersion: stored.adapterVersion
  }
}

/** The entry's current text reading as the API gives it, or null. */
export function storedEntryText(db: HandlerContext['db'], entryId: number): EntryTextAnalysis | null {
  const entry = getEntry(db, entryId)
  const stored = currentAnalysis(db, { entryId }, 'text')
  return stored ? toEntryTextResult(entryId, stored, entry.updatedAt) : null
}

/**
 * Runs the profile's text model (text-pack-choice.ts) on an entry in the analysis process, through
 * the profile's adapter when it has one (issue 12), and stores per-sentence labels and the entry's
 * mix with the writer's corrections applied; the analysis records the pack's id as model_id.
 * An entry with no text (a memo-only day) gets no text analysis: null.
 */
export async function analyzeEntryText(ctx: AdaptationCtx, entryId: number): Promise<EntryTextAnalysis | null> {
  const entry = getEntry(ctx.db, entryId)
  if (!entry.text.trim()) return null
  const { dir: packDir, fallback } = await activeTextPack(ctx, entry.profileId)
  if (fallback) console.warn(`[haru] entry ${entryId}: ${fallback}`)
  const adapter = await adapterForReading(ctx, entry.profileId, packDir)
  const result = await ctx.analysis.request('analyze-text', { text: entry.text, packDir, ...(adapter ? { adapter: adapter.weights } : {}) })
  // The text may have changed while the model ran; the analysis still describes what it read.
  const stored = insertPersonalAnalysis(ctx.db, {
    entryId,
    source: 'text',
    modelId: result.modelId,
    labels: result.labels,
    probs: result.meanProbs,
    canonical: result.mix,
    sentences: result.sentences,
    adapterVersion: adapter?.version ?? null
  })
  return toEntryTextResult(entryId, stored, getEntry(ctx.db, entryId).updatedAt)
}

export const analysisHandlers: DomainHandlers<'analysis', HandlerContext> = {
  entryText: ({ entryId }, ctx) => analyzeEntryText(ctx, entryId),
  storedEntryText: ({ entryId }, ctx) => storedEntryText(ctx.db, entryId)
}
