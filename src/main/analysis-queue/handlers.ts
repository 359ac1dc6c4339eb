import type { DomainHandlers } from '../../shared/api/contract'
import type { ReanalysisStatus } from '../../shared/api/calibration-schemas'
import type { HandlerContext } from '../api/handlers'
import { getProfile } from '../repos/profiles'
import { countOutdatedVoice, wantedFor, wantedKey } from './currency'
import { listFailures } from './queue-repo'

const status = (ctx: HandlerContext, profileId: number) => {
  getProfile(ctx.db, profileId) // not-found before anything else
  return ctx.queue.status(profileId)
}

export const queueHandlers: DomainHandlers<'queue', HandlerContext> = {
  status: ({ profileId }, ctx) => status(ctx, profileId),
  pause: ({ profileId }, ctx) => {
    getProfile(ctx.db, profileId)
    ctx.queue.pause(profileId)
    return status(ctx, profileId)
  },
  resume: ({ profileId, retryFailed }, ctx) => {
    getProfile(ctx.db, profileId)
    ctx.queue.resume(profileId, { retryFailed })
    return status(ctx, profileId)
  },
  cancel: ({ profileId }, ctx) => {
    getProfile(ctx.db, profileId)
    ctx.queue.cancel(profileId)
    return status(ctx, profileId)
  },
  failures: async ({ profileId }, ctx) => {
    getProfile(ctx.db, profileId)
    return listFailures(ctx.db, profileId, wantedKey(await wantedFor(ctx, profileId)))
  }
}

/**
 * The calibration page's re-analysis, as a view of the queue's voice-memo work: after a baseline
 * change the queue re-analyses the memos by itself; `start` is the writer asking for it now
 * (lifting a pause or cancel, and trying failed memos again).
 */
async function reanalysisStatus(ctx: HandlerContext, profileId: number): Promise<ReanalysisStatus> {
  const queue = await status(ctx, profileId)
  const wanted = await wantedFor(ctx, profileId)
  const outdatedMemos = countOutdatedVoice(ctx.db, wanted)
  const memosLeft = queue.memos.total - queue.memos.done - queue.memos.failed
  const counts = (c: { done: number; failed: number; total: number }) => ({ total: c.total, done: c.done, failed: c.failed })
  const base = { baselineId: wanted.voice?.baselineId ?? null, outdatedMemos, error: queue.error }
  if (queue.state === 'error') return { state: 'failed', ...counts(queue.memos), ...base }
  if (queue.state === 'running' && memosLeft > 0) return { state: 'running', ...counts(queue.memos), ...base }
  if (queue.lastRun && queue.lastRun.memos.total > 0) return { state: 'done', ...counts(queue.lastRun.memos), ...base }
  return { state: 'idle', total: 0, done: 0, failed: 0, ...base }
}

export const reanalysisHandlers: DomainHandlers<'reanalysis', HandlerContext> = {
  start: async ({ profileId }, ctx) => {
    getProfile(ctx.db, profileId)
    ctx.queue.resume(profileId, { retryFailed: true })
    return reanalysisStatus(ctx, profileId)
  },
  status: ({ profileId }, ctx) => reanalysisStatus(ctx, profileId)
}
