import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, utimesSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { HaruApiError } from '../../shared/api/errors'
import { crashPoint } from '../crash-points'
import { applyCipher, DATABASE_FILE_NAME, openKeyed, type Db } from '../db/open'
import { fsyncDir, fsyncFile, writeFileDurable, writeFlushed } from '../files/durable'
import { ensurePrivateDir } from '../files/private-files'
import { HEADER_BYTES, isSealed, newHeader, openRecords, openWhole, sealRecords, sealWhole } from '../files/sealed'
import type { RecordingMeta } from '../memos/recordings'
import { applyConversion, CONVERT_DIR, type ConversionPlan } from './convert-apply'
import { folderContent } from './folder-files'
import { KEYRING_FILE, type Keyring } from './keyring'
import { rawDatabaseKey, type DiaryKeys } from './keys'
import { REMEMBERED_FILE } from './remember'
import { ATTEMPTS_FILE } from './attempts'

/**
 * Turning encryption on (`enable`) or off (`disable`) for a whole data folder, crash-safely:
 *
 *   1. stage   with the database held exclusively, write the converted copy of every file into
 *              `.haru-convert/files/` (the database re-keyed, every recording sealed or opened),
 *              each flushed, plus the new keyring; nothing of the live folder is touched;
 *   2. commit  write `.haru-convert/commit.json` (temporary name, flush, rename, flush the folder):
 *              the one step that decides the outcome;
 *   3. apply   rename every staged file over its original, install (enable) or remove (disable)
 *              the keyring last, flush, then delete the commit record and the staging folder.
 *
 * Whoever opens the folder next runs `recoverConversion` before anything else: staging without a
 * commit record is rolled back (deleted: the folder is as it was, with the old key), a commit
 * record is rolled forward (apply is idempotent: a file already moved is skipped). So after a
 * crash at any point the folder opens with exactly one of the old and the new key, never neither.
 */

export type ConversionKind = 'enable' | 'disable'
export interface ConversionProgress {
  kind: ConversionKind
  done: number
  total: number
}

/** The converting process touches its owner file this often; one older than STALE_OWNER_MS has died. */
const HEARTBEAT_MS = 5_000

const stagingDir = (dataDir: string) => join(dataDir, CONVERT_DIR)
const staged = (dataDir: string, rel: string) => join(stagingDir(dataDir), 'files', ...rel.split('/'))
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * The live database, held so that no other process can write while its copy is taken (a process
 * with the diary open makes this fail: turning encryption on or off needs the diary to itself).
 */
function holdExclusively(dataDir: string, key: Buffer | null): Db {
  let db: Db
  try {
    db = openKeyed(join(dataDir, DATABASE_FILE_NAME), key, { timeout: 200 })
    db.pragma('locking_mode = EXCLUSIVE')
    db.exec('BEGIN EXCLUSIVE')
    db.exec('COMMIT')
    // Everything in the main file, so a plain copy of it is the whole database.
    db.pragma('wal_checkpoint(TRUNCATE)')
    return db
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_BUSY') {
      throw HaruApiError.because('conflict', 'another Haru window or command has this diary open; close it and try again', 'diary-in-use')
    }
    throw err
  }
}

/** A copy of the database under the new key (or none), checked, flushed. */
function stageDatabase(dataDir: string, from: Buffer | null, to: Buffer | null): void {
  const copy = staged(dataDir, DATABASE_FILE_NAME)
  ensurePrivateDir(dirname(copy))
  copyFileSync(join(dataDir, DATABASE_FILE_NAME), copy)
  let db = openKeyed(copy, from)
  try {
    // Re-keying rewrites every page; SQLite3 Multiple Ciphers does it in rollback-journal mode only.
    db.pragma('journal_mode = DELETE')
    // Encrypting: the cipher is chosen before the re-key (the library would otherwise use its default).
    if (to) applyCipher(db)
    const raw = to ? rawDatabaseKey(to) : Buffer.alloc(0)
    try {
      db.rekey(raw)
    } finally {
      raw.fill(0)
    }
  } finally {
    db.close()
  }
  db = openKeyed(copy, to)
  try {
    const check = db.pragma('quick_check', { simple: true })
    if (check !== 'ok') throw new HaruApiError('storage', `the converted database failed its check (${String(check)}); nothing was changed`)
  } finally {
    db.close()
  }
  fsyncFile(copy)
}

function writeStaged(dataDir: string, rel: string, parts: readonly Uint8Array[]): void {
  const path = staged(dataDir, rel)
  ensurePrivateDir(dirname(path))
  writeFlushed(path, parts)
}

function convertWhole(dataDir: string, rel: string, kind: ConversionKind, keys: DiaryKeys): void {
  const bytes = readFileSync(join(dataDir, ...rel.split('/')))
  if (kind === 'enable') writeStaged(dataDir, rel, isSealed(bytes) ? [bytes] : sealWhole(keys.files, [bytes]))
  else writeStaged(dataDir, rel, [isSealed(bytes) ? openWhole(bytes, keys.files, rel) : bytes])
}

