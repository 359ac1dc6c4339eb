import { MAX_MEMO_SECONDS } from '../../shared/api/memos-schemas'
import { EXPORT_JSON_NAME } from './format'
import type { ZipLimits } from './zip-reader'

/**
 * What an import accepts, from the CLI (`haru import`, any size) and from the app (at most 256 MB
 * of zip, `backup.import`). Checked before anything is unpacked or read; documented in the README.
 */
const MB = 2 ** 20

/** The export's JSON: a decade of daily entries with their analyses is well under 100 MB. */
export const MAX_IMPORT_JSON_BYTES = 256 * MB
/** One recording: the longest memo Haru makes (10 minutes) at the highest rate it records (192 kHz, 16-bit), with room for the header. */
export const MAX_IMPORT_RECORDING_BYTES = Math.ceil(((MAX_MEMO_SECONDS + 2) * 192_000 * 2 + 44) / MB) * MB
export const MAX_IMPORT_FILES = 200_000
/** Deflate reaches about 1000:1 on zeros; real exports (JSON ~10:1, WAV stored) stay far below this. */
export const MAX_IMPORT_RATIO = 200
export const IMPORT_RATIO_FLOOR_BYTES = 1 * MB
/** Unpacked in all: at most twice the archive plus 512 MB (WAVs are stored uncompressed in exports). */
export const maxImportTotalBytes = (archiveBytes: number): number => 2 * archiveBytes + 512 * MB

export function zipLimits(archiveBytes: number): ZipLimits {
  return {
    maxEntries: MAX_IMPORT_FILES,
    maxEntryBytes: (name) => (name === EXPORT_JSON_NAME ? MAX_IMPORT_JSON_BYTES : MAX_IMPORT_RECORDING_BYTES),
    maxTotalBytes: maxImportTotalBytes(archiveBytes),
    maxRatio: MAX_IMPORT_RATIO,
    ratioFloorBytes: IMPORT_RATIO_FLOOR_BYTES
  }
}
