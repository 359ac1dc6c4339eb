import type { Profile } from '../../shared/api/schemas'
import { call, UsageError, type Command, type CommandContext } from '../context'
import { printMode, runPendingAnalysis, type PendingSummary } from '../pending-analysis'
import { resolveProfile } from '../profile-option'

/** Exit 1 when something could not be analysed (it is kept, and named). */
export class PendingAnalysisFailedError extends Error {
  readonly code = 'analysis-failed'
}

export function failIfAny(summary: PendingSummary): void {
  if (summary.failed === 0) return
  const first = summary.failures.slice(0, 5).map((f) => `${f.profile} ${f.day} ${f.kind} ${f.id}: ${f.message}`)
  throw new PendingAnalysisFailedError(`${summary.failed} record(s) could not be analysed and are kept as they are:\n  ${first.join('\n  ')}`)
}

async function profilesOf(ctx: CommandContext): Promise<Profile[]> {
  if (ctx.flags.profile !== undefined) return [await resolveProfile(ctx)]
  return call(ctx.service, 'profiles', 'list', {})
}

export const analyzeCommand: Command = {
  usage: 'analyze --pending [--profile NAME] [--retry-failed] [--json]',
  summary:
    'analyse every entry and memo without a current analysis (by the profile’s text model, voice model and baseline), as the app does in the background; a progress bar on a terminal, JSON lines otherwise',
  flags: { pending: 'boolean', profile: 'string', 'retry-failed': 'boolean' },
  async run(ctx) {
    if (!ctx.flags.pending) throw new UsageError('say what to analyse: --pending (everything without a current analysis)')
    if (ctx.args.length > 0) throw new UsageError(`analyze takes no arguments (got ${ctx.args.join(' ')})`)
    const profiles = await profilesOf(ctx)
    const mode = printMode(ctx)
    const summary = await runPendingAnalysis(ctx, profiles, mode, { retryFailed: ctx.flags['retry-failed'] === true })
    if (mode === 'progress') ctx.out(`analysed ${summary.done} record(s)${summary.failed ? `, ${summary.failed} failed` : ''}`)
    failIfAny(summary)
  }
}
