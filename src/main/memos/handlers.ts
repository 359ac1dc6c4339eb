import { randomBytes } from 'node:crypto'
import { readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { DomainHandlers } from '../../shared/api/contract'
import { HaruApiError } from '../../shared/api/errors'
import { wav16Header } from '../../shared/audio/wav'
import type { HandlerContext } from '../api/handlers'
import { transcribeMemo } from '../asr/handlers'
import { getProfile } from '../repos/profiles'
import { getSettings, updateSettings } from '../repos/settings'
import { scheduleAdapterTraining } from '../adaptation/profile-adapter'
import { requestReanalysis } from '../adaptation/reanalysis'
import { absoluteMemoPath, deleteMemoFiles, newMemoPath, writeMemoFile } from './memo-files'
import { analyzeMemo, reanalyzeTranscript, storedMemoAnalysis } from './memo-analysis'
import { deleteMemoRow, getMemo, insertMemo, listMemos, setTranscript } from './memo-repo'
import { appendChunk, beginRecording, discardRecording, listRecordings, pcmPath, readMeta, recordedSeconds, RECORDINGS_DIR } from './recordings'

/** Turns a finished (or recovered) recording into a WAV and a memo in one step; the recording is removed only after both exist. */
function finishRecording(ctx: HandlerContext, recordingId: string) {
  const meta = readMeta(ctx.dataDir, recordingId)
  const file = readFileSync(pcmPath(ctx.dataDir, recordingId))
  // A torn tail (a crash mid-write) can leave an odd byte; the WAV holds whole samples only.
  const pcm = file.subarray(0, file.length & ~1)
  if (pcm.length < 2) throw new HaruApiError('invalid-input', 'the recording is empty; nothing was saved')
  const relative = newMemoPath(meta.entryDate, recordingId)
  writeMemoFile(ctx.dataDir, relative, [wav16Header(pcm.length, meta.sampleRate), pcm])
  try {
    const memo = insertMemo(ctx.db, { profileId: meta.profileId, entryDate: meta.entryDate, filePath: relative, durationSec: recordedSeconds(pcm.length, meta.sampleRate), sampleRate: meta.sampleRate })
    discardRecording(ctx.dataDir, recordingId)
    return memo
  } catch (err) {
    // The recording stays where it was, so the user can try again (or recover it after a restart).
    deleteMemoFiles(ctx.dataDir, [relative])
    throw err
  }
}

export const memosHandlers: DomainHandlers<'memos', HandlerContext> = {
  begin: ({ profileId, entryDate, sampleRate }, ctx) => {
    getProfile(ctx.db, profileId)
    return { recordingId: beginRecording(ctx.dataDir, { profileId, entryDate, sampleRate }) }
  },
  appendChunk: ({ recordingId, seq, pcm16 }, ctx) => appendChunk(ctx.dataDir, recordingId, seq, Buffer.from(pcm16, 'base64')),
  finish: ({ recordingId }, ctx) => finishRecording(ctx, recordingId),
  discard: ({ recordingId }, ctx) => {
    discardRecording(ctx.dataDir, recordingId)
    return { discarded: true as const }
  },
  orphans: ({ profileId }, ctx) => listRecordings(ctx.dataDir, profileId),
  list: ({ entryId }, ctx) => listMemos(ctx.db, entryId),
  audio: ({ memoId }, ctx) => {
    const memo = getMemo(ctx.db, memoId)
    let bytes: Buffer
    try {
      bytes = readFileSync(absoluteMemoPath(ctx.dataDir, memo.filePath))
    } catch {
      throw new HaruApiError('not-found', `the audio file of memo ${memoId} is missing (${memo.filePath})`)
    }
    return { wavBase64: bytes.toString('base64'), sampleRate: memo.sampleRate, durationSec: memo.durationSec }
  },
  delete: ({ memoId }, ctx) => {
    const file = deleteMemoRow(ctx.db, memoId)
    deleteMemoFiles(ctx.dataDir, [file])
    return { id: memoId, deleted: true as const }
  },
  import: async ({ profileId, entryDate, dataBase64 }, ctx) => {
    getProfile(ctx.db, profileId)
    const id = randomBytes(16).toString('hex')
    const incoming = join(ctx.dataDir, RECORDINGS_DIR, `import-${id}.bin`)
    mkdirSync(join(ctx.dataDir, RECORDINGS_DIR), { recursive: true })
    writeFileSync(incoming, Buffer.from(dataBase64, 'base64'))
    const relative = newMemoPath(entryDate, id)
    try {
      const normalized = await ctx.analysis.request('normalize-recording', { inPath: incoming, outPath: absoluteMemoPath(ctx.dataDir, relative) })
      try {
        return insertMemo(ctx.db, { profileId, entryDate, filePath: relative, durationSec: normalized.durationSec, sampleRate: normalized.sampleRate })
      } catch (err) {
        deleteMemoFiles(ctx.dataDir, [relative])
        throw err
      }
    } catch (err) {
      const code = (err as { code?: string }).code
      if (code && code !== 'ENOSPC' && !(err instanceof HaruApiError)) {
        throw new HaruApiError('invalid-input', `this file cannot be imported: ${(err as Error).message}`)
      }
      throw err
    } finally {
      rmSync(incoming, { force: true })
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
      void requestReanalysis(ctx, profileId, 'adaptation-setting')
    }
    return after
  }
}
