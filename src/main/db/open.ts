import { closeSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3-multiple-ciphers'
import { HaruApiError } from '../../shared/api/errors'
import { openPrivate, securePrivateRoot } from '../files/private-files'
import { rawDatabaseKey } from '../lock/keys'
import { migrate } from './migrate'

export const DATABASE_FILE_NAME = 'haru.sqlite3'

export type Db = Database.Database

/**
 * The database's cipher in an encrypted diary: SQLite3 Multiple Ciphers' AEGIS-256, every page
 * encrypted and authenticated (a tag on every page, so a changed page is refused, not read).
 * Measured against its other authenticated schemes on this machine (entry save on the real
 * schema, same run): AEGIS-256 within noise of a plain database, its ChaCha20-Poly1305 about
 * +50 % and its SQLCipher-compatible scheme (AES-256-CBC + HMAC-SHA512) about +60 %, because
 * AEGIS runs on the CPU's AES instructions (x86 AES-NI, ARMv8 crypto extensions) where the
 * library's ChaCha20 is portable scalar C. Compatibility with the `sqlcipher` tool buys nothing
 * here, since only Haru reads the file. The key is raw (`raw:` + 32 bytes, derived in keys.ts), so
 * the library's own KDF never runs: the passphrase was already stretched with Argon2id.
 */
export const DATABASE_CIPHER = 'aegis'
export const DATABASE_CIPHER_ALGORITHM = 'aegis-256'

/** Selects Haru's cipher on a connection, before a key or a re-key (the library's default is another one). */
export function applyCipher(db: Db): void {
  db.pragma(`cipher = '${DATABASE_CIPHER}'`)
  db.pragma(`algorithm = '${DATABASE_CIPHER_ALGORITHM}'`)
}

/** Keys a freshly opened connection: nothing for a plain database, the raw key for an encrypted one. */
export function applyKey(db: Db, key: Buffer | null): void {
  if (!key) return
  applyCipher(db)
  const raw = rawDatabaseKey(key)
  try {
    db.key(raw)
  } finally {
    raw.fill(0)
  }
}

/**
 * A connection to one database file with its key, checked by reading the schema: a key that does
 * not fit (or a plain file opened as encrypted, or the reverse) is SQLITE_NOTADB, reported as the
 * storage problem it is rather than as a corrupt file.
 */
export function openKeyed(file: string, key: Buffer | null, options?: Database.Options): Db {
  const db = new Database(file, options)
  try {
    applyKey(db, key)
    db.prepare('SELECT count(*) FROM sqlite_master').get()
    return db
  } catch (err) {
    db.close()
    if ((err as { code?: string }).code === 'SQLITE_NOTADB') {
      throw new HaruApiError(
        'storage',
        key
          ? `${file} does not open with the diary's key (it is not this diary's database, or it is damaged)`
          : `${file} is encrypted, but the diary's keyring (lock.json) is missing beside it`
      )
    }
    throw err
  }
}

/**
 * Opens (creating if needed) the diary database in `dataDir` and brings its schema up to date;
 * `key` is the database key of an encrypted diary (null: plain). WAL lets the app read trends
 * while a save is being written; foreign keys are off by default in SQLite and the cascades in the
 * schema depend on them.
 */
export function openDatabase(dataDir: string, key: Buffer | null = null): Db {
  const file = join(dataDir, DATABASE_FILE_NAME)
  // Owner-only: SQLite creates a new database 0644, and its -wal and -shm files with the database's mode.
  securePrivateRoot(dataDir, file, [file, `${file}-wal`, `${file}-shm`])
  closeSync(openPrivate(file, 'a'))
  const db = openKeyed(file, key)
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    db.pragma('synchronous = NORMAL')
    // Temporary tables and indices (sorts, FTS merges) stay in memory: a temp file would be plain.
    db.pragma('temp_store = MEMORY')
    migrate(db)
    return db
  } catch (err) {
    db.close()
    throw err
  }
}
