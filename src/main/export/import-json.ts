import { existsSync, renameSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Statement } from 'better-sqlite3-multiple-ciphers'
import type { Db } from '../db/open'
import { ExportError } from './errors'
import { sha256 } from './export-json'
import type { ExportFile, ExportRow } from './format'
import { ensurePrivateDir } from '../files/private-files'
import { Staging } from './import-staging'
import { filesOf, type DiaryFiles } from '../files/diary-files'
import { openExportSource, parseExport, type ExportSource } from './read-source'
import { importedMemoPath, importedTakePath } from './recording-paths'
import { columnsOf, EXPORTED_TABLES, snake, tableExists, type TableKey } from './tables'
import { planOwnWord } from './import-own-word'
import { planVoiceBaselines } from './import-voice-baselines'

type Counts = Record<TableKey | 'audioFiles', number>
const zeroCounts = (): Counts => ({
  profiles: 0,
  entries: 0,
  tags: 0,
  voiceMemos: 0,
  baselines: 0,
  analyses: 0,
  calibrationTakes: 0,
  profileSettings: 0,
  dayMoods: 0,
  readingCorrections: 0,
  textAdapters: 0,
  memoVoiceStats: 0,
  automaticBaselines: 0,
  voiceReadings: 0,
  audioFiles: 0
})

export interface ImportReport {
  source: string
  /** Rows (and recordings) written by this import. */
  added: Counts
  /** Rows already in the diary exactly as in the file, left alone. */
  unchanged: Counts
}

const TABLE_OF = Object.fromEntries(EXPORTED_TABLES.map((t) => [t.key, t.table])) as Record<TableKey, string>

/** Row access shared by planning and writing: column checks, lookups by content, inserts. */
export class Rows {
  private readonly statements = new Map<string, Statement>()
  private readonly columns = new Map<string, Set<string>>()
  constructor(private readonly db: Db) {}

  private stmt(sql: string): Statement {
    let s = this.statements.get(sql)
    if (!s) this.statements.set(sql, (s = this.db.prepare(sql)))
    return s
  }

  /** Every field of the row must be a column here: a column this diary lacks means a newer export. */
  check(key: TableKey, row: ExportRow): void {
    const table = TABLE_OF[key]
    let cols = this.columns.get(table)
    if (!cols) this.columns.set(table, (cols = new Set(columnsOf(this.db, table))))
    const unknown = Object.keys(row).filter((k) => !cols.has(snake(k)))
    if (unknown.length > 0) {
      throw new ExportError('unsupported-version', `the export has ${table}.${unknown.map(snake).join(', ')}, which this Haru does not know; update Haru first`)
    }
  }

  /** Id of a row whose every column (bar `except`) equals `row`'s. */
  findSame(key: TableKey, row: ExportRow, except: string[]): number | undefined {
    // A column this diary lacks is refused before it can reach SQL (it would be "no such column").
    this.check(key, row)
    const cols = Object.keys(row).filter((k) => !except.includes(k))
    const where = cols.map((k) => (row[k] === null ? `"${snake(k)}" IS NULL` : `"${snake(k)}" = ?`)).join(' AND ')
    const values = cols.filter((k) => row[k] !== null).map((k) => row[k])
    return this.stmt(`SELECT rowid FROM "${TABLE_OF[key]}" WHERE ${where} LIMIT 1`).pluck().get(...values) as number | undefined
  }

  get(sql: string, ...values: unknown[]): unknown {
    return this.stmt(sql).get(...values)
  }

  insert(key: TableKey, row: ExportRow): void {
    const cols = Object.keys(row).sort()
    this.stmt(`INSERT INTO "${TABLE_OF[key]}" (${cols.map((k) => `"${snake(k)}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(
      ...cols.map((k) => row[k])
    )
  }

