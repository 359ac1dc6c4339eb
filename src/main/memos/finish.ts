import { existsSync } from 'node:fs'
import { HaruApiError } from '../../shared/api/errors'
import type { OrphanRecording, VoiceMemo } from '../../shared/api/memos-schemas'
import { wav16Header } from '../../shared/audio/wav'
import { crashPoint } from '../crash-points'
import type { Db } from '../db/open'
import type { DiaryFiles } from '../files/diary-files'
import { deleteMemoFiles, newMemoPath, sweepUnreferencedMemoFiles, writeMemoFile } from './memo-files'
import { insertMemo, memoByFilePath, recordingFilePaths } from './memo-repo'
import { pcmBytes, pcmPath, readMeta, readRecordingPcm, recordedSeconds, recordingIds, removeRecordingFiles, sweepStrayPcm, writeMeta, type RecordingMeta } from './recordings'

/**
 * `memos.finish` as a recoverable state machine. A recording becomes a memo in four steps:
 *
 *   1. mark   the recording's metadata names the memo's WAV (`finishing`): from here on a crash
 *             is recognised as an interrupted finish, not as a recording still to offer;
 *   2. WAV    written through a temporary file and a rename;
 *   3. row    the memo row (one transaction; its file path is unique to the recording);
 *   4. remove the recording: audio, then metadata.
 *
 * Recovery (`settleRecording`, run for every recording when the diary opens and before a recording
 * is listed, finished or discarded) looks at what a crash left: a memo row with the recording's
 * WAV means the finish got past step 3, so it is completed (the recording is removed, never
 * offered again); a mark without a row means it stopped in steps 1–2, so it is rolled back (the
 * WAV goes, the mark is cleared, the recording is offered as before). Every acknowledged second of
 * audio is thus in exactly one memo or one recording, at every crash point
 * (tests/unit/hardening/crash-points.test.ts kills a real process at each).
 */

/** A mark older than this is never a finish in progress (one takes well under a second). */
const STALE_MARK_MS = 60_000

type Ctx = { db: Db; dataDir: string; files: DiaryFiles }

export type Settled =
  | { state: 'open'; meta: RecordingMeta }
  | { state: 'completed'; memo: VoiceMemo }
  | { state: 'removed' }
  | { state: 'busy' }

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM'
  }
}

/** Another live process is finishing this recording right now (finishing is synchronous, so never this one). */
function finishingElsewhere(mark: NonNullable<RecordingMeta['finishing']>): boolean {
  if (mark.pid === process.pid) return false
  return Date.now() - Date.parse(mark.at) < STALE_MARK_MS && pidAlive(mark.pid)
}

export function settleRecording(ctx: Ctx, id: string): Settled {
  const meta = readMeta(ctx.dataDir, id)
  const filePath = meta.finishing?.filePath ?? newMemoPath(meta.entryDate, id)
  const memo = memoByFilePath(ctx.db, filePath)
  if (memo) {
    // Past step 3: the memo holds the audio; what is left of the recording goes.
    removeRecordingFiles(ctx.dataDir, id)
    return { state: 'completed', memo }
  }
  if (meta.finishing) {
    if (finishingElsewhere(meta.finishing)) return { state: 'busy' }
    deleteMemoFiles(ctx.dataDir, [meta.finishing.filePath])
    const { finishing: _rolledBack, ...open } = meta
    writeMeta(ctx.dataDir, id, open)
    return { state: 'open', meta: open }
  }
  if (!existsSync(pcmPath(ctx.dataDir, id))) {
    // Metadata without audio and without a memo: what a discard interrupted between its two removals.
    removeRecordingFiles(ctx.dataDir, id)
    return { state: 'removed' }
  }
  if (pcmBytes(ctx.dataDir, id) === 0 && !recorderMayBeAlive(meta)) {
    // Begun, never a chunk, and its recorder is gone: nothing to keep.
    removeRecordingFiles(ctx.dataDir, id)
    return { state: 'removed' }
  }
  return { state: 'open', meta }
}

/** An empty recording may still be filled by the process that began it (this one, or another live one). */
function recorderMayBeAlive(meta: RecordingMeta): boolean {
  if (meta.pid === undefined) return Date.now() - Date.parse(meta.startedAt) < STALE_MARK_MS
  return meta.pid === process.pid || pidAlive(meta.pid)
}

