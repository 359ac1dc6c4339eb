/**
 * Re-analysing a profile's past voice memos after its baseline changed: a background job in the
 * main process that re-runs the memo analysis (voice with the active baseline, then the fusion
 * with the transcript's text analysis) one memo at a time, so the UI and other requests keep
 * their turn in the analysis process. Each new voice analysis records the baseline it used.
 * Progress lives in memory; a job interrupted by quitting leaves the rest outdated, and starting
 * again picks them up.
 */
import type { ReanalysisStatus } from '../../shared/api/calibration-schemas'
import type { Db } from '../db/open'
import { analyzeMemo } from '../memos/memo-analysis'
import { currentAnalysis } from '../repos/analyses'
import { getProfile } from '../repos/profiles'
import type { CalibrationContext } from './context'
import { activeBaselineKind, voiceAnalysisSetup } from './voice-baseline'

interface Job {
  state: 'running' | 'done' | 'failed'
  total: number
  done: number
  failed: number
  baselineId: number | null
  error: string | null
  finished: Promise<void>
}

// Keyed by database, so two diaries open in one process (tests, CLI) never share jobs.
const jobsByDb = new WeakMap<Db, Map<number, Job>>()
const jobsOf = (db: Db): Map<number, Job> => {
  let jobs = jobsByDb.get(db)
  if (!jobs) jobsByDb.set(db, (jobs = new Map()))
  return jobs
}

interface MemoRow {
  id: number
}

/** Memos of the profile whose newest voice analysis used another baseline than `baselineId`. */
export function outdatedMemos(db: Db, profileId: number, baselineId: number | null): MemoRow[] {
  return db
    .prepare(
      `SELECT id FROM (
         SELECT vm.id,
                (SELECT a.baseline_id FROM analyses a WHERE a.memo_id = vm.id AND a.source = 'audio'
                  ORDER BY a.created_at DESC, a.id DESC LIMIT 1) AS current_baseline,
                EXISTS (SELECT 1 FROM analyses a WHERE a.memo_id = vm.id AND a.source = 'audio') AS analysed
           FROM voice_memos vm JOIN entries e ON e.id = vm.entry_id
          WHERE e.profile_id = ?)
        WHERE analysed AND current_baseline IS NOT ?
        ORDER BY id`
    )
    .all(profileId, baselineId) as MemoRow[]
}

export function reanalysisStatus(ctx: Pick<CalibrationContext, 'db'>, profileId: number): ReanalysisStatus {
  const profile = getProfile(ctx.db, profileId)
  const active = activeBaselineKind(ctx.db, profile)
  const outdated = outdatedMemos(ctx.db, profileId, active.baselineId).length
  const job = jobsOf(ctx.db).get(profileId)
  if (!job) return { state: 'idle', total: 0, done: 0, failed: 0, baselineId: active.baselineId, outdatedMemos: outdated, error: null }
  return { state: job.state, total: job.total, done: job.done, failed: job.failed, baselineId: job.baselineId, outdatedMemos: outdated, error: job.error }
}

/** Starts the job (or returns the running one); resolves with its status at once, not when it ends. */
export async function startReanalysis(ctx: CalibrationContext, profileId: number): Promise<ReanalysisStatus> {
  const jobs = jobsOf(ctx.db)
  if (jobs.get(profileId)?.state === 'running') return reanalysisStatus(ctx, profileId)
  const setup = await voiceAnalysisSetup(ctx.db, ctx.resourcesDir, profileId)
  const baselineId = setup?.choice.baselineId ?? null
  const memos = outdatedMemos(ctx.db, profileId, baselineId)
  const job: Job = { state: 'running', total: memos.length, done: 0, failed: 0, baselineId, error: null, finished: Promise.resolve() }
  jobs.set(profileId, job)
  if (!setup) {
    job.state = 'failed'
    job.error = 'the default voice model is not installed, so memos cannot be analysed'
    return reanalysisStatus(ctx, profileId)
  }
  job.finished = (async () => {
    for (const memo of memos) {
      const before = currentAnalysis(ctx.db, { memoId: memo.id }, 'audio')?.id
      try {
        await analyzeMemo(ctx, memo.id)
      } catch {
        // The transcript's text analysis may fail after the voice part succeeded: judged below.
      }
      // One unreadable or silent memo must not stop the others; it stays outdated and is counted.
      const after = currentAnalysis(ctx.db, { memoId: memo.id }, 'audio')
      if (after && after.id !== before && after.baselineId === baselineId) job.done++
      else job.failed++
    }
    job.state = 'done'
  })().catch((err: unknown) => {
    job.state = 'failed'
    job.error = err instanceof Error ? err.message : String(err)
  })
  return reanalysisStatus(ctx, profileId)
}

/** For tests and the CLI: waits until the profile's current job has finished. */
export async function reanalysisFinished(db: Db, profileId: number): Promise<void> {
  await jobsOf(db).get(profileId)?.finished
}
