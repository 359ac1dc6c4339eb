import { chmodSync, closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'

/**
 * How Haru writes the diary's own files (database, recordings, memos, calibration takes, model
 * packs, exports): owner-only permissions, because a diary is private to the account it belongs to
 * even on a shared computer, and whole files through a temporary name and a rename where a torn
 * file would matter. Every write of audio goes through here or through recordings.ts, so a later
 * layer (an encrypted data folder) has a few functions to wrap rather than scattered fs calls.
 * Windows ignores POSIX modes; its per-user profile folder already keeps other accounts out.
 */
export const PRIVATE_DIR_MODE = 0o700
export const PRIVATE_FILE_MODE = 0o600

/** Creates a folder (and its parents) readable by the owner only; an existing folder keeps its mode. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
}

/**
 * The data folder: created owner-only. One an earlier Haru created 0755 is tightened, with the
 * files named (the database and its WAL: they hold everything), but only when it already holds
 * `marker` (the database): a folder someone points `--data-dir` at for the first time keeps its mode.
 */
export function securePrivateRoot(dir: string, marker: string, files: readonly string[] = []): void {
  const existed = statSync(dir, { throwIfNoEntry: false }) !== undefined
  ensurePrivateDir(dir)
  if (process.platform === 'win32') return
  if (existed && statSync(marker, { throwIfNoEntry: false }) !== undefined) tighten(dir, PRIVATE_DIR_MODE)
  for (const f of files) tighten(f, PRIVATE_FILE_MODE)
}

function tighten(path: string, mode: number): void {
  const st = statSync(path, { throwIfNoEntry: false })
  if (st && (st.mode & 0o077) !== 0) chmodSync(path, mode)
}

/** writeSync may write less than asked (a nearly full disk); keep going until all of it is written. */
export function writeFully(fd: number, bytes: Uint8Array, position?: number): void {
  for (let done = 0; done < bytes.length; ) {
    done += writeSync(fd, bytes, done, bytes.length - done, position === undefined ? null : position + done)
  }
}

/** Opens (creating owner-only when new) a file for writing; `flags` as for fs.openSync. */
export function openPrivate(path: string, flags: string): number {
  return openSync(path, flags, PRIVATE_FILE_MODE)
}

/** A small file written in one go, owner-only (metadata, settings). Not atomic: see `writePrivateFileAtomic`. */
export function writePrivateFile(path: string, data: string | Uint8Array): void {
  writeFileSync(path, data, { mode: PRIVATE_FILE_MODE })
}

/**
 * Writes `parts` to `target` through `<target>.tmp`, flushed before the rename, so a crash never
 * leaves half a file under the final name. Part by part: no concatenated copy of a long recording.
 * `afterTemp` runs between the flush and the rename (a crash point in the tests).
 */
export function writePrivateFileAtomic(target: string, parts: readonly Uint8Array[], afterTemp?: () => void): void {
  ensurePrivateDir(dirname(target))
  const tmp = `${target}.tmp`
  const fd = openPrivate(tmp, 'w')
  try {
    for (const part of parts) writeFully(fd, part)
    fsyncSync(fd)
  } catch (err) {
    closeSync(fd)
    rmSync(tmp, { force: true })
    throw err
  }
  closeSync(fd)
  afterTemp?.()
  renameSync(tmp, target)
}
