import type { Db } from '../db/open'
import type { ExportRow } from './format'

/** The diary tables an export carries, in an order where every reference points backwards. */
export const EXPORTED_TABLES = [
  { key: 'profiles', table: 'profiles', orderBy: 'id' },
  { key: 'entries', table: 'entries', orderBy: 'id' },
  { key: 'tags', table: 'entry_tags', orderBy: 'entry_id, tag' },
  { key: 'voiceMemos', table: 'voice_memos', orderBy: 'id' },
  { key: 'baselines', table: 'baselines', orderBy: 'id' },
  { key: 'analyses', table: 'analyses', orderBy: 'id' },
  { key: 'calibrationTakes', table: 'calibration_takes', orderBy: 'id' },
  { key: 'profileSettings', table: 'profile_settings', orderBy: 'profile_id, key' },
  // issue 12: the writer's own word
  { key: 'dayMoods', table: 'day_moods', orderBy: 'entry_id' },
  { key: 'readingCorrections', table: 'reading_corrections', orderBy: 'id' },
  { key: 'textAdapters', table: 'text_adapters', orderBy: 'profile_id, model_id' }
] as const
export type TableKey = (typeof EXPORTED_TABLES)[number]['key']

/**
 * Tables that are derived from the exported ones (rebuilt by triggers on import) or bookkeeping,
 * so they are deliberately not exported.
 */
const DERIVED = new Set(['analysis_daily', 'analysis_monthly', 'schema_migrations', 'analysis_queue_state', 'analysis_queue_failures'])

export const camel = (column: string): string => column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())
export const snake = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

export function columnsOf(db: Db, table: string): string[] {
  return (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).map((c) => c.name)
}

export function tableExists(db: Db, table: string): boolean {
  return columnsOf(db, table).length > 0
}

/** Every row of a table with camelCase keys, values exactly as stored. */
export function readRows(db: Db, table: string, orderBy: string): ExportRow[] {
  if (!tableExists(db, table)) return []
  return (db.prepare(`SELECT * FROM "${table}" ORDER BY ${orderBy}`).all() as Record<string, string | number | null>[]).map((r) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [camel(k), v]))
  )
}

/** Tables in the database that no export covers: reported, so a new feature's data is never silently left out. */
export function uncoveredTables(db: Db): string[] {
  const known = new Set<string>(EXPORTED_TABLES.map((t) => t.table))
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[])
    .map((t) => t.name)
    .filter((n) => !known.has(n) && !DERIVED.has(n) && !n.startsWith('entry_search'))
}
