/**
 * Running the analysis queue in the foreground for CLI commands (`analyze --pending`, and after
 * `entries add` / `import`): a progress bar on a terminal, JSON lines (one per item) otherwise.
 */
import type { QueueEvent } from '../main/analysis-queue/queue'
import type { Profile } from '../shared/api/schemas'
import type { CommandContext } from './context'

export interface PendingSummary {
  done: number
  failed: number
  failures: { profile: string; kind: 'entry' | 'memo'; id: number; day: string; message: string }[]
}

/** `[██████░░░░] 37/52` in `width` cells. */
export function progressBar(done: number, total: number, width = 24): string {
  const filled = total === 0 ? width : Math.round((done / total) * width)
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total}`
}

/**
 * Analyses what is pending for these profiles now (paused or not: the writer asked), printing as it
 * goes: `progress` on a terminal, else `jsonLines` (one JSON object per line), else nothing until the end.
 */
export async function runPendingAnalysis(ctx: CommandContext, profiles: Profile[], print: 'progress' | 'json-lines' | 'quiet', opts: { retryFailed?: boolean } = {}): Promise<PendingSummary> {
  const { queue } = ctx.service
  const names = new Map(profiles.map((p) => [p.id, p.name]))
  const summary: PendingSummary = { done: 0, failed: 0, failures: [] }
  const terminal = print === 'progress' ? ctx.terminal : undefined
  for (const p of profiles) {
    const status = await queue.status(p.id)
    if (print === 'json-lines') ctx.out(JSON.stringify({ event: 'start', profile: p.name, pending: status.pending }))
  }
  const ended = new Set<number>()
  const off = queue.onEvent((e: QueueEvent) => {
    const profile = names.get(e.profileId)
    if (profile === undefined) return
    if (e.type === 'run-end') ended.add(e.profileId)
    if (e.type === 'item') {
      summary[e.outcome]++
      if (e.outcome === 'failed') summary.failures.push({ profile, kind: e.item.kind, id: e.item.id, day: e.item.day, message: e.message ?? '' })
      const { done, failed, total } = e.progress
      if (print === 'json-lines') {
        ctx.out(JSON.stringify({ event: 'item', profile, kind: e.item.kind, id: e.item.id, day: e.item.day, outcome: e.outcome, ...(e.message ? { message: e.message } : {}), done, failed, total }))
      } else terminal?.write(`\r\x1b[2K${profile} ${progressBar(done + failed, total)} ${e.item.day}${failed ? ` (${failed} failed)` : ''}`)
    } else if (e.type === 'run-end') {
      if (print === 'json-lines') ctx.out(JSON.stringify({ event: 'end', profile, ...e.progress }))
      terminal?.write(`\r\x1b[2K${profile} ${progressBar(e.progress.done + e.progress.failed, e.progress.total)}\n`)
    } else if (print === 'json-lines') ctx.out(JSON.stringify({ event: 'error', profile, message: e.message }))
  })
  try {
    await queue.runPending(
      profiles.map((p) => p.id),
      opts
    )
  } finally {
    off()
  }
  // A profile with nothing to do had no run: it still gets its line.
  for (const p of profiles) if (!ended.has(p.id) && print === 'json-lines') ctx.out(JSON.stringify({ event: 'end', profile: p.name, done: 0, failed: 0, total: 0 }))
  // The analysis process failing over and over stops the run: say so, rather than "nothing to do".
  for (const p of profiles) {
    const status = await queue.status(p.id)
    if (status.state === 'error') throw Object.assign(new Error(`${p.name}: analysis stopped: ${status.error}`), { code: 'analysis-unavailable' })
  }
  return summary
}

/** How a command reports progress: a bar when a person watches a terminal, JSON lines for programs. */
export const printMode = (ctx: CommandContext): 'progress' | 'json-lines' => (ctx.terminal && !ctx.flags.json ? 'progress' : 'json-lines')
