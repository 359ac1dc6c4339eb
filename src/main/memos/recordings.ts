import { randomBytes } from 'node:crypto'
import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { HaruApiError } from '../../shared/api/errors'
import { MAX_MEMO_SECONDS, type OrphanRecording } from '../../shared/api/memos-schemas'

/**
 * Recordings in progress, on disk from the first second: `<data>/recordings/<id>.pcm` holds the
 * 16-bit PCM received so far (each chunk fsynced before the renderer is told it is safe) and
 * `<id>.json` what it belongs to. A crash therefore loses at most the chunk in flight (~1 s),
 * and whatever is left here at the next start is an orphan the user can keep or discard.
 */

export interface RecordingMeta {
  profileId: number
  entryDate: string
  sampleRate: number
  startedAt: string
  /** The next chunk number expected; a resent chunk below it is ignored, a gap is an error. */
  nextSeq: number
}

export const RECORDINGS_DIR = 'recordings'
const dirOf = (dataDir: string): string => join(dataDir, RECORDINGS_DIR)
export const pcmPath = (dataDir: string, id: string): string => join(dirOf(dataDir), `${id}.pcm`)
const metaPath = (dataDir: string, id: string): string => join(dirOf(dataDir), `${id}.json`)

function writeMeta(dataDir: string, id: string, meta: RecordingMeta): void {
  const tmp = `${metaPath(dataDir, id)}.tmp`
  writeFileSync(tmp, JSON.stringify(meta))
  renameSync(tmp, metaPath(dataDir, id))
}

export function readMeta(dataDir: string, id: string): RecordingMeta {
  try {
    return JSON.parse(readFileSync(metaPath(dataDir, id), 'utf8')) as RecordingMeta
  } catch {
    throw new HaruApiError('not-found', `no recording in progress with id ${id}`)
  }
}

export function beginRecording(dataDir: string, meta: Omit<RecordingMeta, 'startedAt' | 'nextSeq'>): string {
  mkdirSync(dirOf(dataDir), { recursive: true })
  const id = randomBytes(16).toString('hex')
  writeFileSync(pcmPath(dataDir, id), new Uint8Array(0))
  writeMeta(dataDir, id, { ...meta, startedAt: new Date().toISOString(), nextSeq: 0 })
  return id
}

/** Whole 16-bit samples only: a torn tail (a write cut short by a crash or power loss) may leave an odd byte. */
export const recordedSeconds = (bytes: number, sampleRate: number): number => Math.floor(bytes / 2) / sampleRate

/** writeSync may write less than asked (a nearly full disk); keep going until all of it is written. */
export function writeFully(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done)
}

export function appendChunk(dataDir: string, id: string, seq: number, pcm16: Uint8Array): { seq: number; durationSec: number } {
  const meta = readMeta(dataDir, id)
  const path = pcmPath(dataDir, id)
  const size = statSync(path).size
  if (seq < meta.nextSeq) return { seq, durationSec: recordedSeconds(size, meta.sampleRate) }
  if (seq > meta.nextSeq) throw new HaruApiError('conflict', `chunk ${seq} arrived but chunk ${meta.nextSeq} is missing`)
  if (pcm16.length % 2 !== 0) throw new HaruApiError('invalid-input', 'a 16-bit PCM chunk must have an even number of bytes')
  if (recordedSeconds(size + pcm16.length, meta.sampleRate) > MAX_MEMO_SECONDS + 2) {
    throw new HaruApiError('invalid-input', `a voice memo is limited to ${MAX_MEMO_SECONDS / 60} minutes`)
  }
  const fd = openSync(path, 'a')
  try {
    writeFully(fd, pcm16)
    fsyncSync(fd)
  } catch (err) {
    // A full disk can take part of a chunk: cut back to the last acknowledged chunk so every later
    // sample stays aligned, and let the caller retry the same seq once there is room.
    try {
      ftruncateSync(fd, size)
    } catch {
      // not a regular file (or the disk refuses even this): the original error is the one to report
    }
    throw err
  } finally {
    closeSync(fd)
  }
  writeMeta(dataDir, id, { ...meta, nextSeq: seq + 1 })
  return { seq, durationSec: recordedSeconds(size + pcm16.length, meta.sampleRate) }
}

export function discardRecording(dataDir: string, id: string): void {
  readMeta(dataDir, id)
  rmSync(pcmPath(dataDir, id), { force: true })
  rmSync(metaPath(dataDir, id), { force: true })
}

/** Every recording still on disk for the profile: after a crash, these are what was being recorded. */
export function listRecordings(dataDir: string, profileId: number): OrphanRecording[] {
  if (!existsSync(dirOf(dataDir))) return []
  return readdirSync(dirOf(dataDir))
    .filter((f) => /^[a-f0-9]{32}\.json$/.test(f))
    .map((f) => f.slice(0, 32))
    .flatMap((id) => {
      try {
        const meta = readMeta(dataDir, id)
        if (meta.profileId !== profileId) return []
        const bytes = existsSync(pcmPath(dataDir, id)) ? statSync(pcmPath(dataDir, id)).size : 0
        return [{ recordingId: id, entryDate: meta.entryDate, durationSec: recordedSeconds(bytes, meta.sampleRate), startedAt: meta.startedAt }]
      } catch {
        return []
      }
    })
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt))
}
