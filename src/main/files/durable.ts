import { closeSync, constants, fsyncSync, openSync, renameSync, rmSync } from 'node:fs'
import { dirname } from 'node:path'
import { openPrivate, writeFully, writePrivateFileAtomic } from './private-files'

/**
 * What a rename needs to survive a power cut, not only a crash: the folder entry itself flushed.
 * Used where the order of two renames is what keeps the diary openable (the keyring, the steps
 * of turning encryption on or off). Windows cannot open a folder for fsync; NTFS journals renames.
 */
export function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return
  const fd = openSync(dir, constants.O_RDONLY)
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** fsync of a file by path (a file written elsewhere, e.g. by SQLite, before it is renamed into place). */
export function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** Whole file through a temporary name: flushed, renamed, and the rename flushed. */
export function writeFileDurable(target: string, parts: readonly Uint8Array[], afterTemp?: () => void): void {
  writePrivateFileAtomic(target, parts, afterTemp)
  fsyncDir(dirname(target))
}

/** A rename that is on disk when this returns. */
export function renameDurable(from: string, to: string): void {
  renameSync(from, to)
  fsyncDir(dirname(to))
  if (dirname(from) !== dirname(to)) fsyncDir(dirname(from))
}

/** Writes a new file with exactly these bytes and flushes it (no rename: the caller renames later). */
export function writeFlushed(path: string, parts: readonly Uint8Array[]): void {
  const fd = openPrivate(path, 'w')
  try {
    for (const p of parts) writeFully(fd, p)
    fsyncSync(fd)
  } catch (err) {
    closeSync(fd)
    rmSync(path, { force: true })
    throw err
  }
  closeSync(fd)
}
