import type { MemoAnalysis } from '../../shared/api/memos-schemas'
import { wordsVoiceDisagreement } from '../../shared/analysis/disagreement'
import { MEMO_NOTES } from '../../shared/analysis/memo-notes'
import { adapterForReading, type AdaptationCtx } from '../adaptation/profile-adapter'
import { voiceAnalysisSetup, voiceRequestFor } from '../calibration/voice-baseline'
import { memoCorrectionOf } from '../corrections/corrections-repo'
import { insertPersonalAnalysis } from '../corrections/personal-reading'
import { fuseWithVoiceConfidence } from '../../shared/emotions-confidence'
import { deleteMemoVoiceStats, refreshAutomaticBaseline, saveMemoVoiceStats } from '../repos/automatic-baselines'
import { getVoiceReading, insertVoiceReading } from '../repos/voice-readings'
import { currentAnalysis, deleteMemoAnalyses, type StoredAnalysis } from '../repos/analyses'
import { getSettings } from '../repos/settings'
import { activeTextPack } from '../analysis/text-pack-choice'
import { crashPoint } from '../crash-points'
import type { DiaryFiles } from '../files/diary-files'
import { readMemoFile } from './memo-files'
import { getMemo } from './memo-repo'

/** The analysis queue passes the host's background view as `analysis`; handlers pass the host itself. */
type Ctx = AdaptationCtx & { files: DiaryFiles }

const part = (a: StoredAnalysis | null) => (a ? { modelId: a.modelId, canonical: a.canonical, createdAt: a.createdAt, reading: a.reading } : null)

/** What is stored for a memo now: its newest voice, text and fused analyses, and where words and voice part ways. */
export function storedMemoAnalysis(ctx: Pick<Ctx, 'db'>, memoId: number, notes: string[] = []): MemoAnalysis {
  const voice = currentAnalysis(ctx.db, { memoId }, 'audio')
  const text = currentAnalysis(ctx.db, { memoId }, 'text')
  const fused = currentAnalysis(ctx.db, { memoId }, 'fused')
  const voiceReading = voice ? getVoiceReading(ctx.db, voice.id) : null
  return {
    memoId,
    voice: voice ? { ...part(voice)!, baselineId: voice.baselineId, voiceReading } : null,
    text: part(text),
    fused: part(fused),
    // Words and voice part ways in what the models read, not in the writer's own word.
    disagreement: voice && text ? wordsVoiceDisagreement(text.reading ?? text.canonical, voice.reading ?? voice.canonical) : null,
    notes,
    correction: memoCorrectionOf(ctx.db, memoId),
    ...(fused ? { fusedWithVoice: !voiceReading?.uncertain } : {})
  }
}

/** Text on the transcript (the profile's text model), then the fusion of text and voice with the profile's weights. */
async function analyzeTranscript(ctx: Ctx, memoId: number, transcript: string, notes: string[]): Promise<void> {
  const profileId = getMemo(ctx.db, memoId).profileId
  const textPack = await activeTextPack(ctx, profileId)
  if (textPack.fallback) notes.push(textPack.fallback)
  const adapter = await adapterForReading(ctx, profileId, textPack.dir)
  const text = await ctx.analysis.request('analyze-text', { text: transcript, packDir: textPack.dir, ...(adapter ? { adapter: adapter.weights } : {}) })
  if (text.sentences.length === 0) {
    deleteMemoAnalyses(ctx.db, memoId, ['text', 'fused'])
    notes.push(MEMO_NOTES.noSentences)
    return
  }
  const stored = insertPersonalAnalysis(ctx.db, {
    memoId,
    source: 'text',
    modelId: text.modelId,
    labels: text.labels,
    probs: text.meanProbs,
    canonical: text.mix,
    sentences: text.sentences,
    adapterVersion: adapter?.version ?? null
  })
  storeFusion(ctx, memoId, stored)
}

/**
 * The fusion of the memo's current words and voice with the profile's weights; nothing without a
 * voice result. An uncertain voice reading (low confidence or a quality problem) gets no weight:
 * the words alone (src/shared/emotions-confidence.ts states the rule).
 */
