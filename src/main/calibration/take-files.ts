import { randomBytes } from 'node:crypto'
import { mkdir, readdir, rm, rmdir } from 'node:fs/promises'
import { dirname, join, posix, relative, sep } from 'node:path'
import { filesOf, type DiaryFiles } from '../files/diary-files'

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

/**
 * Writes a take (sealed in an encrypted diary), creating its session folder. A refused take
 * running at the same time removes the folder once it looks empty (deleteTakeFiles), which can
 * happen during this take's mkdir or between it and the write: either then fails with ENOENT, so
 * the folder is made again and the write retried.
 */
export async function writeTakeFile(folder: DiaryFiles | string, relative: string, bytes: Uint8Array): Promise<string> {
  const files = filesOf(folder)
  const abs = absoluteTakePath(files.dataDir, relative)
  for (let attempt = 1; ; attempt++) {
    try {
      // Inside the retry too: a recursive mkdir that finds the folder (EEXIST) and then checks it
      // fails with ENOENT when the clean-up removes it in between.
      await mkdir(dirname(abs), { recursive: true, mode: 0o700 })
      files.writeWhole(abs, [bytes])
      return abs
    } catch (err) {
      if ((err as { code?: string }).code !== 'ENOENT' || attempt === 5) throw err
    }
  }
}

/** Removes take files, then their session folders once empty. A file already gone is not an error. */
export async function deleteTakeFiles(dataDir: string, relatives: readonly string[]): Promise<void> {
  const folders = new Set<string>()
  for (const rel of relatives) {
    const abs = absoluteTakePath(dataDir, rel)
    await rm(abs, { force: true })
    await rm(`${abs}.tmp`, { force: true })
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
