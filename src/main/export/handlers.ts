import { existsSync, mkdirSync, readdirSync, realpathSync, statSync } from 'node:fs'
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { MAX_BACKUP_IMPORT_BYTES, type BackupCounts, type BackupImportResult, type ImportedProfile } from '../../shared/api/backup-schemas'
import type { DomainHandlers } from '../../shared/api/contract'
import { HaruApiError } from '../../shared/api/errors'
import type { HandlerContext } from '../api/handlers'
import type { Db } from '../db/open'
import { PRIVATE_DIR_MODE } from '../files/private-files'
import { getProfile, listProfiles } from '../repos/profiles'
import { ENCRYPTED_BACKUP_EXTENSION, isEncryptedBackup, openBackup } from './encrypted-backup'
import { exportEncrypted, exportJson } from './export-json'
import { exportMarkdown, safeFileName } from './export-markdown'
import { importJson } from './import-json'
import { openExportBytes } from './read-source'

/**
 * `backup.*`: export and import from the app. The renderer never chooses where to write: exports
 * go to `ctx.exportsDir` under a new timestamped name, imports arrive as bytes and are written to a
 * private temporary folder for the existing importer, then removed.
 */
export const backupHandlers: DomainHandlers<'backup', HandlerContext> = {
  info: (_input, ctx) => ({ exportsDir: resolve(ctx.exportsDir), canReveal: ctx.revealInFolder !== undefined, maxImportBytes: MAX_BACKUP_IMPORT_BYTES }),

  export: async ({ format, profileId, passphrase }, ctx) => {
    const dir = resolve(ctx.exportsDir)
    // A backup holds the whole diary: owner-only, like the data folder.
    mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE })
    const stamp = timestamp(new Date())
    if (format === 'json') {
      const path = freePath(dir, `haru-backup-${stamp}`, passphrase ? ENCRYPTED_BACKUP_EXTENSION : '.zip')
      const report = passphrase
        ? await exportEncrypted(ctx.db, ctx.files, path, { appVersion: ctx.appVersion, passphrase })
        : exportJson(ctx.db, ctx.files, path, { appVersion: ctx.appVersion })
      return {
        format,
        encrypted: report.kind === 'encrypted',
        path: report.path,
        fileName: basename(report.path),
        bytes: statSync(report.path).size,
        counts: { ...report.counts, audioFiles: report.audioFiles },
        missingAudio: report.missingAudio,
        uncoveredTables: report.uncoveredTables
      }
    }
    const who = profileId === undefined ? '' : `-${safeFileName(getProfile(ctx.db, profileId).name)}`
    const path = freePath(dir, `haru-diary${who}-${stamp}`, '')
    const report = exportMarkdown(ctx.db, path, profileId === undefined ? {} : { profileId })
    return {
      format,
      path: report.path,
      fileName: basename(report.path),
      bytes: report.files.reduce((n, f) => n + statSync(join(report.path, f)).size, 0),
      entries: report.entries,
      files: report.files
    }
  },

  import: async ({ fileName, dataBase64, passphrase }, ctx) => {
    let bytes: Buffer = Buffer.from(dataBase64, 'base64')
    if (bytes.length > MAX_BACKUP_IMPORT_BYTES) {
      throw new HaruApiError('invalid-input', `${fileName} is larger than ${MAX_BACKUP_IMPORT_BYTES / 1024 / 1024} MB; import it with \`haru import PATH\` instead`)
    }
    if (isEncryptedBackup(bytes)) {
      if (!passphrase) throw HaruApiError.because('invalid-input', `${fileName} is an encrypted backup; give its passphrase`, 'backup-encrypted')
      bytes = await openBackup(bytes, passphrase, fileName)
    }
    // Read in memory, never written to a temporary file: a decrypted backup must not land on disk.
    const before = diaryKeys(ctx.db)
    const report = importJson(ctx.db, ctx.files, openExportBytes(bytes, fileName))
    return { fileName, added: report.added, unchanged: report.unchanged, profiles: whereImported(ctx.db, before, report.added) } satisfies BackupImportResult
  },

  reveal: ({ path }, ctx) => {
    const target = resolveInsideExports(ctx.exportsDir, path)
    if (!ctx.revealInFolder) throw new HaruApiError('unavailable', 'showing a file in its folder needs the desktop app; the path is shown instead')
    ctx.revealInFolder(target)
    return { revealed: true as const }
  }
}

/**
 * The real path of `path` when it lies inside the exports folder (never the folder itself), else a
 * typed refusal. Checked lexically first (so nothing is learnt about files elsewhere), then again
 * after resolving symbolic links, so a link inside the folder cannot point out of it.
 */
export function resolveInsideExports(exportsDir: string, path: string): string {
  const outside = () => new HaruApiError('invalid-input', `${path} is not inside the exports folder`)
  const isInside = (root: string, p: string) => {
    const rel = relative(root, p)
    return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)
  }
  if (!isAbsolute(path) || path.includes('\0')) throw outside()
  const root = resolve(exportsDir)
  if (!isInside(root, resolve(path))) throw outside()
  if (!existsSync(path) || !existsSync(root)) throw new HaruApiError('not-found', `${path} does not exist (moved or deleted?)`)
  const real = realpathSync(path)
  if (!isInside(realpathSync(root), real)) throw outside()
  return real
}

/** `YYYY-MM-DD-HHmmss` in local time: what the person sees on their clock. */
function timestamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`
}

/** A name not used yet in `dir` (two exports in the same second get `-2`, `-3`, …). */
function freePath(dir: string, base: string, ext: string): string {
  const taken = new Set(readdirSync(dir).map((n) => n.toLowerCase()))
  const free = (name: string) => !taken.has(name.toLowerCase()) && !taken.has(`${name}.partial`.toLowerCase())
  let name = `${base}${ext}`
  for (let i = 2; !free(name); i++) name = `${base}-${i}${ext}`
  return join(dir, name)
}

interface DiaryKeys {
  profiles: Set<number>
  entries: Set<number>
}

function diaryKeys(db: Db): DiaryKeys {
  return {
    profiles: new Set(db.prepare('SELECT id FROM profiles').pluck().all() as number[]),
    entries: new Set(db.prepare('SELECT id FROM entries').pluck().all() as number[])
  }
}

/** Which profiles gained entries (or were created) by the import, with the days the new entries span. */
function whereImported(db: Db, before: DiaryKeys, added: BackupCounts): ImportedProfile[] {
  if (added.profiles === 0 && added.entries === 0) return []
  const byProfile = new Map<number, { count: number; first: string | null; last: string | null }>()
  const rows = db.prepare('SELECT id, profile_id AS profileId, entry_date AS day FROM entries').all() as { id: number; profileId: number; day: string }[]
  for (const r of rows) {
    if (before.entries.has(r.id)) continue
    const s = byProfile.get(r.profileId) ?? { count: 0, first: null, last: null }
    s.count++
    if (s.first === null || r.day < s.first) s.first = r.day
    if (s.last === null || r.day > s.last) s.last = r.day
    byProfile.set(r.profileId, s)
  }
  return listProfiles(db)
    .filter((p) => !before.profiles.has(p.id) || byProfile.has(p.id))
    .map((profile) => {
      const s = byProfile.get(profile.id)
      return { profile, isNew: !before.profiles.has(profile.id), entriesAdded: s?.count ?? 0, firstDate: s?.first ?? null, lastDate: s?.last ?? null }
    })
}
