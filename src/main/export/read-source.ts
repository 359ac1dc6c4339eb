import { closeSync, constants, openSync, readSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { readInsideFolderSync, readRegularFileSync, UnusableFileError } from '../files/regular-file'
import { MAX_TAGS_PER_ENTRY } from '../../shared/trends/tags'
import { ExportError } from './errors'
import { EXPORT_FORMAT, EXPORT_JSON_NAME, EXPORT_VERSION, exportFileSchema, type ExportFile } from './format'
import { MAX_IMPORT_JSON_BYTES, MAX_IMPORT_RECORDING_BYTES, zipLimits } from './import-limits'
import { ZipArchive } from './zip-reader'

/** An export as found on disk: its JSON text and a way to read, one at a time, the files that travel with it. */
export interface ExportSource {
  path: string
  json: string
  /** A file of the export by its '/'-path; null when it is not there. Checked against the import limits. */
  readFile(relativePath: string): Uint8Array | null
  close(): void
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]

/**
 * Accepts the export folder, its `haru-export.json`, or a `.zip` made by `haru export`. The path
 * the person named may be a link; nothing inside a folder export is followed if it is one (it
 * could point anywhere: /etc/hostname came in as a recording), and only regular files are read.
 */
export function openExportSource(inPath: string): ExportSource {
  const path = resolve(inPath)
  const st = statSync(path, { throwIfNoEntry: false })
  if (!st) throw new ExportError('not-found', `${path} does not exist`)
  if (st.isDirectory()) {
    const json = guarded(path, () => readInsideFolderSync(path, EXPORT_JSON_NAME, { maxBytes: MAX_IMPORT_JSON_BYTES }))
    if (!json) throw new ExportError('foreign-file', `${path} is not a Haru export folder (no ${EXPORT_JSON_NAME} in it)`)
    return folderSource(path, json.toString('utf8'))
  }
  if (!st.isFile()) throw new ExportError('foreign-file', `${path} is not a file or folder Haru can import (a device, pipe or socket)`)
  if (startsWithZipMagic(path)) {
    const zip = ZipArchive.open(path, zipLimits(st.size))
    try {
      const json = zip.read(EXPORT_JSON_NAME)
      if (!json) throw new ExportError('foreign-file', `${path} is a zip but not a Haru export (no ${EXPORT_JSON_NAME} in it)`)
      return { path, json: json.toString('utf8'), readFile: (p) => zip.read(p), close: () => zip.close() }
    } catch (err) {
      zip.close()
      throw err
    }
  }
  const json = guarded(path, () => readRegularFileSync(path, { maxBytes: MAX_IMPORT_JSON_BYTES }))
  return folderSource(dirname(path), json.toString('utf8'), path)
}

/**
 * A `.zip` export held in memory (a backup sent from the app, or one just decrypted): read with
 * the same limits as a file, and never written to disk, so a decrypted backup's contents reach
 * the data folder only as the diary writes them (sealed, in an encrypted diary).
 */
export function openExportBytes(bytes: Buffer, name: string): ExportSource {
  if (!ZIP_MAGIC.every((b, i) => bytes[i] === b)) {
    // A lone haru-export.json (an export without recordings) is accepted as it is from a folder.
    if (bytes.length > MAX_IMPORT_JSON_BYTES) throw new ExportError('too-large', `${name} is too large for an export's JSON; nothing was imported`)
    return { path: name, json: bytes.toString('utf8'), readFile: () => null, close: () => {} }
  }
  const zip = ZipArchive.fromBytes(bytes, name, zipLimits(bytes.length))
  try {
    const json = zip.read(EXPORT_JSON_NAME)
    if (!json) throw new ExportError('foreign-file', `${name} is a zip but not a Haru export (no ${EXPORT_JSON_NAME} in it)`)
    return { path: name, json: json.toString('utf8'), readFile: (p) => zip.read(p), close: () => zip.close() }
  } catch (err) {
    zip.close()
    throw err
  }
}

function startsWithZipMagic(path: string): boolean {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
  try {
    const head = Buffer.alloc(4)
    return readSync(fd, head, 0, 4, 0) === 4 && ZIP_MAGIC.every((b, i) => head[i] === b)
  } finally {
    closeSync(fd)
  }
}

/** A refused file (a link, a device, too large) as the importer's typed refusal. */
function guarded<T>(where: string, read: () => T): T {
  try {
    return read()
  } catch (err) {
    if (!(err instanceof UnusableFileError)) throw err
    // A link could point anywhere (unsafe); a folder, device or pipe is simply not an export file.
    const code = /too large/.test(err.message) ? 'too-large' : /symbolic link/.test(err.message) ? 'unsafe-path' : 'foreign-file'
    throw new ExportError(code, `${err.message}; nothing was imported (in ${where})`)
  }
}

function folderSource(dir: string, json: string, path = dir): ExportSource {
  return {
    path,
    json,
    readFile: (p) => guarded(path, () => readInsideFolderSync(dir, p, { maxBytes: MAX_IMPORT_RECORDING_BYTES })),
    close: () => {}
  }
}

/**
 * Parses and validates the JSON, telling a foreign file (not ours at all), a newer format and a
 * damaged export apart, then checks that every reference inside the file resolves.
 */
export function parseExport(json: string, where: string): ExportFile {
  let raw: unknown
  try {
    raw = JSON.parse(json.replace(/^\uFEFF/, ''))
  } catch {
    throw new ExportError('foreign-file', `${where} is not a Haru export (not JSON)`)
  }
  const head = raw as { format?: unknown; version?: unknown } | null
  if (typeof head !== 'object' || head === null || head.format !== EXPORT_FORMAT) {
    throw new ExportError('foreign-file', `${where} is not a Haru export (no "format": "${EXPORT_FORMAT}")`)
  }
  if (typeof head.version === 'number' && head.version > EXPORT_VERSION) {
    throw new ExportError('unsupported-version', `${where} is export format ${head.version}; this Haru reads format ${EXPORT_VERSION}, update Haru first`)
  }
  const parsed = exportFileSchema.safeParse(raw)
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    throw new ExportError('malformed', `${where} is a damaged Haru export: ${issues.join('; ')}${parsed.error.issues.length > 5 ? ' …' : ''}`)
  }
  checkReferences(parsed.data, where)
  return parsed.data
}

