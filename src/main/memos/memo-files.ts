import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync } from 'node:fs'
import { dirname, join, posix } from 'node:path'
import { writeFully } from './recordings'

/** Finished memos live under `<data>/memos/<YYYY-MM>/`; paths are stored relative to the data folder with '/'. */
export const MEMOS_DIR = 'memos'

export function newMemoPath(entryDate: string, id: string): string {
  return posix.join(MEMOS_DIR, entryDate.slice(0, 7), `${entryDate}-${id}.wav`)
}

export const absoluteMemoPath = (dataDir: string, relative: string): string => join(dataDir, ...relative.split('/'))

/** Writes through a temporary file and a rename, so a crash never leaves half a WAV under the final name. */
export function writeMemoFile(dataDir: string, relative: string, parts: Uint8Array[]): string {
  const target = absoluteMemoPath(dataDir, relative)
  mkdirSync(dirname(target), { recursive: true })
  const tmp = `${target}.tmp`
  // Part by part (no concatenated copy of a 10-minute recording), flushed before the rename.
  const fd = openSync(tmp, 'w')
  try {
    for (const part of parts) writeFully(fd, part)
    fsyncSync(fd)
  } catch (err) {
    closeSync(fd)
    rmSync(tmp, { force: true })
    throw err
  }
  closeSync(fd)
  renameSync(tmp, target)
  return target
}

export function deleteMemoFiles(dataDir: string, relatives: readonly string[]): void {
  for (const r of relatives) rmSync(absoluteMemoPath(dataDir, r), { force: true })
}
