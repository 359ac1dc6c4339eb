import { randomBytes } from 'node:crypto'
import { closeSync, existsSync, fsyncSync, ftruncateSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { HaruApiError } from '../../shared/api/errors'
import { MAX_MEMO_SECONDS } from '../../shared/api/memos-schemas'
import { crashPoint } from '../crash-points'
import type { DiaryFiles } from '../files/diary-files'
import { ensurePrivateDir, openPrivate, writeFully, writePrivateFile } from '../files/private-files'
import { HEADER_BYTES, newHeader, openRecords, RECORD_OVERHEAD, SealedFileError, sealRecords } from '../files/sealed'


/**
 * Recordings in progress, on disk from the first second: `<data>/recordings/<id>.pcm` holds the
 * 16-bit PCM received so far (each chunk fsynced before the renderer is told it is safe) and
 * `<id>.json` what it belongs to and how far it got. A crash therefore loses at most the chunk in
 * flight (~1 s), and whatever is left here at the next start is an orphan the user can keep or
 * discard (finish.ts decides which, and completes or rolls back an interrupted finish).
 *
 * In an encrypted diary the PCM file is a sealed stream (files/sealed.ts): each acknowledged
 * chunk is appended as new AES-256-GCM records after the acknowledged ones, never rewriting them,
 * and the metadata also records how long the file was at that point (`diskBytes`), so a torn
 * record is cut off before the resend, exactly as a torn plain tail is.
 */

export interface RecordingMeta {
  profileId: number
  entryDate: string
  sampleRate: number
  startedAt: string
  /** The next chunk number expected; a resent chunk below it is ignored, a gap is an error. */
  nextSeq: number
  /**
   * Bytes of the chunks acknowledged so far. The PCM file can be longer when a chunk's audio was
   * written but its acknowledgement was not (a failed metadata write, a crash): that tail is cut
   * before the chunk is written again, so a resend is never stored twice. Absent in recordings
   * made by Haru before this field existed (then the file's length is taken).
   */
  bytes?: number
  /** The process that began it (absent in recordings older than this field): an empty recording of a live one is not garbage. */
  pid?: number
  /** Set while `memos.finish` turns the recording into a memo; see finish.ts. */
  finishing?: FinishMark
  /** The PCM file is a sealed stream (an encrypted diary). */
  sealed?: true
  /** Sealed only: the file's length when `bytes` were acknowledged; what lies past it is an unacknowledged or torn tail. */
  diskBytes?: number
}

/** Written before the memo's WAV and row, so recovery knows which WAV an interrupted finish made. */
export interface FinishMark {
  /** The memo's WAV, relative to the data folder. */
  filePath: string
  /** The process finishing it, and when: a mark of a live process is its finish in progress. */
  pid: number
  at: string
}

export const RECORDINGS_DIR = 'recordings'
const dirOf = (dataDir: string): string => join(dataDir, RECORDINGS_DIR)
export const pcmPath = (dataDir: string, id: string): string => join(dirOf(dataDir), `${id}.pcm`)
const metaPath = (dataDir: string, id: string): string => join(dirOf(dataDir), `${id}.json`)
const RECORDING_META = /^[a-f0-9]{32}\.json$/

export function writeMeta(dataDir: string, id: string, meta: RecordingMeta): void {
  const tmp = `${metaPath(dataDir, id)}.tmp`
  writePrivateFile(tmp, JSON.stringify(meta))
  renameSync(tmp, metaPath(dataDir, id))
}

export function readMeta(dataDir: string, id: string): RecordingMeta {
  try {
    return JSON.parse(readFileSync(metaPath(dataDir, id), 'utf8')) as RecordingMeta
  } catch {
    throw new HaruApiError('not-found', `no recording in progress with id ${id}`)
  }
}

/** Ids of every recording with metadata on disk. */
export function recordingIds(dataDir: string): string[] {
  if (!existsSync(dirOf(dataDir))) return []
  return readdirSync(dirOf(dataDir))
    .filter((f) => RECORDING_META.test(f))
    .map((f) => f.slice(0, 32))
}

type NewRecording = Omit<RecordingMeta, 'startedAt' | 'nextSeq' | 'bytes' | 'finishing' | 'pid' | 'sealed' | 'diskBytes'>

export function beginRecording(files: DiaryFiles, meta: NewRecording): string {
  const { dataDir } = files
  ensurePrivateDir(dirOf(dataDir))
  const id = randomBytes(16).toString('hex')
  const seal = files.sealKey
  const fd = openPrivate(pcmPath(dataDir, id), 'w')
  try {
    // A sealed stream starts with its header (which names the file's own key); a plain one empty.
    if (seal) {
      writeFully(fd, newHeader(seal))
      fsyncSync(fd)
    }
  } finally {
    closeSync(fd)
  }
  crashPoint('recording.begin.pcm')
  const base = { ...meta, startedAt: new Date().toISOString(), nextSeq: 0, bytes: 0, pid: process.pid }
  writeMeta(dataDir, id, seal ? { ...base, sealed: true, diskBytes: HEADER_BYTES } : base)
  crashPoint('recording.begin.meta')
  return id
}

/** Whole 16-bit samples only: a torn tail (a write cut short by a crash or power loss) may leave an odd byte. */
export const recordedSeconds = (bytes: number, sampleRate: number): number => Math.floor(bytes / 2) / sampleRate

function sealKeyFor(files: DiaryFiles, id: string) {
  const seal = files.sealKey
  if (!seal) throw new HaruApiError('locked', `recording ${id} is encrypted and the diary is not unlocked`)
  return seal
}

/**
 * The PCM a recording holds so far (what finishing turns into the memo's WAV): every whole,
 * authentic record of a sealed one (a torn last record is left out), the file of a plain one.
 */
export function readRecordingPcm(files: DiaryFiles, id: string): Buffer {
  const bytes = readFileSync(pcmPath(files.dataDir, id))
  const meta = readMeta(files.dataDir, id)
  if (!meta.sealed) return bytes
  try {
    return openRecords(bytes, sealKeyFor(files, id), { whole: false, trustedBytes: meta.diskBytes ?? 0, where: `recording ${id}` }).plain
  } catch (err) {
    if (err instanceof SealedFileError) throw new HaruApiError('storage', err.message)
    throw err
  }
}

/** Bytes of PCM on disk for a recording (0 when its file is gone); of a sealed one, read from its records' lengths. */
export function pcmBytes(dataDir: string, id: string): number {
  const path = pcmPath(dataDir, id)
  const size = statSync(path, { throwIfNoEntry: false })?.size ?? 0
  let sealed = false
  try {
    sealed = readMeta(dataDir, id).sealed === true
  } catch {
    // no metadata: a stray file, counted by size
  }
  return sealed && size > 0 ? sealedPlainBytes(path, size) : size
}

/** Plaintext bytes of a sealed stream's complete records, from the length fields alone (no decryption). */
function sealedPlainBytes(path: string, size: number): number {
  const fd = openSync(path, 'r')
  try {
    const field = Buffer.alloc(4)
    let at = HEADER_BYTES
    let total = 0
    while (size - at >= RECORD_OVERHEAD && readSync(fd, field, 0, 4, at) === 4) {
      const length = field.readUInt32LE(0) & 0x7fff_ffff
      if (size - at < RECORD_OVERHEAD + length) break
      total += length
      at += RECORD_OVERHEAD + length
    }
    return total
  } finally {
    closeSync(fd)
  }
}

/** A failed metadata write is the diary's own storage failing, never the caller's input. */
function metaWriteFailed(err: unknown): HaruApiError {
  if ((err as { code?: unknown }).code === 'ENOSPC') return new HaruApiError('storage-full', 'the disk is full; the chunk is kept on screen and sent again')
  return new HaruApiError('storage', "the recording's progress could not be saved to disk; the chunk is kept and sent again")
}

type ChunkAnswer = { seq: number; durationSec: number }

/**
 * The checks every chunk passes, plain or sealed: a chunk already acknowledged is answered again
 * (null: a new chunk to write), a gap or a bad chunk is refused.
 */
function repeatedOrRefused(meta: RecordingMeta, seq: number, acked: number, pcm16: Uint8Array): ChunkAnswer | null {
  if (seq < meta.nextSeq) return { seq, durationSec: recordedSeconds(acked, meta.sampleRate) }
  if (seq > meta.nextSeq) throw new HaruApiError('conflict', `chunk ${seq} arrived but chunk ${meta.nextSeq} is missing`)
  if (pcm16.length % 2 !== 0) throw new HaruApiError('invalid-input', 'a 16-bit PCM chunk must have an even number of bytes')
  if (recordedSeconds(acked + pcm16.length, meta.sampleRate) > MAX_MEMO_SECONDS + 2) {
    throw new HaruApiError('invalid-input', `a voice memo is limited to ${MAX_MEMO_SECONDS / 60} minutes`)
  }
  return null
}

/**
 * Replaces whatever follows the first `keep` bytes of the file (audio of an earlier attempt at this
 * very chunk, written but never acknowledged) with `parts`, flushed. On failure (a full disk can
 * take part of a chunk) the file is cut back to `keep`, so every later sample stays aligned and the
 * caller can retry the same seq once there is room. `parts` may read the open file first.
 */
function writeAfter(path: string, keep: number, size: number, parts: (fd: number) => readonly Uint8Array[]): number {
  const fd = openPrivate(path, 'r+')
  let written = 0
  try {
    const chunk = parts(fd)
    if (size > keep) ftruncateSync(fd, keep)
    for (const part of chunk) {
      writeFully(fd, part, keep + written)
      written += part.length
    }
    fsyncSync(fd)
  } catch (err) {
    try {
      ftruncateSync(fd, keep)
    } catch {
      // not a regular file (or the disk refuses even this): the original error is the one to report
    }
    throw err
  } finally {
    closeSync(fd)
  }
  return written
}

/** The chunk is on disk: its acknowledgement is the metadata that says so. */
function acknowledge(dataDir: string, id: string, meta: RecordingMeta, next: Partial<RecordingMeta>): ChunkAnswer {
  crashPoint('recording.append.audio')
  const seq = meta.nextSeq
  try {
    writeMeta(dataDir, id, { ...meta, ...next, nextSeq: seq + 1 })
  } catch (err) {
    throw metaWriteFailed(err)
  }
  crashPoint('recording.append.meta')
  return { seq, durationSec: recordedSeconds(next.bytes ?? 0, meta.sampleRate) }
}

export function appendChunk(files: DiaryFiles, id: string, seq: number, pcm16: Uint8Array): ChunkAnswer {
  const { dataDir } = files
  const meta = readMeta(dataDir, id)
  if (meta.finishing) throw new HaruApiError('conflict', `recording ${id} is being finished; no more chunks can be added`)
  // Never plain audio into an encrypted diary (turning encryption on converts every recording first).
  if (files.sealing && !meta.sealed) throw new HaruApiError('storage', `recording ${id} is not encrypted like the rest of the diary; discard it`)
  if (meta.sealed) return appendSealed(files, id, meta, seq, pcm16)
  const path = pcmPath(dataDir, id)
  const size = statSync(path).size
  // Where the acknowledged audio ends; never past the file (a file cut short by something else keeps no hole).
  const acked = Math.min(meta.bytes ?? size, size)
  const repeated = repeatedOrRefused(meta, seq, acked, pcm16)
  if (repeated) return repeated
  writeAfter(path, acked, size, () => [pcm16])
  return acknowledge(dataDir, id, meta, { bytes: acked + pcm16.length })
}

/** The same steps for a sealed stream: the acknowledged length is `diskBytes`, the chunk becomes new records after it. */
function appendSealed(files: DiaryFiles, id: string, meta: RecordingMeta, seq: number, pcm16: Uint8Array): ChunkAnswer {
  const { dataDir } = files
  const seal = sealKeyFor(files, id)
  const path = pcmPath(dataDir, id)
  const size = statSync(path).size
  const ackedDisk = Math.min(meta.diskBytes ?? size, size)
  const acked = meta.bytes ?? 0
  const repeated = repeatedOrRefused(meta, seq, acked, pcm16)
  if (repeated) return repeated
  const written = writeAfter(path, ackedDisk, size, (fd) => {
    const header = Buffer.alloc(HEADER_BYTES)
    if (readSync(fd, header, 0, HEADER_BYTES, 0) !== HEADER_BYTES) throw new HaruApiError('storage', `recording ${id} has lost its header; discard it`)
    // An empty chunk (the recorder's last, say) takes its sequence number and adds no record.
    return pcm16.length > 0 ? sealRecords(seal, header, acked, pcm16, false) : []
  })
  return acknowledge(dataDir, id, meta, { bytes: acked + pcm16.length, diskBytes: ackedDisk + written })
}

/** Removes a recording: its audio first, then its metadata (recovery reads a lone metadata file as "removed"). */
export function removeRecordingFiles(dataDir: string, id: string, afterAudio?: () => void): void {
  rmSync(pcmPath(dataDir, id), { force: true })
  afterAudio?.()
  rmSync(metaPath(dataDir, id), { force: true })
  rmSync(`${metaPath(dataDir, id)}.tmp`, { force: true })
}

/** Empty PCM files (a sealed one: its header alone) without metadata: a crash inside `beginRecording`. Only old ones, never a begin in progress. */
export function sweepStrayPcm(dataDir: string, olderThanMs: number): void {
  if (!existsSync(dirOf(dataDir))) return
  const known = new Set(recordingIds(dataDir))
  for (const f of readdirSync(dirOf(dataDir))) {
    const m = /^([a-f0-9]{32})\.pcm$/.exec(f)
    if (!m || known.has(m[1]!)) continue
    const st = statSync(join(dirOf(dataDir), f), { throwIfNoEntry: false })
    if (st?.isFile() && st.size <= HEADER_BYTES && Date.now() - st.mtimeMs > olderThanMs) rmSync(join(dirOf(dataDir), f), { force: true })
  }
}