/** A recording in progress: its PCM sealed as one stream (or opened), its metadata told so. */
function convertRecording(dataDir: string, rec: { pcm: string; meta: string }, kind: ConversionKind, keys: DiaryKeys): void {
  const meta = JSON.parse(readFileSync(join(dataDir, ...rec.meta.split('/')), 'utf8')) as RecordingMeta
  const bytes = readFileSync(join(dataDir, ...rec.pcm.split('/')))
  const { sealed: _s, diskBytes: _d, ...base } = meta
  let pcm: Buffer
  if (meta.sealed) pcm = openRecords(bytes, keys.files, { whole: false, trustedBytes: meta.diskBytes ?? 0, where: rec.pcm }).plain
  else pcm = bytes
  // Whole 16-bit samples, as finishing would keep.
  pcm = pcm.subarray(0, pcm.length & ~1)
  if (kind === 'enable') {
    const header = newHeader(keys.files)
    const records = pcm.length > 0 ? sealRecords(keys.files, header, 0, pcm, false) : []
    const diskBytes = HEADER_BYTES + records.reduce((n, r) => n + r.length, 0)
    writeStaged(dataDir, rec.pcm, [header, ...records])
    writeStaged(dataDir, rec.meta, [Buffer.from(JSON.stringify({ ...base, bytes: pcm.length, sealed: true, diskBytes }))])
  } else {
    writeStaged(dataDir, rec.pcm, [pcm])
    writeStaged(dataDir, rec.meta, [Buffer.from(JSON.stringify({ ...base, bytes: pcm.length }))])
  }
}

function fsyncTree(dir: string, rel = ''): void {
  const here = rel ? join(dir, ...rel.split('/')) : dir
  if (!existsSync(here)) return
  for (const entry of readdirSync(here, { withFileTypes: true })) {
    if (entry.isDirectory()) fsyncTree(dir, rel ? `${rel}/${entry.name}` : entry.name)
  }
  fsyncDir(here)
}

export interface ConvertOptions {
  kind: ConversionKind
  keys: DiaryKeys
  /** enable: the new folder's keyring, installed last. */
  keyring?: Keyring
  progress?: (p: ConversionProgress) => void
}

/**
 * Converts the folder (the diary's own connection must be closed first). Throws before the commit
 * with the folder untouched and the staging removed; after the commit, the folder is converted
 * even if this process dies (the next open finishes it).
 */
export async function convertFolder(dataDir: string, opts: ConvertOptions): Promise<void> {
  const { kind, keys } = opts
  const dir = stagingDir(dataDir)
  if (existsSync(dir)) throw HaruApiError.because('unavailable', 'the diary is already being converted', 'lock-converting')
  ensurePrivateDir(dir)
  const owner = join(dir, 'owner.json')
  writeFileDurable(owner, [Buffer.from(JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() }))])
  let beat = Date.now()
  const heartbeat = () => {
    if (Date.now() - beat < HEARTBEAT_MS) return
    beat = Date.now()
    utimesSync(owner, new Date(), new Date())
  }
  let live: Db | null = null
  let committed = false
  try {
    live = holdExclusively(dataDir, kind === 'enable' ? null : keys.database)
    const content = folderContent(dataDir)
    const total = 1 + content.whole.length + content.recordings.length
    let done = 0
    const step = async () => {
      opts.progress?.({ kind, done: ++done, total })
      heartbeat()
      await yieldToEventLoop()
    }
    opts.progress?.({ kind, done, total })
    stageDatabase(dataDir, kind === 'enable' ? null : keys.database, kind === 'enable' ? keys.database : null)
    crashPoint('lock.convert.database')
    await step()
    for (const rel of content.whole) {
      convertWhole(dataDir, rel, kind, keys)
      crashPoint('lock.convert.file')
      await step()
    }
    for (const rec of content.recordings) {
      convertRecording(dataDir, rec, kind, keys)
      await step()
    }
    if (kind === 'enable') {
      if (!opts.keyring) throw new Error('enabling encryption needs the new keyring')
      writeStaged(dataDir, KEYRING_FILE, [Buffer.from(JSON.stringify(opts.keyring, null, 2) + '\n', 'utf8')])
    }
    fsyncTree(dir)
    crashPoint('lock.convert.staged')
    const plan: ConversionPlan = {
      kind,
      keyId: keys.keyId.toString('hex'),
      moves: [DATABASE_FILE_NAME, ...content.whole, ...content.recordings.flatMap((r) => [r.pcm, r.meta]), ...(kind === 'enable' ? [KEYRING_FILE] : [])],
      removes: [`${DATABASE_FILE_NAME}-wal`, `${DATABASE_FILE_NAME}-shm`, `${DATABASE_FILE_NAME}-journal`, ...content.leftovers, ...(kind === 'disable' ? [REMEMBERED_FILE, ATTEMPTS_FILE] : [])],
      removeDirs: content.leftoverDirs,
      // Disabling: the keyring goes last, so a crash before it still finds the folder encrypted-and-committed.
      removeLast: kind === 'disable' ? [KEYRING_FILE] : []
    }
    writeFileDurable(join(dir, 'commit.json'), [Buffer.from(JSON.stringify(plan))])
    committed = true
    crashPoint('lock.convert.committed')
  } catch (err) {
    live?.close()
    live = null
    if (!committed) rmSync(dir, { recursive: true, force: true })
    throw err
  } finally {
    live?.close()
  }
  applyConversion(dataDir)
}
