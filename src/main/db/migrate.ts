import { createHash } from 'node:crypto'
import type Database from 'better-sqlite3-multiple-ciphers'
import { migrations as knownMigrations, type Migration } from './migrations'

export class MigrationError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'MigrationError'
  }
}

const checksum = (sql: string): string => createHash('sha256').update(sql).digest('hex')

interface AppliedRow {
  version: number
  name: string
  checksum: string
}

/**
 * Applies pending migrations, each in its own transaction, and records them. Refuses to touch a
 * database whose history does not match the code: a recorded migration that was edited since
 * (checksum differs) or that the code no longer has (a newer app wrote it, or a file was removed).
 * Returns the versions applied now (empty when already up to date).
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = knownMigrations): number[] {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new MigrationError(`migration list is not numbered 1..n: position ${i + 1} holds ${m.version}`)
  })
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)`)
  const applied = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all() as AppliedRow[]

  for (const row of applied) {
    const known = migrations.find((m) => m.version === row.version)
    if (!known) {
      throw new MigrationError(
        `database has migration ${row.version} (${row.name}) that this version of Haru does not know; ` +
          'it was written by a newer Haru or a migration file is missing'
      )
    }
    if (checksum(known.sql) !== row.checksum) {
      throw new MigrationError(`migration ${row.version} (${row.name}) was changed after it was applied; migrations are append-only`)
    }
  }

  const record = db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)')
  const pending = migrations.slice(applied.length)
  for (const m of pending) {
    db.transaction(() => {
      db.exec(m.sql)
      record.run(m.version, m.name, checksum(m.sql), new Date().toISOString())
    })()
  }
  return pending.map((m) => m.version)
}
