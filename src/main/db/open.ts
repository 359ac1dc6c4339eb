import { closeSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3-multiple-ciphers'
import { openPrivate, securePrivateRoot } from '../files/private-files'
import { migrate } from './migrate'

export const DATABASE_FILE_NAME = 'haru.sqlite3'

export type Db = Database.Database

/**
 * Opens (creating if needed) the diary database in `dataDir` and brings its schema up to date.
 * WAL lets the app read trends while a save is being written; foreign keys are off by default
 * in SQLite and the cascades in the schema depend on them.
 */
export function openDatabase(dataDir: string): Db {
  const file = join(dataDir, DATABASE_FILE_NAME)
  // Owner-only: SQLite creates a new database 0644, and its -wal and -shm files with the database's mode.
  securePrivateRoot(dataDir, file, [file, `${file}-wal`, `${file}-shm`])
  closeSync(openPrivate(file, 'a'))
  const db = new Database(file)
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    db.pragma('synchronous = NORMAL')
    migrate(db)
    return db
  } catch (err) {
    db.close()
    throw err
  }
}
