import { createHash } from 'node:crypto'
import { posix } from 'node:path'
import { CALIBRATION_DIR } from '../calibration/take-files'
import { MEMOS_DIR } from '../memos/memo-files'

/**
 * Where an imported recording may land. A backup names each recording's path, and the importer
 * used to write it there: `models/<id>/manifest.json` or `asr.json` planted a model pack or a
 * transcription folder choice. Now a memo lands only under `memos/` and a calibration take only
 * under `calibration/<its profile>/`, as a `.wav` with plain names. A path of that form (what
 * Haru itself writes) is kept, so an export imported into an empty diary still reproduces it
 * exactly; any other gets a name the importer makes from it (the same name every time, so
 * importing the same backup twice still changes nothing).
 */
const PLAIN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/

const isPlainWavPath = (parts: string[]): boolean => parts.every((p) => PLAIN.test(p)) && parts[parts.length - 1]!.endsWith('.wav')

const nameFrom = (kind: string, filePath: string): string => createHash('sha256').update(`${kind}\0${filePath}`).digest('hex').slice(0, 32)

export function importedMemoPath(filePath: string, entryDate: string): string {
  const parts = filePath.split('/')
  if (parts[0] === MEMOS_DIR && parts.length >= 2 && parts.length <= 4 && isPlainWavPath(parts.slice(1))) return filePath
  return posix.join(MEMOS_DIR, entryDate.slice(0, 7), `${entryDate}-${nameFrom('memo', filePath)}.wav`)
}

/**
 * A take under another profile's numbered folder would be deleted by that profile's clean-up of
 * unreferenced takes, so it moves into its own profile's folder.
 */
export function importedTakePath(filePath: string, profileId: number): string {
  const parts = filePath.split('/')
  const ownFolder = !/^\d+$/.test(parts[1] ?? '') || parts[1] === String(profileId)
  if (parts[0] === CALIBRATION_DIR && parts.length >= 3 && parts.length <= 4 && ownFolder && isPlainWavPath(parts.slice(1))) return filePath
  return posix.join(CALIBRATION_DIR, String(profileId), 'imported', `${nameFrom('take', filePath)}.wav`)
}
