import { randomUUID } from 'node:crypto'
import { resolve } from 'node:path'
import { HaruApiError } from '../../shared/api/errors'
import type { TakeProblem } from '../../shared/calibration/codes'
import { baselineStatus } from '../../main/calibration/baseline-status'
import { addTake, cancelSession, saveSession } from '../../main/calibration/calibration-service'
import type { CalibrationContext } from '../../main/calibration/context'
import { resourcesDir } from '../../main/resources-dir'
import type { HaruService } from '../../main/api/service'
import { UsageError, type Command } from '../context'
import { readCliFile } from '../read-file'
import { MAX_IMPORT_BYTES } from '../../shared/api/memos-schemas'
import { resolveProfile } from '../profile-option'

const calibrationContext = (service: HaruService): CalibrationContext => ({
  db: service.db,
  dataDir: service.dataDir,
  resourcesDir: resourcesDir(),
  analysis: service.analysis,
  files: service.files
})

interface TakeReport {
  file: string
  accepted: boolean
  problems: TakeProblem[]
  voicedSec: number | null
  /** Whether the baseline used it (false for a refused take or a dropped outlier). */
  used: boolean
  distance: number | null
  error?: string
}

export class CalibrationRejectedError extends Error {
  readonly code = 'calibration-rejected'
}

export const calibrateCommand: Command = {
  usage: 'calibrate --profile NAME FILE.wav… [--json]',
  summary: 'compute and store a personal neutral-voice baseline from recordings (same checks as the app); prints it as JSON',
  flags: { profile: 'string' },
  async run(ctx) {
    if (ctx.args.length === 0) throw new UsageError('calibrate needs at least one WAV file (6–8 calm, neutral sentences work best)')
    const profile = await resolveProfile(ctx)
    const cal = calibrationContext(ctx.service)
    // Its own session id, without startSession's clean-up: an app wizard open on the same diary keeps its takes.
    const sessionId = randomUUID()
    const reports: TakeReport[] = []
    const takeIds = new Map<number, number>()
    for (const file of ctx.args) {
      const path = resolve(file)
      try {
        const r = await addTake(cal, { profileId: profile.id, sessionId, wav: new Uint8Array(await readCliFile(path, MAX_IMPORT_BYTES)) })
        if (r.takeId !== null) takeIds.set(r.takeId, reports.length)
        reports.push({ file: path, accepted: r.accepted, problems: r.problems, voicedSec: r.metrics.voicedSec, used: false, distance: null })
      } catch (err) {
        // An unreadable file is reported with the rest, never silently skipped.
        if (!(err instanceof HaruApiError)) throw err
        reports.push({ file: path, accepted: false, problems: [], voicedSec: null, used: false, distance: null, error: (err as Error).message })
      }
    }
    const summary = await saveSession(cal, profile.id, sessionId)
    for (const t of summary.takes) {
      const report = reports[takeIds.get(t.takeId)!]!
      report.used = t.used
      report.distance = t.distance
    }
    if (summary.status !== 'ok') await cancelSession(cal, profile.id, sessionId)
    ctx.out(
      JSON.stringify(
        {
          profile: profile.name,
          status: summary.status,
          reason: summary.reason,
          baselineId: summary.baselineId,
          baseline: summary.baseline,
          usedTakes: summary.usedTakes,
          droppedTakes: summary.droppedTakes,
          voicedSec: summary.voicedSec,
          takes: reports
        },
        null,
        2
      )
    )
    if (summary.status !== 'ok') {
      throw new CalibrationRejectedError(`no baseline stored: ${summary.reason} (${reports.filter((r) => r.accepted).length} of ${reports.length} takes passed the checks)`)
    }
  }
}

export const baselinesListCommand: Command = {
  usage: 'baselines list --profile NAME [--json]',
  summary: "a profile's baselines, newest first, and which one voice analyses use now",
  flags: { profile: 'string' },
  async run(ctx) {
    const profile = await resolveProfile(ctx)
    const status = await baselineStatus({ db: ctx.service.db, resourcesDir: resourcesDir() }, profile.id)
    if (ctx.flags.json) return ctx.out(JSON.stringify(status, null, 2))
    ctx.out(`${profile.name}: analyses use ${status.active.kind}${status.active.baselineId ? ` #${status.active.baselineId}` : ''}`)
    if (status.baselines.length === 0) return ctx.out('no calibrated baseline yet')
    for (const b of status.baselines) {
      ctx.out(
        `${b.isActive ? '*' : ' '} #${b.id}\t${b.createdAt}\t${b.source}\t${b.clipCount} takes\t${b.voicedSec?.toFixed(1) ?? '?'} s voiced\t${b.takesKept} recordings kept`
      )
    }
  }
}
