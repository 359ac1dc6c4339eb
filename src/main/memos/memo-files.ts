import { lstatSync, readdirSync, rmSync } from 'node:fs'
import { join, posix } from 'node:path'
import { crashPoint } from '../crash-points'
import type { DiaryFiles } from '../files/diary-files'

/** Finished memos live under `<data>/memos/<YYYY-MM>/`; paths are stored relative to the data folder with '/'. */
export const MEMOS_DIR = 'memos'

export function newMemoPath(entryDate: string, id: string): string {
  return posix.join(MEMOS_DIR, entryDate.slice(0, 7), `${entryDate}-${id}.wav`)
}

/** The names Haru itself gives memo files (recordings and imports: a 32-hex id); an import keeps only these. */
export const isGeneratedMemoPath = (relative: string): boolean => {
  const m = /^memos\/(\d{4}-\d{2})\/(\d{4}-\d{2})-\d{2}-[0-9a-f]{32}\.wav$/.exec(relative)
  return m !== null && m[1] === m[2]
}

export const absoluteMemoPath = (dataDir: string, relative: string): string => join(dataDir, ...relative.split('/'))

/**
 * Writes through a temporary file and a rename, so a crash never leaves half a WAV under the final
 * name; sealed when the diary is encrypted.
 */
export function writeMemoFile(files: DiaryFiles, relative: string, parts: Uint8Array[]): string {
  const target = absoluteMemoPath(files.dataDir, relative)
  files.writeWhole(target, parts, () => crashPoint('memo.finish.temp'))
  return target
}

/** The memo's WAV as written (opened when sealed). */
export function readMemoFile(files: DiaryFiles, relative: string): Buffer {
  return files.read(absoluteMemoPath(files.dataDir, relative))
}

export function deleteMemoFiles(dataDir: string, relatives: readonly string[]): void {
  for (const r of relatives) {
    rmSync(absoluteMemoPath(dataDir, r), { force: true })
    rmSync(`${absoluteMemoPath(dataDir, r)}.tmp`, { force: true })
  }
}

/**
 * Removes WAVs under `memos/` that no memo row names: what a crash between deleting a memo's row
 * and its file leaves (the audio of a memo the user deleted must not stay on disk). Only files
 * older than `olderThanMs`, so an import or finish in progress in another process, whose row is
 * about to be written, is never touched; `keep` names files an interrupted finish may still claim.
 */
export function sweepUnreferencedMemoFiles(dataDir: string, referenced: ReadonlySet<string>, keep: ReadonlySet<string>, olderThanMs: number): string[] {
  const root = absoluteMemoPath(dataDir, MEMOS_DIR)
  let names: string[]
  try {
    names = readdirSync(root, { recursive: true, encoding: 'utf8' })
  } catch {
    return []
  }
  const removed: string[] = []
  for (const name of names) {
    const relative = `${MEMOS_DIR}/${name.split(/[\\/]/).join('/')}`
    const base = relative.replace(/\.tmp$/, '')
    if (!base.endsWith('.wav') || referenced.has(base) || keep.has(base)) continue
    const st = lstatSync(absoluteMemoPath(dataDir, relative), { throwIfNoEntry: false })
    if (!st?.isFile() || Date.now() - st.mtimeMs < olderThanMs) continue
    rmSync(absoluteMemoPath(dataDir, relative), { force: true })
    removed.push(relative)
  }
  return removed
}
