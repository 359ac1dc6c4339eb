import type { ExportFile, ExportRow } from './format'
import type { Rows } from './import-json'
import type { TableKey } from './tables'

/** What the importer's planning pass hands over (see import-json.ts). */
export interface ImportPlanning {
  rows: Rows
  map(key: TableKey, id: number | null): number | null
  /** Target rows that existed before this import. */
  existing: { profiles: Set<number>; entries: Set<number>; voiceMemos: Set<number> }
  add(key: TableKey, row: ExportRow): void
  keep(key: TableKey): void
  conflicts: string[]
  newCorrection(preferred: number): number
}

/**
 * Issue 12's tables in an import, matched like the rest: a check-in by its day (a different
 * check-in for a day the diary has is a conflict, as a different entry text is), a correction by
 * its content on its entry or memo, an adapter by profile and base pack (a profile the diary
 * already has keeps its own adapters, as it keeps its own settings).
 */
export function planOwnWord(file: ExportFile, p: ImportPlanning): void {
  for (const m of file.dayMoods) {
    const entryId = p.map('entries', m.entryId)!
    const found = p.existing.entries.has(entryId)
      ? (p.rows.get('SELECT emotion, word, intensity FROM day_moods WHERE entry_id = ?', entryId) as { emotion: string; word: string | null; intensity: number | null } | undefined)
      : undefined
    if (!found) p.add('dayMoods', { ...m, entryId })
    else if (found.emotion === m.emotion && found.word === m.word && found.intensity === m.intensity) p.keep('dayMoods')
    else p.conflicts.push(`the check-in of entry ${m.entryId} differs from the one in the diary`)
  }

  for (const c of file.readingCorrections) {
    const mapped = { ...c, entryId: p.map('entries', c.entryId), memoId: p.map('voiceMemos', c.memoId) }
    const targetExisted = mapped.entryId !== null ? p.existing.entries.has(mapped.entryId) : p.existing.voiceMemos.has(mapped.memoId!)
    if (targetExisted && p.rows.findSame('readingCorrections', mapped, ['id']) !== undefined) p.keep('readingCorrections')
    else if (mapped.memoId !== null && targetExisted && p.rows.get('SELECT 1 AS x FROM reading_corrections WHERE memo_id = ?', mapped.memoId)) {
      p.conflicts.push(`the correction of voice memo ${c.memoId} differs from the one in the diary`)
    } else p.add('readingCorrections', { ...mapped, id: p.newCorrection(c.id) })
  }

  for (const a of file.textAdapters) {
    const profileId = p.map('profiles', a.profileId)!
    if (p.existing.profiles.has(profileId) && p.rows.get('SELECT 1 AS x FROM text_adapters WHERE profile_id = ? AND model_id = ?', profileId, a.modelId)) {
      p.keep('textAdapters')
    } else p.add('textAdapters', { ...a, profileId })
  }
}