  /**
   * Hands out ids for new rows: the file's own id when the table does not use it yet (so an
   * import into an empty diary reproduces every id), otherwise the next free one.
   */
  allocator(key: TableKey): (preferred: number) => number {
    const table = TABLE_OF[key]
    const taken = new Set<number>()
    const used = (id: number) => taken.has(id) || this.get(`SELECT 1 FROM "${table}" WHERE id = ?`, id) !== undefined
    let next = ((this.get(`SELECT coalesce(max(id), 0) AS m FROM "${table}"`) as { m: number }).m ?? 0) + 1
    return (preferred) => {
      let id = preferred
      if (used(id)) {
        while (used(next)) next++
        id = next
      }
      taken.add(id)
      next = Math.max(next, id + 1)
      return id
    }
  }
}

interface Planned {
  key: TableKey
  row: ExportRow
}

/**
 * Imports a JSON export (folder, JSON file or zip) into the open diary, exactly and idempotently.
 * Rows are matched by natural keys (profile name; profile and day; entry and file path; profile,
 * session and file path; identical content for baselines and analyses), so importing the same
 * export twice adds nothing. Everything is checked before anything is written: a foreign, damaged
 * or newer file, missing or altered recordings, and conflicts (an entry whose text differs from
 * the diary's entry for the same day, a different recording at the same path) are refused with an
 * `ExportError` and the diary is left untouched. Rows are written in one transaction; recordings
 * are copied first and removed again if that transaction fails. An imported active baseline never
 * replaces the diary's own active one (it joins the history inactive), and a profile the diary
 * already has keeps its own settings.
 */
export function importJson(db: Db, folder: DiaryFiles | string, inPath: string | ExportSource): ImportReport {
  const files = filesOf(folder)
  const source = typeof inPath === 'string' ? openExportSource(inPath) : inPath
  const staging = new Staging(files)
  try {
    return importFrom(db, files, source, staging)
  } finally {
    source.close()
    staging.dispose()
  }
}

