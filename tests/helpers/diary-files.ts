/**
 * Looking at a data folder from the outside, as someone with a copy of it would: every regular
 * file under it, byte scans for needles, and a fingerprint of every file's bytes (to prove that a
 * refused call changed nothing).
 */
import { createHash } from 'node:crypto'
import { lstatSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** Every regular file under `dir` (relative, '/'), links not followed. */
export function allFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .map((f) => f.split('\\').join('/'))
    .filter((f) => lstatSync(join(dir, f)).isFile())
    .sort()
}

export interface Hit {
  file: string
  needle: string
  offset: number
}

/** Every occurrence of every needle in every file under `dir`. */
export function scanFolder(dir: string, needles: Record<string, Buffer>): { files: string[]; bytes: number; hits: Hit[] } {
  const files = allFiles(dir)
  const hits: Hit[] = []
  let bytes = 0
  for (const file of files) {
    const content = readFileSync(join(dir, file))
    bytes += content.length
    for (const [name, needle] of Object.entries(needles)) {
      for (let at = content.indexOf(needle); at >= 0; at = content.indexOf(needle, at + 1)) hits.push({ file, needle: name, offset: at })
    }
  }
  return { files, bytes, hits }
}

/** A hash of the names and exact bytes of every file under `dir`, leaving out the names `except` matches. */
export function folderFingerprint(dir: string, except: RegExp = /^$/): Record<string, string> {
  const out: Record<string, string> = {}
  for (const file of allFiles(dir)) {
    if (except.test(file)) continue
    out[file] = createHash('sha256').update(readFileSync(join(dir, file))).digest('hex')
  }
  return out
}

/** `count` runs of `runBytes` bytes spread evenly through `pcm` (16-bit samples, so even offsets). */
export function pcmRuns(pcm: Buffer, count: number, runBytes = 32): Buffer[] {
  const step = Math.floor((pcm.length - runBytes) / count) & ~1
  return Array.from({ length: count }, (_, i) => Buffer.from(pcm.subarray(i * step, i * step + runBytes)))
}
