import { randomBytes } from 'node:crypto'
import type { DomainHandlers } from '../../shared/api/contract'
import { HaruApiError } from '../../shared/api/errors'
import type { HandlerContext } from '../api/handlers'
import { transcribeMemo } from '../asr/handlers'
import { getProfile } from '../repos/profiles'
import { getSettings, updateSettings } from '../repos/settings'
import { scheduleAdapterTraining } from '../adaptation/profile-adapter'
import { requestReanalysis } from '../adaptation/reanalysis'
import { crashPoint } from '../crash-points'
import { fileProblem } from '../files/fs-errors'
import { deleteMemoFiles, newMemoPath, readMemoFile, writeMemoFile } from './memo-files'
import { discardOrphan, finishRecording, listOrphans } from './finish'
import { analyzeMemo, reanalyzeTranscript, storedMemoAnalysis } from './memo-analysis'
import { deleteMemoRow, getMemo, insertMemo, listMemos, setTranscript } from './memo-repo'
import { appendChunk, beginRecording } from './recordings'

export const memosHandlers: DomainHandlers<'memos', HandlerContext> = {
  begin: ({ profileId, entryDate, sampleRate }, ctx) => {
    getProfile(ctx.db, profileId)
    return { recordingId: beginRecording(ctx.files, { profileId, entryDate, sampleRate }) }
  },
  appendChunk: ({ recordingId, seq, pcm16 }, ctx) => appendChunk(ctx.files, recordingId, seq, Buffer.from(pcm16, 'base64')),
  finish: ({ recordingId }, ctx) => finishRecording(ctx, recordingId),
  discard: ({ recordingId }, ctx) => {
    discardOrphan(ctx, recordingId)
    return { discarded: true as const }
  },
  orphans: ({ profileId }, ctx) => listOrphans(ctx, profileId),
  list: ({ entryId }, ctx) => listMemos(ctx.db, entryId),
  audio: ({ memoId }, ctx) => {
    const memo = getMemo(ctx.db, memoId)
    let bytes: Buffer
    try {
      bytes = readMemoFile(ctx.files, memo.filePath)
    } catch (err) {
      // A damaged sealed file, or the diary locked meanwhile, says so; only a missing file is "missing".
      if (err instanceof HaruApiError) throw err
      throw new HaruApiError('not-found', `the audio file of memo ${memoId} is missing (${memo.filePath})`)
    }
    return { wavBase64: bytes.toString('base64'), sampleRate: memo.sampleRate, durationSec: memo.durationSec }
  },
  delete: ({ memoId }, ctx) => {
    // The row first: a crash before the file goes leaves only disk space, never a memo without audio.
    const file = deleteMemoRow(ctx.db, memoId)
    crashPoint('memo.delete.row')
    deleteMemoFiles(ctx.dataDir, [file])
    return { id: memoId, deleted: true as const }
  },
  import: async ({ profileId, entryDate, dataBase64 }, ctx) => {
    getProfile(ctx.db, profileId)
    const id = randomBytes(16).toString('hex')
    const relative = newMemoPath(entryDate, id)
    try {
      // The file's bytes go to the analysis process and come back as the memo's WAV; nothing of it
      // touches the disk before it is written as the memo (sealed in an encrypted diary).
      const normalized = await ctx.analysis.request('normalize-recording', { data: Buffer.from(dataBase64, 'base64') })
      writeMemoFile(ctx.files, relative, [normalized.wav])
      try {
        return insertMemo(ctx.db, { profileId, entryDate, filePath: relative, durationSec: normalized.durationSec, sampleRate: normalized.sampleRate })
      } catch (err) {
        deleteMemoFiles(ctx.dataDir, [relative])
        throw err
      }
    } catch (err) {
      const code = (err as { code?: string }).code
      const storage = ['storage', 'storage-full'].includes(fileProblem(err)?.code ?? '')
      if (code && !storage && !(err instanceof HaruApiError)) {
        throw new HaruApiError('invalid-input', `this file cannot be imported: ${(err as Error).message}`)
      }
      throw err
    }
  },
  setTranscript: async ({ memoId, transcript }, ctx) => {
    setTranscript(ctx.db, memoId, transcript.trim() ? transcript : null)
    return reanalyzeTranscript(ctx, memoId)
  },
  transcribe: ({ memoId }, ctx) => transcribeMemo(ctx, memoId),
  analyze: ({ memoId }, ctx) => analyzeMemo(ctx, memoId),
  analysis: ({ memoId }, ctx) => {
    getMemo(ctx.db, memoId)
    return storedMemoAnalysis(ctx, memoId)
  }
}

export const settingsHandlers: DomainHandlers<'settings', HandlerContext> = {
  get: ({ profileId }, ctx) => getSettings(ctx.db, profileId),
  set: ({ profileId, ...changes }, ctx) => {
    const before = getSettings(ctx.db, profileId)
    const after = updateSettings(ctx.db, profileId, changes)
    if (after.adaptation !== before.adaptation) {
      // Issue 12: the diary is read again with (or without) the profile's adapter, trained first if it is new.
      if (after.adaptation) void scheduleAdapterTraining(ctx, profileId, 0)
      requestReanalysis(ctx, profileId)
    }
    return after
  }
}
