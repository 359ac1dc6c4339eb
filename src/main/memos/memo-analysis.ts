import type { MemoAnalysis } from '../../shared/api/memos-schemas'
import { wordsVoiceDisagreement } from '../../shared/analysis/disagreement'
import { MEMO_NOTES } from '../../shared/analysis/memo-notes'
import { fuse } from '../../shared/emotions'
import type { HandlerContext } from '../api/handlers'
import type { AnalysisRequester } from '../analysis/host'
import { voiceAnalysisSetup } from '../calibration/voice-baseline'
import { currentAnalysis, deleteMemoAnalyses, insertAnalysis, type StoredAnalysis } from '../repos/analyses'
import { getSettings } from '../repos/settings'
import { activeTextPack } from '../analysis/text-pack-choice'
import { crashPoint } from '../crash-points'
import type { DiaryFiles } from '../files/diary-files'
import { readMemoFile } from './memo-files'
import { getMemo } from './memo-repo'

/** The analysis queue passes the host's background view as `analysis`; handlers pass the host itself. */
type Ctx = Pick<HandlerContext, 'db' | 'dataDir' | 'resourcesDir'> & { analysis: AnalysisRequester; files: DiaryFiles }

const part = (a: StoredAnalysis | null) => (a ? { modelId: a.modelId, canonical: a.canonical, createdAt: a.createdAt } : null)

/** What is stored for a memo now: its newest voice, text and fused analyses, and where words and voice part ways. */
export function storedMemoAnalysis(ctx: Pick<Ctx, 'db'>, memoId: number, notes: string[] = []): MemoAnalysis {
  const voice = currentAnalysis(ctx.db, { memoId }, 'audio')
  const text = currentAnalysis(ctx.db, { memoId }, 'text')
  const fused = currentAnalysis(ctx.db, { memoId }, 'fused')
  return {
    memoId,
    voice: voice ? { ...part(voice)!, baselineId: voice.baselineId } : null,
    text: part(text),
    fused: part(fused),
    disagreement: voice && text ? wordsVoiceDisagreement(text.canonical, voice.canonical) : null,
    notes
  }
}

/** Text on the transcript (the profile's text model), then the fusion of text and voice with the profile's weights. */
async function analyzeTranscript(ctx: Ctx, memoId: number, transcript: string, notes: string[]): Promise<void> {
  const textPack = await activeTextPack(ctx, getMemo(ctx.db, memoId).profileId)
  if (textPack.fallback) notes.push(textPack.fallback)
  const text = await ctx.analysis.request('analyze-text', { text: transcript, packDir: textPack.dir })
  if (text.sentences.length === 0) {
    deleteMemoAnalyses(ctx.db, memoId, ['text', 'fused'])
    notes.push(MEMO_NOTES.noSentences)
    return
  }
  const stored = insertAnalysis(ctx.db, {
    memoId,
    source: 'text',
    modelId: text.modelId,
    labels: text.labels,
    probs: text.meanProbs,
    canonical: text.mix,
    sentences: text.sentences
  })
  storeFusion(ctx, memoId, stored)
}

/** The fusion of the memo's current words and voice with the profile's weights; nothing without a voice result. */
export function storeFusion(ctx: Pick<Ctx, 'db'>, memoId: number, text = currentAnalysis(ctx.db, { memoId }, 'text')): void {
  const voice = currentAnalysis(ctx.db, { memoId }, 'audio')
  if (!voice || !text) return
  const { fusion } = getSettings(ctx.db, getMemo(ctx.db, memoId).profileId)
  insertAnalysis(ctx.db, {
    memoId,
    source: 'fused',
    modelId: `${text.modelId}+${voice.modelId}`,
    baselineId: voice.baselineId,
    labels: [],
    probs: [],
    canonical: fuse(text.canonical, voice.canonical, fusion)
  })
}

/**
 * A memo's full analysis: the voice model over the whole memo (`full` mode) with the profile's
 * baseline, the text model on the transcript when there is one, and their fusion. Without a
 * transcript the voice result stands alone. A part that fails is explained in `notes`; what
 * succeeded is stored.
 */
export async function analyzeMemo(ctx: Ctx, memoId: number): Promise<MemoAnalysis> {
  const memo = getMemo(ctx.db, memoId)
  const notes: string[] = []
  const setup = await voiceAnalysisSetup(ctx.db, ctx.resourcesDir, memo.profileId)
  if (!setup) notes.push(MEMO_NOTES.noVoiceModel)
  else {
    try {
      const voice = await ctx.analysis.request('analyze-audio', {
        // Bytes, opened here: the analysis process never sees a key or a path into the diary.
        wav: readMemoFile(ctx.files, memo.filePath),
        packDir: setup.packDir,
        baseline: setup.choice.vectors,
        mode: 'full'
      })
      insertAnalysis(ctx.db, {
        memoId,
        source: 'audio',
        modelId: voice.modelId,
        baselineId: setup.choice.baselineId,
        labels: voice.labels,
        probs: voice.probs,
        canonical: voice.canonical
      })
      crashPoint('memo.analyze.voice')
    } catch (err) {
      notes.push((err as Error).message)
    }
  }
  if (memo.transcript?.trim()) await analyzeTranscript(ctx, memoId, memo.transcript, notes)
  else notes.push(MEMO_NOTES.noTranscript)
  return storedMemoAnalysis(ctx, memoId, notes)
}

/** After the user edits a transcript: only the text and fused analyses are redone. */
export async function reanalyzeTranscript(ctx: Ctx, memoId: number): Promise<MemoAnalysis> {
  const memo = getMemo(ctx.db, memoId)
  const notes: string[] = []
  if (memo.transcript?.trim()) await analyzeTranscript(ctx, memoId, memo.transcript, notes)
  else deleteMemoAnalyses(ctx.db, memoId, ['text', 'fused']) // words cleared: the voice stands alone again
  return storedMemoAnalysis(ctx, memoId, notes)
}
