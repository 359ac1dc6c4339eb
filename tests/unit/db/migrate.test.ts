import { join } from 'node:path'
import Database from 'better-sqlite3-multiple-ciphers'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { migrate, MigrationError } from '../../../src/main/db/migrate'
import { migrations } from '../../../src/main/db/migrations'
import { DATABASE_FILE_NAME, openDatabase } from '../../../src/main/db/open'
import { makeTempDir } from '../../helpers/temp-dir'

let tmp: ReturnType<typeof makeTempDir>
beforeEach(() => (tmp = makeTempDir()))
afterEach(() => tmp.cleanup())

const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name)

describe('migrations', () => {
  it('builds the whole schema from zero in a real file, with WAL and foreign keys on', () => {
    const db = openDatabase(tmp.dir)
    // The foundation's tables; later migrations add more (tags, search index, settings, ...).
    expect(tables(db)).toEqual(expect.arrayContaining(['analyses', 'baselines', 'entries', 'profiles', 'schema_migrations', 'voice_memos']))
    expect(tables(db)).toEqual(expect.arrayContaining(['entry_search', 'entry_tags', 'profile_settings']))
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    const recorded = db.prepare('SELECT version, name FROM schema_migrations').all()
    expect(recorded).toEqual(migrations.map((m) => ({ version: m.version, name: m.name })))
    db.close()
  })

  it('is a no-op when run again', () => {
    openDatabase(tmp.dir).close()
    const db = new Database(join(tmp.dir, DATABASE_FILE_NAME))
    expect(migrate(db)).toEqual([])
    expect((db.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(migrations.length)
    db.close()
  })

  it('refuses a database whose applied migration was edited afterwards', () => {
    openDatabase(tmp.dir).close()
    const db = new Database(join(tmp.dir, DATABASE_FILE_NAME))
    const tampered = migrations.map((m) => (m.version === 1 ? { ...m, sql: m.sql + '\n-- edited' } : m))
    expect(() => migrate(db, tampered)).toThrow(MigrationError)
    expect(() => migrate(db, tampered)).toThrow(/migration 1 \(initial\) was changed/)
    db.close()
  })

  it('refuses a database that has a migration the code does not know', () => {
    const db = new Database(join(tmp.dir, DATABASE_FILE_NAME))
    migrate(db)
    const future = migrations.length + 1
    db.prepare("INSERT INTO schema_migrations VALUES (?, 'from-the-future', 'x', '2030-01-01')").run(future)
    expect(() => migrate(db)).toThrow(new RegExp(`migration ${future} \\(from-the-future\\).*does not know`))
    db.close()
  })

  it('rolls a failing migration back entirely and records nothing for it', () => {
    const db = new Database(join(tmp.dir, DATABASE_FILE_NAME))
    migrate(db)
    const next = migrations.length + 1
    const broken = [...migrations, { version: next, name: 'broken', sql: 'CREATE TABLE half_done (x); SELECT * FROM no_such_table;' }]
    expect(() => migrate(db, broken)).toThrow(/no such table/)
    expect(tables(db)).not.toContain('half_done')
    expect((db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number }).v).toBe(migrations.length)
    db.close()
  })

  it('refuses a migration list with a gap', () => {
    const db = new Database(':memory:')
    expect(() => migrate(db, [{ version: 2, name: 'x', sql: '' }])).toThrow(/numbered 1..n/)
    db.close()
  })
})
