import type { DomainHandlers } from '../../shared/api/contract'
import type { AsrStatus } from '../../shared/api/asr-schemas'
import { HaruApiError } from '../../shared/api/errors'
import { ASR_MODELS } from '../../shared/asr'
import type { HandlerContext } from '../api/handlers'
import { readMemoFile } from '../memos/memo-files'
import { reanalyzeTranscript } from '../memos/memo-analysis'
import { getMemo, setTranscript } from '../memos/memo-repo'
import { activeAsrDir, cancelAsrDownload, downloadJob, isDownloaded, modelInfo, startAsrDownload, useAsrFolder } from './asr-models'

function status(dataDir: string): AsrStatus {
  return {
    activeDir: activeAsrDir(dataDir),
    models: ASR_MODELS.map((m) => ({ id: m.id, name: m.name, approxMb: m.approxMb, downloaded: isDownloaded(dataDir, m.id), job: downloadJob(dataDir, m.id) }))
  }
}

export const asrHandlers: DomainHandlers<'asr', HandlerContext> = {
  status: (_input, ctx) => status(ctx.dataDir),
  download: ({ modelId }, ctx) => {
    modelInfo(modelId)
    startAsrDownload(ctx.dataDir, modelId, process.env.HARU_ASR_BASE_URL ? `${process.env.HARU_ASR_BASE_URL}/${modelId}/` : undefined)
    return status(ctx.dataDir)
  },
  cancel: ({ modelId }, ctx) => {
    cancelAsrDownload(ctx.dataDir, modelId)
    return status(ctx.dataDir)
  },
  useFolder: ({ path }, ctx) => {
    useAsrFolder(ctx.dataDir, path)
    return status(ctx.dataDir)
  }
}

/** Transcribes a memo with the active Whisper model, stores the transcript and redoes its text analysis. */
export async function transcribeMemo(ctx: HandlerContext, memoId: number) {
  const memo = getMemo(ctx.db, memoId)
  const modelDir = activeAsrDir(ctx.dataDir)
  if (!modelDir) throw HaruApiError.because('unavailable', 'no transcription model yet: download one in Settings, or point Haru at a Whisper model folder', 'no-transcription-model')
  const { text } = await ctx.analysis.request('transcribe', { wav: readMemoFile(ctx.files, memo.filePath), modelDir })
  setTranscript(ctx.db, memoId, text || null)
  return reanalyzeTranscript(ctx, memoId)
}