function importFrom(db: Db, files: DiaryFiles, source: ExportSource, staging: Staging): ImportReport {
  const { dataDir } = files
  const file = parseExport(source.json, source.path)
  const schema = (db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number }).v
  if (file.schemaVersion > schema) {
    throw new ExportError('unsupported-version', `${source.path} comes from a newer Haru (database version ${file.schemaVersion}, this one has ${schema}); update Haru first`)
  }

  // Recordings first: a missing or altered file makes the export incomplete, so nothing is imported.
  const audio = new Map<string, { staged: string; sha256: string }>()
  for (const ref of file.audio) {
    const bytes = source.readFile(ref.path)
    if (!bytes) throw new ExportError('missing-audio', `${source.path} lacks ${ref.path} (a recording of ${ref.owner} ${ref.id}); nothing was imported`)
    if (bytes.length !== ref.bytes || sha256(bytes) !== ref.sha256) {
      throw new ExportError('corrupt-audio', `${ref.path} in ${source.path} does not match its checksum; nothing was imported`)
    }
    audio.set(`${ref.owner}/${ref.id}`, { staged: staging.put(bytes), sha256: ref.sha256 })
  }
  const entryDates = new Map(file.entries.map((e) => [e.id, e.entryDate]))

  const rows = new Rows(db)
  const added = zeroCounts()
  const unchanged = zeroCounts()
  const conflicts: string[] = []
  const plan: Planned[] = []
  const placed: { target: string; staged: string }[] = []

  db.transaction(() => {
    const ids: Record<TableKey, Map<number, number>> = {
      profiles: new Map(),
      entries: new Map(),
      tags: new Map(),
      voiceMemos: new Map(),
      baselines: new Map(),
      analyses: new Map(),
      calibrationTakes: new Map(),
      profileSettings: new Map(),
      dayMoods: new Map(),
      readingCorrections: new Map(),
      textAdapters: new Map(),
      memoVoiceStats: new Map(),
      automaticBaselines: new Map(),
      voiceReadings: new Map()
    }
    /** Target rows that existed before this import; only their children can already be present. */
    const existing = { profiles: new Set<number>(), entries: new Set<number>(), voiceMemos: new Set<number>() }
    const map = (key: TableKey, id: number | null): number | null => (id === null ? null : ids[key].get(id)!)
    const add = (key: TableKey, row: ExportRow) => {
      rows.check(key, row)
      plan.push({ key, row })
      added[key]++
    }
    const keep = (key: TableKey) => unchanged[key]++

    const newProfile = rows.allocator('profiles')
    for (const p of file.profiles) {
      const found = rows.get('SELECT id FROM profiles WHERE name = ?', p.name.trim()) as { id: number } | undefined
      if (found) {
        ids.profiles.set(p.id, found.id)
        existing.profiles.add(found.id)
        keep('profiles')
      } else {
        const id = newProfile(p.id)
        ids.profiles.set(p.id, id)
        add('profiles', { ...p, id, name: p.name.trim() })
      }
    }

    const newEntry = rows.allocator('entries')
    for (const e of file.entries) {
      const profileId = map('profiles', e.profileId)!
      const found = existing.profiles.has(profileId)
        ? (rows.get('SELECT id, text FROM entries WHERE profile_id = ? AND entry_date = ?', profileId, e.entryDate) as { id: number; text: string } | undefined)
        : undefined
      if (found) {
        if (found.text !== e.text) conflicts.push(`the entry for ${e.entryDate} differs from the one in the diary`)
        ids.entries.set(e.id, found.id)
        existing.entries.add(found.id)
        keep('entries')
      } else {
        const id = newEntry(e.id)
        ids.entries.set(e.id, id)
        add('entries', { ...e, id, profileId })
      }
    }

    /** A recording row (memo or take): matched by owner and path, its file restored when absent. */
    const recording = (key: 'voiceMemos' | 'calibrationTakes', original: ExportRow & { id: number; filePath: string }, mapped: ExportRow, ownerKnown: boolean, ownerSql: string, ownerId: number) => {
      // Only under the recording's own folder, with a plain .wav name (recording-paths.ts).
      const filePath = key === 'voiceMemos' ? importedMemoPath(original.filePath, entryDates.get(Number(original.entryId))!) : importedTakePath(original.filePath, ownerId)
      const r = { ...original, filePath }
      mapped = { ...mapped, filePath }
      const found = ownerKnown ? (rows.get(`SELECT id FROM "${TABLE_OF[key]}" WHERE ${ownerSql} AND file_path = ?`, ownerId, r.filePath) as { id: number } | undefined) : undefined
      if (found) {
        if (rows.findSame(key, { ...mapped, id: found.id }, []) === undefined) conflicts.push(`the recording ${r.filePath} differs from the one in the diary`)
        ids[key].set(r.id, found.id)
        if (key === 'voiceMemos') existing.voiceMemos.add(found.id)
        keep(key)
      } else {
        const inUse = recordingTables.some((t) => rows.get(`SELECT 1 AS x FROM "${t}" WHERE file_path = ?`, r.filePath))
        if (inUse) conflicts.push(`${r.filePath} is already used by another recording in the diary`)
        const id = newIds[key](r.id)
        ids[key].set(r.id, id)
        add(key, { ...mapped, id })
      }
      const sound = audio.get(`${key}/${r.id}`)
      if (sound) {
        const target = join(dataDir, ...r.filePath.split('/'))
        if (placed.some((f) => f.target === target)) conflicts.push(`two recordings of the export would share ${r.filePath}`)
        else if (!existsSync(target)) placed.push({ target, staged: sound.staged })
        // Compared by content: the diary's copy may be sealed, the export's never is.
        else if (files.sha256(target) !== sound.sha256) conflicts.push(`a different recording already exists at ${r.filePath}`)
        else unchanged.audioFiles++
      }
    }
    const recordingTables = ['voice_memos', 'calibration_takes'].filter((t) => tableExists(db, t))
    const newIds = { voiceMemos: rows.allocator('voiceMemos'), calibrationTakes: rows.allocator('calibrationTakes') }
    for (const m of file.voiceMemos) {
      const entryId = map('entries', m.entryId)!
      recording('voiceMemos', m, { ...m, entryId }, existing.entries.has(entryId), 'entry_id = ?', entryId)
    }
    for (const t of file.calibrationTakes) {
      const profileId = map('profiles', t.profileId)!
      recording('calibrationTakes', t, { ...t, profileId }, existing.profiles.has(profileId), 'profile_id = ?', profileId)
    }

    const newBaseline = rows.allocator('baselines')
    for (const b of file.baselines) {
      const profileId = map('profiles', b.profileId)!
      const mapped = { ...b, profileId }
      const found = existing.profiles.has(profileId) ? rows.findSame('baselines', mapped, ['id', 'isActive']) : undefined
      if (found !== undefined) {
        ids.baselines.set(b.id, found)
        keep('baselines')
      } else {
        const id = newBaseline(b.id)
        ids.baselines.set(b.id, id)
        const hasActive = existing.profiles.has(profileId) && rows.get('SELECT 1 AS x FROM baselines WHERE profile_id = ? AND is_active = 1', profileId)
        add('baselines', { ...mapped, id, isActive: b.isActive === 1 && !hasActive ? 1 : 0 })
      }
    }

    const newAnalysis = rows.allocator('analyses')
    for (const a of file.analyses) {
      const mapped = { ...a, entryId: map('entries', a.entryId), memoId: map('voiceMemos', a.memoId), baselineId: map('baselines', a.baselineId) }
      const targetExisted = mapped.entryId !== null ? existing.entries.has(mapped.entryId) : existing.voiceMemos.has(mapped.memoId!)
      const found = targetExisted ? rows.findSame('analyses', mapped, ['id']) : undefined
      if (found !== undefined) {
        ids.analyses.set(a.id, found)
        keep('analyses')
      } else {
        const id = newAnalysis(a.id)
        ids.analyses.set(a.id, id)
        add('analyses', { ...mapped, id })
      }
    }

    // A profile the diary already has keeps its own settings; an imported profile brings its own.
    for (const st of file.profileSettings) {
      const profileId = map('profiles', st.profileId)!
      if (existing.profiles.has(profileId) && rows.get('SELECT 1 AS x FROM profile_settings WHERE profile_id = ? AND key = ?', profileId, st.key)) {
        keep('profileSettings')
      } else add('profileSettings', { ...st, profileId })
    }

    for (const t of file.tags) {
      const entryId = map('entries', t.entryId)!
      if (rows.get('SELECT 1 AS x FROM entry_tags WHERE entry_id = ? AND tag = ?', entryId, t.tag)) keep('tags')
      else add('tags', { entryId, tag: t.tag })
    }

    planOwnWord(file, { rows, map, existing, add, keep, conflicts, newCorrection: rows.allocator('readingCorrections') })
    planVoiceBaselines(file, { rows, map, existing, add, keep, ids, newAutomaticBaseline: rows.allocator('automaticBaselines') })
  })()

  if (conflicts.length > 0) {
    throw new ExportError(
      'conflict',
      `import refused, nothing was changed: ${conflicts.slice(0, 5).join('; ')}${conflicts.length > 5 ? ` (and ${conflicts.length - 5} more)` : ''}`
    )
  }

  const written: string[] = []
  try {
    for (const f of placed) {
      ensurePrivateDir(dirname(f.target))
      if (existsSync(f.target)) throw new ExportError('conflict', `import refused, nothing was changed: a recording appeared at ${f.target} meanwhile`)
      renameSync(f.staged, f.target)
      written.push(f.target)
    }
    // Parents before children (the plan is in table order), so every reference resolves.
    db.transaction(() => {
      for (const p of plan) rows.insert(p.key, p.row)
    })()
  } catch (err) {
    for (const f of written) rmSync(f, { force: true })
    throw err
  }
  added.audioFiles = placed.length
  return { source: source.path, added, unchanged }
}

export type { ExportFile }