export function storeFusion(ctx: Pick<Ctx, 'db'>, memoId: number, text = currentAnalysis(ctx.db, { memoId }, 'text')): void {
  const voice = currentAnalysis(ctx.db, { memoId }, 'audio')
  if (!voice || !text) return
  const { fusion } = getSettings(ctx.db, getMemo(ctx.db, memoId).profileId)
  const uncertain = getVoiceReading(ctx.db, voice.id)?.uncertain ?? false
  // Fused from what the models read; the writer's emotion for the memo, if any, is applied on top.
  insertPersonalAnalysis(ctx.db, {
    memoId,
    source: 'fused',
    modelId: `${text.modelId}+${voice.modelId}`,
    baselineId: voice.baselineId,
    labels: [],
    probs: [],
    canonical: fuseWithVoiceConfidence(text.reading ?? text.canonical, { canonical: voice.reading ?? voice.canonical, uncertain }, fusion).canonical,
    adapterVersion: text.adapterVersion
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
  let automaticBaselineChanged = false
  const setup = await voiceAnalysisSetup(ctx.db, ctx.resourcesDir, memo.profileId)
  if (!setup) notes.push(MEMO_NOTES.noVoiceModel)
  else {
    try {
      const voice = await ctx.analysis.request('analyze-audio', {
        // Bytes, opened here: the analysis process never sees a key or a path into the diary.
        wav: readMemoFile(ctx.files, memo.filePath),
        packDir: setup.packDir,
        ...voiceRequestFor(ctx.db, setup, memoId),
        mode: 'full'
      })
      const autoVersion = setup.automatic?.version ?? null
      ctx.db.transaction(() => {
        const stored = insertPersonalAnalysis(ctx.db, {
          memoId,
          source: 'audio',
          modelId: voice.modelId,
          baselineId: setup.choice.baselineId,
          labels: voice.labels,
          probs: voice.probs,
          canonical: voice.canonical
        })
        const source = voice.baselineUsed.source === 'given' ? (setup.choice.source === 'calibrated' ? 'calibrated' : 'gender-default') : voice.baselineUsed.source
        insertVoiceReading(ctx.db, stored.id, {
          baselineSource: source,
          autoBaselineId: autoVersion?.id ?? null,
          automaticVoicedSec: source === 'automatic' ? voice.baselineUsed.automaticVoicedSec : null,
          confidence: voice.confidence,
          uncertain: voice.uncertain,
          quality: { ok: voice.quality.ok, reason: voice.quality.reason, problems: voice.quality.problems }
        })
        // Every well-recorded memo feeds the profile's automatic baseline, calibrated or not (it is
        // there if the writer goes back to no calibration); a calibrated baseline is never replaced
        // by it. A memo that fails the quality check (too quiet, clipped) would describe the fault.
        if (voice.quality.ok) saveMemoVoiceStats(ctx.db, memoId, voice.voiceStats)
        else deleteMemoVoiceStats(ctx.db, memoId)
      })()
      automaticBaselineChanged = refreshAutomaticBaseline(ctx.db, memo.profileId).changed
      crashPoint('memo.analyze.voice')
    } catch (err) {
      notes.push((err as Error).message)
    }
  }
  if (memo.transcript?.trim()) await analyzeTranscript(ctx, memoId, memo.transcript, notes)
  else notes.push(MEMO_NOTES.noTranscript)
  return { ...storedMemoAnalysis(ctx, memoId, notes), ...(automaticBaselineChanged ? { automaticBaselineChanged } : {}) }
}

/** After the user edits a transcript: only the text and fused analyses are redone. */
export async function reanalyzeTranscript(ctx: Ctx, memoId: number): Promise<MemoAnalysis> {
  const memo = getMemo(ctx.db, memoId)
  const notes: string[] = []
  if (memo.transcript?.trim()) await analyzeTranscript(ctx, memoId, memo.transcript, notes)
  else deleteMemoAnalyses(ctx.db, memoId, ['text', 'fused']) // words cleared: the voice stands alone again
  return storedMemoAnalysis(ctx, memoId, notes)
}