function checkReferences(file: ExportFile, where: string): void {
  const problems: string[] = []
  const idsOf = (name: string, rows: { id: number }[]): Set<number> => {
    const ids = new Set(rows.map((r) => r.id))
    if (ids.size !== rows.length) problems.push(`${name} has duplicate ids`)
    return ids
  }
  const profiles = idsOf('profiles', file.profiles)
  const entries = idsOf('entries', file.entries)
  const memos = idsOf('voiceMemos', file.voiceMemos)
  const baselines = idsOf('baselines', file.baselines)
  const takes = idsOf('calibrationTakes', file.calibrationTakes)
  const analyses = idsOf('analyses', file.analyses)
  if (new Set(file.profiles.map((p) => p.name.trim())).size !== file.profiles.length) problems.push('two profiles share a name')
  const days = new Set<string>()
  for (const e of file.entries) {
    if (!profiles.has(e.profileId)) problems.push(`entry ${e.id} belongs to missing profile ${e.profileId}`)
    const key = `${e.profileId}/${e.entryDate}`
    if (days.has(key)) problems.push(`profile ${e.profileId} has two entries on ${e.entryDate}`)
    days.add(key)
  }
  const tagsPerEntry = new Map<number, number>()
  for (const t of file.tags) {
    if (!entries.has(t.entryId)) problems.push(`tag "${t.tag}" is on missing entry ${t.entryId}`)
    tagsPerEntry.set(t.entryId, (tagsPerEntry.get(t.entryId) ?? 0) + 1)
  }
  for (const [entryId, n] of tagsPerEntry) if (n > MAX_TAGS_PER_ENTRY) problems.push(`entry ${entryId} has ${n} tags (at most ${MAX_TAGS_PER_ENTRY})`)
  const paths = new Set<string>()
  for (const m of [...file.voiceMemos, ...file.calibrationTakes]) {
    if (paths.has(m.filePath)) problems.push(`two recordings share the file ${m.filePath}`)
    paths.add(m.filePath)
  }
  for (const m of file.voiceMemos) if (!entries.has(m.entryId)) problems.push(`voice memo ${m.id} is on missing entry ${m.entryId}`)
  for (const t of file.calibrationTakes) if (!profiles.has(t.profileId)) problems.push(`calibration take ${t.id} belongs to missing profile ${t.profileId}`)
  const settings = new Set<string>()
  for (const st of file.profileSettings) {
    if (!profiles.has(st.profileId)) problems.push(`setting "${st.key}" belongs to missing profile ${st.profileId}`)
    if (settings.has(`${st.profileId}/${st.key}`)) problems.push(`profile ${st.profileId} has the setting "${st.key}" twice`)
    settings.add(`${st.profileId}/${st.key}`)
  }
  const active = new Set<number>()
  for (const b of file.baselines) {
    if (!profiles.has(b.profileId)) problems.push(`baseline ${b.id} belongs to missing profile ${b.profileId}`)
    if (b.isActive === 1 && active.has(b.profileId)) problems.push(`profile ${b.profileId} has two active baselines`)
    if (b.isActive === 1) active.add(b.profileId)
  }
  for (const a of file.analyses) {
    if ((a.entryId === null) === (a.memoId === null)) problems.push(`analysis ${a.id} must belong to exactly one entry or memo`)
    if (a.entryId !== null && !entries.has(a.entryId)) problems.push(`analysis ${a.id} is on missing entry ${a.entryId}`)
    if (a.memoId !== null && !memos.has(a.memoId)) problems.push(`analysis ${a.id} is on missing voice memo ${a.memoId}`)
    if (a.baselineId !== null && !baselines.has(a.baselineId)) problems.push(`analysis ${a.id} uses missing baseline ${a.baselineId}`)
  }
  // Issue 12's and 16's rows point at rows of the same file.
  for (const m of file.dayMoods) if (!entries.has(m.entryId)) problems.push(`a check-in is on missing entry ${m.entryId}`)
  for (const c of file.readingCorrections) {
    if ((c.entryId === null) === (c.memoId === null)) problems.push(`correction ${c.id} must belong to exactly one entry or memo`)
    if (c.entryId !== null && !entries.has(c.entryId)) problems.push(`correction ${c.id} is on missing entry ${c.entryId}`)
    if (c.memoId !== null && !memos.has(c.memoId)) problems.push(`correction ${c.id} is on missing voice memo ${c.memoId}`)
  }
  for (const a of file.textAdapters) if (!profiles.has(a.profileId)) problems.push(`a text adapter belongs to missing profile ${a.profileId}`)
  const once = (name: string, keys: (string | number)[]) => {
    if (new Set(keys).size !== keys.length) problems.push(`${name} has duplicates`)
  }
  once('memoVoiceStats', file.memoVoiceStats.map((v) => v.memoId))
  once('automaticBaselines', file.automaticBaselines.map((b) => `${b.profileId}/${b.version}`))
  once('voiceReadings', file.voiceReadings.map((r) => r.analysisId))
  for (const v of file.memoVoiceStats) if (!memos.has(v.memoId)) problems.push(`voice statistics are on missing voice memo ${v.memoId}`)
  const automatic = idsOf('automaticBaselines', file.automaticBaselines)
  for (const b of file.automaticBaselines) if (!profiles.has(b.profileId)) problems.push(`automatic baseline ${b.id} belongs to missing profile ${b.profileId}`)
  for (const r of file.voiceReadings) {
    if (!analyses.has(r.analysisId)) problems.push(`a voice reading is on missing analysis ${r.analysisId}`)
    if (r.autoBaselineId !== null && !automatic.has(r.autoBaselineId)) problems.push(`a voice reading uses missing automatic baseline ${r.autoBaselineId}`)
  }
  const owned = new Set<string>()
  for (const f of file.audio) {
    if (!(f.owner === 'voiceMemos' ? memos : takes).has(f.id)) problems.push(`recording ${f.path} belongs to missing ${f.owner} ${f.id}`)
    if (owned.has(`${f.owner}/${f.id}`)) problems.push(`${f.owner} ${f.id} has two recordings`)
    owned.add(`${f.owner}/${f.id}`)
  }
  if (problems.length > 0) {
    throw new ExportError('malformed', `${where} is a damaged Haru export: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`)
  }
}
