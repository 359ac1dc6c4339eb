import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, posix } from 'node:path'

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
  writeFileSync(tmp, Buffer.concat(parts))
  renameSync(tmp, target)
  return target
}

export function deleteMemoFiles(dataDir: string, relatives: readonly string[]): void {
  for (const r of relatives) rmSync(absoluteMemoPath(dataDir, r), { force: true })
}
