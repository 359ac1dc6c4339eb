import { packageVersion } from '../../main/app-version'
import { exportJson } from '../../main/export/export-json'
import { exportMarkdown } from '../../main/export/export-markdown'
import { importJson } from '../../main/export/import-json'
import { stringFlag, UsageError, type Command } from '../context'
import { resolveProfile } from '../profile-option'

export const exportCommand: Command = {
  usage: 'export --format json|md --out PATH [--profile NAME]',
  summary:
    'json: everything (all profiles, entries, tags, analyses, baselines, recordings) into a new folder, or a .zip when PATH ends in .zip; md: one readable file per month (all profiles, or --profile)',
  flags: { format: 'string', out: 'string', profile: 'string' },
  async run(ctx) {
    const format = stringFlag(ctx, 'format') ?? 'json'
    const out = stringFlag(ctx, 'out')
    if (!out) throw new UsageError('export needs --out PATH')
    if (format === 'json') {
      if (stringFlag(ctx, 'profile') !== undefined) throw new UsageError('a JSON export always holds every profile; --profile applies to --format md')
      const report = exportJson(ctx.service.db, ctx.service.dataDir, out, { appVersion: packageVersion() })
      if (ctx.flags.json) return ctx.out(JSON.stringify(report, null, 2))
      const c = report.counts
      ctx.out(
        `exported ${c.profiles} profile(s), ${c.entries} entries, ${c.voiceMemos} voice memos, ${c.calibrationTakes} calibration takes, ${report.audioFiles} recordings, ${c.analyses} analyses, ${c.baselines} baselines, ${c.tags} tags → ${report.path}`
      )
      if (report.uncoveredTables.length > 0) ctx.out(`warning: not exported (unknown to this exporter): ${report.uncoveredTables.join(', ')}`)
      if (report.missingAudio.length > 0) ctx.out(`warning: ${report.missingAudio.length} recording(s) were missing from the data folder: ${report.missingAudio.slice(0, 5).join(', ')}`)
      return
    }
    if (format === 'md') {
      const profileId = stringFlag(ctx, 'profile') !== undefined ? (await resolveProfile(ctx)).id : undefined
      const report = exportMarkdown(ctx.service.db, out, profileId === undefined ? {} : { profileId })
      if (ctx.flags.json) return ctx.out(JSON.stringify(report, null, 2))
      return ctx.out(`wrote ${report.entries} entries in ${report.files.length} monthly file(s) → ${report.path}`)
    }
    throw new UsageError(`--format must be json or md, not "${format}"`)
  }
}

export const importCommand: Command = {
  usage: 'import PATH',
  summary: 'import a JSON export (its folder, its haru-export.json, or the .zip); importing the same export again changes nothing',
  flags: {},
  async run(ctx) {
    const path = ctx.args[0]
    if (!path) throw new UsageError('import needs the path of an export')
    if (ctx.args.length > 1) throw new UsageError('import takes one path')
    const report = importJson(ctx.service.db, ctx.service.dataDir, path)
    if (ctx.flags.json) return ctx.out(JSON.stringify(report, null, 2))
    const a = report.added
    const u = report.unchanged
    ctx.out(
      `imported from ${report.source}: added ${a.profiles} profile(s), ${a.entries} entries, ${a.voiceMemos} voice memos, ${a.calibrationTakes} calibration takes, ${a.audioFiles} recordings, ${a.analyses} analyses, ${a.baselines} baselines, ${a.tags} tags`
    )
    ctx.out(`already present: ${u.profiles} profile(s), ${u.entries} entries, ${u.voiceMemos} voice memos, ${u.analyses} analyses, ${u.baselines} baselines, ${u.tags} tags`)
  }
}
