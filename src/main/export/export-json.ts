import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { zipSync, type Zippable } from 'fflate'
import type { Db } from '../db/open'
import { filesOf, type DiaryFiles } from '../files/diary-files'
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE, writePrivateFileAtomic } from '../files/private-files'
import { sealBackup } from './encrypted-backup'
import { ExportError } from './errors'
import { EXPORT_FORMAT, EXPORT_JSON_NAME, EXPORT_VERSION, isSafeRelativePath, type ExportFile, type ExportRow } from './format'
import { EXPORTED_TABLES, readRows, uncoveredTables, type TableKey } from './tables'

export interface ExportReport {
  path: string
  /** `encrypted`: one sealed file (encrypted-backup.ts). */
  kind: 'folder' | 'zip' | 'encrypted'
  counts: Record<TableKey, number>
  audioFiles: number
  /** Recordings named by a row but absent from the data folder; their rows are exported without a file. */
  missingAudio: string[]
  /** Tables this version of the exporter does not know (a newer feature's data): not in the export. */
  uncoveredTables: string[]
}

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')

const AUDIO_OWNERS = ['voiceMemos', 'calibrationTakes'] as const

interface Collected {
  json: Buffer
  audio: Map<string, Uint8Array>
  report: Omit<ExportReport, 'path' | 'kind'>
}

/** One consistent snapshot of every table plus the recordings' plaintext (opened when sealed). */
function collect(db: Db, files: DiaryFiles, appVersion: string): Collected {
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
      const source = isSafeRelativePath(filePath) ? join(files.dataDir, filePath) : null
      if (!source || !existsSync(source)) {
        missingAudio.push(filePath)
        continue
      }
      const bytes = files.read(source)
      const path = `audio/${owner === 'voiceMemos' ? 'memo' : 'take'}-${r.id}-${basename(filePath)}`
      audio.set(path, bytes)
      audioRefs.push({ owner, id: r.id as number, path, bytes: bytes.length, sha256: sha256(bytes) })
    }
  }
  const file = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date().toISOString(),
    appVersion,
    schemaVersion,
    ...rows,
    audio: audioRefs
  }
  return {
    json: Buffer.from(JSON.stringify(file, null, 2) + '\n', 'utf8'),
    audio,
    report: {
      counts: Object.fromEntries(EXPORTED_TABLES.map((t) => [t.key, rows[t.key].length])) as Record<TableKey, number>,
      audioFiles: audio.size,
      missingAudio,
      uncoveredTables: uncoveredTables(db)
    }
  }
}

function zipOf(c: Collected): Uint8Array {
  const entries: Zippable = { [EXPORT_JSON_NAME]: c.json }
  for (const [path, bytes] of c.audio) entries[path] = [bytes, { level: 0 }]
  return zipSync(entries)
}

function refuseExisting(out: string, kind: ExportReport['kind']): void {
  if (kind !== 'folder' ? existsSync(out) : existsSync(out) && (!statSync(out).isDirectory() || readdirSync(out).length > 0)) {
    throw new ExportError('out-exists', `${out} already exists${kind === 'folder' ? ' and is not an empty folder' : ''}; choose a new path`)
  }
}

/**
 * Writes everything to `outPath`: a `.zip` (JSON plus recordings, stored uncompressed since WAV
 * barely deflates) or otherwise a new folder holding `haru-export.json` and an `audio/` folder.
 * The JSON is written last, through a rename, so a half-written export is never mistaken for one.
 * Either is plain: anyone with the file can read it (see `exportEncrypted`).
 */
export function exportJson(db: Db, folder: DiaryFiles | string, outPath: string, opts: { appVersion: string }): ExportReport {
  const files = filesOf(folder)
  const out = resolve(outPath)
  const kind = out.toLowerCase().endsWith('.zip') ? 'zip' : 'folder'
  refuseExisting(out, kind)
  const c = collect(db, files, opts.appVersion)
  if (kind === 'zip') {
    mkdirSync(dirname(out), { recursive: true, mode: PRIVATE_DIR_MODE })
    writeFileSync(`${out}.partial`, zipOf(c), { mode: PRIVATE_FILE_MODE })
    renameSync(`${out}.partial`, out)
  } else {
    for (const [path, bytes] of c.audio) {
      mkdirSync(dirname(join(out, path)), { recursive: true, mode: PRIVATE_DIR_MODE })
      writeFileSync(join(out, path), bytes, { mode: PRIVATE_FILE_MODE })
    }
    mkdirSync(out, { recursive: true, mode: PRIVATE_DIR_MODE })
    writeFileSync(join(out, `${EXPORT_JSON_NAME}.partial`), c.json, { mode: PRIVATE_FILE_MODE })
    renameSync(join(out, `${EXPORT_JSON_NAME}.partial`), join(out, EXPORT_JSON_NAME))
  }
  return { path: out, kind, ...c.report }
}

/**
 * The same archive as a `.zip` export, sealed under its own passphrase (encrypted-backup.ts) into
 * one file at `outPath`: written through a temporary name, and never in plain form on disk.
 */
export async function exportEncrypted(db: Db, files: DiaryFiles, outPath: string, opts: { appVersion: string; passphrase: string }): Promise<ExportReport> {
  const out = resolve(outPath)
  refuseExisting(out, 'encrypted')
  const c = collect(db, files, opts.appVersion)
  const parts = await sealBackup(zipOf(c), opts.passphrase)
  mkdirSync(dirname(out), { recursive: true, mode: PRIVATE_DIR_MODE })
  writePrivateFileAtomic(out, parts)
  return { path: out, kind: 'encrypted', ...c.report }
}