/** Every recording of the profile still on disk with audio in it, after recovery: what a crash interrupted. */
export function listOrphans(ctx: Ctx, profileId: number): OrphanRecording[] {
  return recordingIds(ctx.dataDir)
    .flatMap((id) => {
      try {
        const settled = settleRecording(ctx, id)
        if (settled.state !== 'open' || settled.meta.profileId !== profileId) return []
        const durationSec = recordedSeconds(pcmBytes(ctx.dataDir, id), settled.meta.sampleRate)
        // An empty one has nothing to keep; a live recorder may still be filling it.
        return durationSec > 0 ? [{ recordingId: id, entryDate: settled.meta.entryDate, durationSec, startedAt: settled.meta.startedAt }] : []
      } catch {
        return []
      }
    })
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt))
}

/** Discards a recording (after recovery: a finished one is not discarded with its memo's audio). */
export function discardOrphan(ctx: Ctx, id: string): void {
  const settled = settleRecording(ctx, id)
  if (settled.state === 'busy') throw new HaruApiError('conflict', `recording ${id} is being finished by another Haru process`)
  if (settled.state === 'open') removeRecordingFiles(ctx.dataDir, id)
}

/**
 * Recovery when the diary opens: every recording is settled, then files no memo or recording can
 * claim go (an empty PCM of a crashed begin; the WAV of a memo deleted just before a crash).
 */
export function recoverRecordings(ctx: Ctx): void {
  const claimed = new Set<string>()
  for (const id of recordingIds(ctx.dataDir)) {
    try {
      const settled = settleRecording(ctx, id)
      if (settled.state === 'open' || settled.state === 'busy') {
        const meta = readMeta(ctx.dataDir, id)
        claimed.add(meta.finishing?.filePath ?? newMemoPath(meta.entryDate, id))
      }
    } catch {
      // An unreadable recording stays as it is; listing it later skips it.
    }
  }
  sweepStrayPcm(ctx.dataDir, STALE_MARK_MS)
  sweepUnreferencedMemoFiles(ctx.dataDir, recordingFilePaths(ctx.db), claimed, STALE_MARK_MS)
}

export function finishRecording(ctx: Ctx, recordingId: string): VoiceMemo {
  const settled = settleRecording(ctx, recordingId)
  if (settled.state === 'completed') return settled.memo
  if (settled.state === 'busy') throw new HaruApiError('conflict', `recording ${recordingId} is being finished by another Haru process`)
  if (settled.state === 'removed') throw new HaruApiError('not-found', `no recording in progress with id ${recordingId}`)
  const meta = settled.meta
  const file = readRecordingPcm(ctx.files, recordingId)
  // A torn tail (a crash mid-write) can leave an odd byte; the WAV holds whole samples only.
  const pcm = file.subarray(0, file.length & ~1)
  if (pcm.length < 2) throw new HaruApiError('invalid-input', 'the recording is empty; nothing was saved')
  const filePath = newMemoPath(meta.entryDate, recordingId)

  writeMeta(ctx.dataDir, recordingId, { ...meta, finishing: { filePath, pid: process.pid, at: new Date().toISOString() } })
  crashPoint('memo.finish.marked')
  let memo: VoiceMemo
  try {
    writeMemoFile(ctx.files, filePath, [wav16Header(pcm.length, meta.sampleRate), pcm])
    crashPoint('memo.finish.wav')
    memo = insertMemo(ctx.db, { profileId: meta.profileId, entryDate: meta.entryDate, filePath, durationSec: recordedSeconds(pcm.length, meta.sampleRate), sampleRate: meta.sampleRate })
  } catch (err) {
    // Rolled back at once, so the user can try again; if even this fails, recovery does it later.
    try {
      deleteMemoFiles(ctx.dataDir, [filePath])
      writeMeta(ctx.dataDir, recordingId, meta)
    } catch {
      // left for recovery
    }
    throw err
  }
  crashPoint('memo.finish.row')
  removeRecordingFiles(ctx.dataDir, recordingId, () => crashPoint('memo.finish.audio-removed'))
  return memo
}
