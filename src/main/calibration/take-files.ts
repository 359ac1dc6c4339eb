import { randomBytes } from 'node:crypto'
import { mkdir, readdir, rm, rmdir, writeFile } from 'node:fs/promises'
import { dirname, join, posix, relative, sep } from 'node:path'

/**
 * Where kept calibration takes live: `<dataDir>/calibration/<profileId>/<sessionId>/<name>.wav`.
 * The database stores the path relative to the data folder ('/'-separated), so a moved or
 * restored data folder keeps working.
 */
export const CALIBRATION_DIR = 'calibration'

export function newTakePath(profileId: number, sessionId: string): string {
  const name = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}.wav`
  return posix.join(CALIBRATION_DIR, String(profileId), sessionId, name)
}

export const absoluteTakePath = (dataDir: string, relative: string): string => join(dataDir, ...relative.split('/'))

export async function writeTakeFile(dataDir: string, relative: string, bytes: Uint8Array): Promise<string> {
  const abs = absoluteTakePath(dataDir, relative)
  await mkdir(dirname(abs), { recursive: true })
  await writeFile(abs, bytes)
  return abs
}

/** Removes take files, then their session folders once empty. A file already gone is not an error. */
export async function deleteTakeFiles(dataDir: string, relatives: readonly string[]): Promise<void> {
  const folders = new Set<string>()
  for (const rel of relatives) {
    const abs = absoluteTakePath(dataDir, rel)
    await rm(abs, { force: true })
    folders.add(dirname(abs))
  }
  for (const folder of folders) await rmdir(folder).catch(() => {})
}

/**
 * Deletes WAV files in a profile's calibration folder that no stored take refers to: what a crash
 * between writing a take and recording it leaves behind. Returns how many were removed.
 */
export async function sweepUnreferencedTakeFiles(dataDir: string, profileId: number, referenced: ReadonlySet<string>): Promise<number> {
  const root = join(dataDir, CALIBRATION_DIR, String(profileId))
  const entries = await readdir(root, { recursive: true }).catch(() => [] as string[])
  const orphans = entries
    .map((e) => relative(dataDir, join(root, e)).split(sep).join('/'))
    .filter((rel) => rel.endsWith('.wav') && !referenced.has(rel))
  await deleteTakeFiles(dataDir, orphans)
  return orphans.length
}
