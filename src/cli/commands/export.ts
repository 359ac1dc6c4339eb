import { closeSync, constants, openSync, readSync, statSync } from 'node:fs'
import { packageVersion } from '../../main/app-version'
import type { Db } from '../../main/db/open'
import { MIN_PASSPHRASE_LENGTH } from '../../shared/api/lock-schemas'
import { isEncryptedBackup, openBackup } from '../../main/export/encrypted-backup'
import { exportEncrypted, exportJson } from '../../main/export/export-json'
import { exportMarkdown } from '../../main/export/export-markdown'
import { importJson } from '../../main/export/import-json'
import { openExportBytes } from '../../main/export/read-source'
import { readRegularFileSync } from '../../main/files/regular-file'
import { MAX_IMPORT_JSON_BYTES } from '../../main/export/import-limits'
import { call, stringFlag, UsageError, type Command } from '../context'
import { runPendingAnalysis, type PendingSummary } from '../pending-analysis'
import { resolveProfile } from '../profile-option'

export const exportCommand: Command = {
  usage: 'export --format json|md --out PATH [--profile NAME] [--encrypt]',
  summary:
    'json: everything (all profiles, entries, tags, analyses, baselines, recordings) into a new folder, or a .zip when PATH ends in .zip; with --encrypt, one encrypted file (name it .haru) under its own passphrase (asked, or the next line with --passphrase-stdin); md: one readable file per month (all profiles, or --profile). Only --encrypt protects the copy',
  flags: { format: 'string', out: 'string', profile: 'string', encrypt: 'boolean' },
  async run(ctx) {
    const format = stringFlag(ctx, 'format') ?? 'json'
    const out = stringFlag(ctx, 'out')
    if (!out) throw new UsageError('export needs --out PATH')
    if (ctx.flags.encrypt && format !== 'json') throw new UsageError('only --format json can be encrypted')
    if (format === 'json') {
      if (stringFlag(ctx, 'profile') !== undefined) throw new UsageError('a JSON export always holds every profile; --profile applies to --format md')
      let passphrase: string | undefined
      if (ctx.flags.encrypt) {
        passphrase = await ctx.secrets.next('backup passphrase', { confirm: true })
        if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) throw new UsageError(`a backup passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters`)
      }
      const report = passphrase
        ? await exportEncrypted(ctx.service.db, ctx.service.files, out, { appVersion: packageVersion(), passphrase })
        : exportJson(ctx.service.db, ctx.service.files, out, { appVersion: packageVersion() })
      if (ctx.flags.json) return ctx.out(JSON.stringify(report, null, 2))
      const c = report.counts
      ctx.out(
        `exported ${c.profiles} profile(s), ${c.entries} entries, ${c.voiceMemos} voice memos, ${c.calibrationTakes} calibration takes, ${report.audioFiles} recordings, ${c.analyses} analyses, ${c.baselines} baselines, ${c.tags} tags → ${report.path}`
      )
      if (!passphrase) ctx.out(`note: this export is not encrypted; anyone with ${report.path} can read the diary (--encrypt makes an encrypted one)`)
      if (report.uncoveredTables.length > 0) ctx.out(`warning: not exported (unknown to this exporter): ${report.uncoveredTables.join(', ')}`)
      if (report.missingAudio.length > 0) ctx.out(`warning: ${report.missingAudio.length} recording(s) were missing from the data folder: ${report.missingAudio.slice(0, 5).join(', ')}`)
      return
    }
    if (format === 'md') {
      const profileId = stringFlag(ctx, 'profile') !== undefined ? (await resolveProfile(ctx)).id : undefined
      const report = exportMarkdown(ctx.service.db, out, profileId === undefined ? {} : { profileId })
      if (ctx.flags.json) return ctx.out(JSON.stringify(report, null, 2))
      return ctx.out(`wrote ${report.entries} entries in ${report.files.length} monthly file(s) → ${report.path} (plain text: not encrypted)`)
    }
    throw new UsageError(`--format must be json or md, not "${format}"`)
  }
}

