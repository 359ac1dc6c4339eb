import type { DomainHandlers } from '../../shared/api/contract'
import type { EntryTextAnalysis } from '../../shared/api/analysis-schemas'
import type { TextSentenceResult } from '../../shared/analysis/protocol'
import type { HandlerContext } from '../api/handlers'
import type { AnalysisRequester } from './host'
import { currentAnalysis, insertAnalysis, type StoredAnalysis } from '../repos/analyses'
import { getEntry } from '../repos/entries'
import { activeTextPack } from './text-pack-choice'

/** A stored sentence: analyses stored before issue 10 have no confidence (passed on without one, never uncertain). */
type StoredSentence = Omit<TextSentenceResult, 'confidence' | 'uncertain'> & Partial<Pick<TextSentenceResult, 'confidence' | 'uncertain'>>

function toResult(entryId: number, stored: StoredAnalysis, entryUpdatedAt: string): EntryTextAnalysis {
  const sentences = (stored.sentences as StoredSentence[] | null) ?? []
  return {
    entryId,
    modelId: stored.modelId,
    sentences: sentences.map(({ text, start, end, label, canonical, confidence, uncertain }) => ({
      text,
      start,
      end,
      label,
      canonical,
      ...(confidence === undefined ? {} : { confidence }),
      ...(uncertain === undefined ? {} : { uncertain })
    })),
    mix: stored.canonical,
    createdAt: stored.createdAt,
    stale: stored.createdAt < entryUpdatedAt
  }
}

/**
 * Runs the profile's text model (text-pack-choice.ts) on an entry in the analysis process and
 * stores per-sentence labels and the entry's mix; the analysis records the pack's id as model_id.
 * An entry with no text (a memo-only day) gets no text analysis: null.
 */
export async function analyzeEntryText(
  ctx: Pick<HandlerContext, 'db' | 'dataDir' | 'resourcesDir'> & { analysis: AnalysisRequester },
  entryId: number
): Promise<EntryTextAnalysis | null> {
  const entry = getEntry(ctx.db, entryId)
  if (!entry.text.trim()) return null
  const { dir: packDir, fallback } = await activeTextPack(ctx, entry.profileId)
  if (fallback) console.warn(`[haru] entry ${entryId}: ${fallback}`)
  const result = await ctx.analysis.request('analyze-text', { text: entry.text, packDir })
  // The text may have changed while the model ran; the analysis still describes what it read.
  const stored = insertAnalysis(ctx.db, {
    entryId,
    source: 'text',
    modelId: result.modelId,
    labels: result.labels,
    probs: result.meanProbs,
    canonical: result.mix,
    sentences: result.sentences
  })
  return toResult(entryId, stored, getEntry(ctx.db, entryId).updatedAt)
}

export const analysisHandlers: DomainHandlers<'analysis', HandlerContext> = {
  entryText: ({ entryId }, ctx) => analyzeEntryText(ctx, entryId),
  storedEntryText: ({ entryId }, ctx) => {
    const entry = getEntry(ctx.db, entryId)
    const stored = currentAnalysis(ctx.db, { entryId }, 'text')
    return stored ? toResult(entryId, stored, entry.updatedAt) : null
  }
}
