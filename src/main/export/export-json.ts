import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { zipSync, type Zippable } from 'fflate'
import type { Db } from '../db/open'
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../files/private-files'
import { ExportError } from './errors'
import { EXPORT_FORMAT, EXPORT_JSON_NAME, EXPORT_VERSION, isSafeRelativePath, type ExportFile, type ExportRow } from './format'
import { EXPORTED_TABLES, readRows, uncoveredTables, type TableKey } from './tables'

export interface ExportReport {
  path: string
  kind: 'folder' | 'zip'
  counts: Record<TableKey, number>
  audioFiles: number
  /** Recordings named by a row but absent from the data folder; their rows are exported without a file. */
  missingAudio: string[]
  /** Tables this version of the exporter does not know (a newer feature's data): not in the export. */
  uncoveredTables: string[]
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')

const AUDIO_OWNERS = ['voiceMemos', 'calibrationTakes'] as const

/**
 * Writes everything to `outPath`: a `.zip` (JSON plus recordings, stored uncompressed since WAV
 * barely deflates) or otherwise a new folder holding `haru-export.json` and an `audio/` folder.
 * The JSON is written last, through a rename, so a half-written export is never mistaken for one.
 */
export function exportJson(db: Db, dataDir: string, outPath: string, opts: { appVersion: string }): ExportReport {
  const out = resolve(outPath)
  const kind = out.toLowerCase().endsWith('.zip') ? 'zip' : 'folder'
  if (kind === 'zip' ? existsSync(out) : existsSync(out) && (!statSync(out).isDirectory() || readdirSync(out).length > 0)) {
    throw new ExportError('out-exists', `${out} already exists${kind === 'folder' ? ' and is not an empty folder' : ''}; choose a new path`)
  }
  // One read transaction: the export is a consistent snapshot even while the app writes.
  const { rows, schemaVersion } = db.transaction(() => ({
    schemaVersion: (db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number }).v,
    rows: Object.fromEntries(EXPORTED_TABLES.map((t) => [t.key, readRows(db, t.table, t.orderBy)])) as Record<TableKey, ExportRow[]>
  }))()

  const audio = new Map<string, Uint8Array>()
  const audioRefs: ExportFile['audio'] = []
  const missingAudio: string[] = []
  for (const owner of AUDIO_OWNERS) {
    for (const r of rows[owner]) {
      const filePath = String(r.filePath)
      const source = isSafeRelativePath(filePath) ? join(dataDir, filePath) : null
      if (!source || !existsSync(source)) {
        missingAudio.push(filePath)
        continue
      }
      const bytes = readFileSync(source)
      const path = `audio/${owner === 'voiceMemos' ? 'memo' : 'take'}-${r.id}-${basename(filePath)}`
      audio.set(path, bytes)
      audioRefs.push({ owner, id: r.id as number, path, bytes: bytes.length, sha256: sha256(bytes) })
    }
  }
  const file = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date().toISOString(),
    appVersion: opts.appVersion,
    schemaVersion,
    ...rows,
    audio: audioRefs
  }
  const json = Buffer.from(JSON.stringify(file, null, 2) + '\n', 'utf8')

  if (kind === 'zip') {
    const entries: Zippable = { [EXPORT_JSON_NAME]: json }
    for (const [path, bytes] of audio) entries[path] = [bytes, { level: 0 }]
    mkdirSync(dirname(out), { recursive: true, mode: PRIVATE_DIR_MODE })
    writeFileSync(`${out}.partial`, zipSync(entries), { mode: PRIVATE_FILE_MODE })
    renameSync(`${out}.partial`, out)
  } else {
    for (const [path, bytes] of audio) {
      mkdirSync(dirname(join(out, path)), { recursive: true, mode: PRIVATE_DIR_MODE })
      writeFileSync(join(out, path), bytes, { mode: PRIVATE_FILE_MODE })
    }
    mkdirSync(out, { recursive: true, mode: PRIVATE_DIR_MODE })
    writeFileSync(join(out, `${EXPORT_JSON_NAME}.partial`), json, { mode: PRIVATE_FILE_MODE })
    renameSync(join(out, `${EXPORT_JSON_NAME}.partial`), join(out, EXPORT_JSON_NAME))
  }
  return {
    path: out,
    kind,
    counts: Object.fromEntries(EXPORTED_TABLES.map((t) => [t.key, rows[t.key].length])) as Record<TableKey, number>,
    audioFiles: audio.size,
    missingAudio,
    uncoveredTables: uncoveredTables(db)
  }
}