/** The profiles that gained entries or memos since `before` (the largest ids then). */
function profilesGaining(db: Db, before: { entry: number; memo: number }): number[] {
  return db
    .prepare(
      `SELECT DISTINCT e.profile_id AS id FROM entries e LEFT JOIN voice_memos vm ON vm.entry_id = e.id
        WHERE e.id > @entry OR vm.id > @memo ORDER BY e.profile_id`
    )
    .pluck()
    .all(before) as number[]
}

const largestIds = (db: Db) =>
  db.prepare('SELECT (SELECT coalesce(max(id), 0) FROM entries) AS entry, (SELECT coalesce(max(id), 0) FROM voice_memos) AS memo').get() as { entry: number; memo: number }

export const importCommand: Command = {
  usage: 'import PATH [--no-analyze]',
  summary:
    'import a JSON export (its folder, its haru-export.json, the .zip, or an encrypted .haru with its passphrase: asked, or the next line with --passphrase-stdin); importing the same export again changes nothing. What it adds without a current analysis is analysed, unless --no-analyze',
  flags: { 'no-analyze': 'boolean' },
  async run(ctx) {
    const path = ctx.args[0]
    if (!path) throw new UsageError('import needs the path of an export')
    if (ctx.args.length > 1) throw new UsageError('import takes one path')
    const before = largestIds(ctx.service.db)
    const report = importJson(ctx.service.db, ctx.service.files, await encryptedSource(ctx, path))
    let analysis: PendingSummary | null = null
    if (!ctx.flags['no-analyze']) {
      const gaining = new Set(profilesGaining(ctx.service.db, before))
      const profiles = (await call(ctx.service, 'profiles', 'list', {})).filter((p) => gaining.has(p.id))
      if (profiles.length > 0) analysis = await runPendingAnalysis(ctx, profiles, ctx.terminal && !ctx.flags.json ? 'progress' : 'quiet')
    }
    if (ctx.flags.json) {
      return ctx.out(JSON.stringify(analysis ? { ...report, analysis: { done: analysis.done, failed: analysis.failed, failures: analysis.failures } } : report, null, 2))
    }
    const a = report.added
    const u = report.unchanged
    ctx.out(
      `imported from ${report.source}: added ${a.profiles} profile(s), ${a.entries} entries, ${a.voiceMemos} voice memos, ${a.calibrationTakes} calibration takes, ${a.audioFiles} recordings, ${a.analyses} analyses, ${a.baselines} baselines, ${a.tags} tags`
    )
    ctx.out(`already present: ${u.profiles} profile(s), ${u.entries} entries, ${u.voiceMemos} voice memos, ${u.analyses} analyses, ${u.baselines} baselines, ${u.tags} tags`)
    // The import itself succeeded (exit 0); what could not be analysed is named, and kept as it is.
    if (analysis) ctx.out(`analysed ${analysis.done} imported record(s) that had no current analysis`)
    for (const f of analysis?.failures ?? []) ctx.out(`could not analyse ${f.profile} ${f.day} ${f.kind} ${f.id}: ${f.message}`)
  }
}

/**
 * An encrypted backup is decrypted in memory with its passphrase and imported from there (never
 * written out in plain form); any other path is read by the importer itself.
 */
async function encryptedSource(ctx: Parameters<Command['run']>[0], path: string) {
  const head = Buffer.alloc(8)
  // Only a regular file is peeked at: opening a named pipe would block until a writer came (the
  // importer refuses pipes, devices and folders itself, with its own sentence).
  if (!statSync(path, { throwIfNoEntry: false })?.isFile()) return path
  try {
    const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
    try {
      readSync(fd, head, 0, 8, 0)
    } finally {
      closeSync(fd)
    }
  } catch {
    return path // a folder, or missing: the importer says which
  }
  if (!isEncryptedBackup(Buffer.concat([head, Buffer.alloc(8)]))) return path
  const bytes = readRegularFileSync(path, { maxBytes: 4 * MAX_IMPORT_JSON_BYTES })
  const zip = await openBackup(bytes, await ctx.secrets.next('backup passphrase'), path)
  return openExportBytes(zip, path)
}
