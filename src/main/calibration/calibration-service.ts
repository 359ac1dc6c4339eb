/**
 * The calibration flow on the main side: store checked takes, estimate the baseline from a
 * session's takes, save it as a new active version, cancel, recompute and delete recordings.
 * Every take goes through the analysis process (`calibration-take`); what is stored here is only
 * what passed.
 */
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { HaruApiError } from '../../shared/api/errors'
import type { CalibrationSummary, TakeResult } from '../../shared/api/calibration-schemas'
import { estimateBaseline, type BaselineEstimate } from '../../shared/calibration/baseline-estimate'
import { FEATURES_VERSION } from '../../shared/calibration/rules'
import { inspectWav } from '../../shared/audio/wav'
import type { CalibrationTakeResult } from '../../shared/analysis/protocol'
import { getBaseline, insertActiveBaseline } from '../repos/baselines'
import { getProfile } from '../repos/profiles'
import type { CalibrationContext } from './context'
import { absoluteTakePath, deleteTakeFiles, newTakePath, sweepUnreferencedTakeFiles, writeTakeFile } from './take-files'
import {
  deleteTakeRows,
  insertTake,
  pendingTakes,
  sessionHasBaseline,
  sessionTakes,
  takeFilePaths,
  updateTakeOutcome,
  type StoredTake
} from './takes-repo'
import { loadDefaultVoiceModel, referenceBaseline } from './voice-baseline'

/** Failures of the analysis process that mean "this file is not usable audio", not a bug. */
const BAD_AUDIO_CODES = new Set(['not-wav', 'empty', 'truncated', 'malformed', 'unsupported-format', 'unsupported-rate', 'take-too-long', 'invalid-argument'])

/** Checks a take's WAV bytes in the analysis process (which gets the bytes, never the file). */
async function checkTake(ctx: CalibrationContext, wav: Uint8Array): Promise<CalibrationTakeResult> {
  try {
    return await ctx.analysis.request('calibration-take', { wav })
  } catch (err) {
    const code = (err as { code?: unknown }).code
    if (typeof code === 'string' && BAD_AUDIO_CODES.has(code)) {
      throw new HaruApiError('invalid-input', `the recording could not be used: ${(err as Error).message}`)
    }
    throw err
  }
}

/** A new wizard session; whatever an abandoned earlier one (or a crash mid-take) left behind is deleted first. */
export async function startSession(ctx: CalibrationContext, profileId: number): Promise<{ sessionId: string }> {
  getProfile(ctx.db, profileId)
  const stale = pendingTakes(ctx.db, profileId)
  if (stale.length > 0) {
    deleteTakeRows(ctx.db, profileId, { ids: stale.map((t) => t.id) })
    await deleteTakeFiles(ctx.dataDir, stale.map((t) => t.filePath))
  }
  await sweepUnreferencedTakeFiles(ctx.dataDir, profileId, takeFilePaths(ctx.db, profileId))
  return { sessionId: randomUUID() }
}

function assertOpen(ctx: CalibrationContext, profileId: number, sessionId: string): void {
  getProfile(ctx.db, profileId)
  if (sessionHasBaseline(ctx.db, profileId, sessionId)) {
    throw new HaruApiError('conflict', `calibration session ${sessionId} is already saved; start a new one to record again`)
  }
}

export interface AddTakeInput {
  profileId: number
  sessionId: string
  sentenceIndex?: number | undefined
  wav: Uint8Array
}

/** Checks one take; keeps it (file and row) only when it passes. */
export async function addTake(ctx: CalibrationContext, input: AddTakeInput): Promise<TakeResult> {
  assertOpen(ctx, input.profileId, input.sessionId)
  // Bytes that are no WAV at all are refused before anything is written (no file, no folder).
  try {
    inspectWav(input.wav)
  } catch (err) {
    throw new HaruApiError('invalid-input', `the recording could not be used: ${(err as Error).message}`)
  }
  const relative = newTakePath(input.profileId, input.sessionId)
  await writeTakeFile(ctx.files, relative, input.wav)
  let result: CalibrationTakeResult
  try {
    result = await checkTake(ctx, input.wav)
  } catch (err) {
    await deleteTakeFiles(ctx.dataDir, [relative])
    throw err
  }
  let takeId: number | null = null
  if (result.accepted) {
    takeId = insertTake(ctx.db, {
      profileId: input.profileId,
      sessionId: input.sessionId,
      sentenceIndex: input.sentenceIndex ?? null,
      filePath: relative,
      sampleRate: result.sampleRate,
      durationSec: result.durationSec,
      voicedSec: result.metrics.voicedSec,
      metrics: result.metrics,
      stats: result.stats
    }).id
  } else {
    await deleteTakeFiles(ctx.dataDir, [relative])
  }
  return {
    accepted: result.accepted,
    problems: result.problems,
    metrics: result.metrics,
    takeId,
    sessionTakes: sessionTakes(ctx.db, input.profileId, input.sessionId).length
  }
}

function estimateOf(takes: readonly StoredTake[]): BaselineEstimate<number> {
  return estimateBaseline(takes.map((t) => ({ id: t.id, stats: t.stats })))
}

async function summarise(
  ctx: CalibrationContext,
  profileId: number,
  sessionId: string,
  takes: readonly StoredTake[],
  est: BaselineEstimate<number>,
  baselineId: number | null
): Promise<CalibrationSummary> {
  const profile = getProfile(ctx.db, profileId)
  const model = await loadDefaultVoiceModel(ctx.resourcesDir)
  const used = new Set(est.used)
  const distance = new Map<number, number>([...est.distances, ...est.dropped].map((d) => [d.id, d.distance]))
  return {
    status: est.status,
    reason: est.status === 'rejected' ? est.reason : null,
    coefficients: est.status === 'rejected' ? (est.coefficients ?? null) : null,
    sessionId,
    baselineId,
    baseline: est.status === 'ok' ? est.baseline : null,
    takes: takes.map((t) => ({
      takeId: t.id,
      sentenceIndex: t.sentenceIndex,
      voicedSec: t.voicedSec,
      distance: distance.get(t.id) ?? null,
      used: used.has(t.id)
    })),
    usedTakes: est.used.length,
    droppedTakes: est.dropped.length,
    voicedSec: est.voicedSec,
    reference: model ? referenceBaseline(model.manifest, profile.gender) : null
  }
}

/** What saving now would give, without saving. */
export async function previewSession(ctx: CalibrationContext, profileId: number, sessionId: string): Promise<CalibrationSummary> {
  getProfile(ctx.db, profileId)
  const takes = sessionTakes(ctx.db, profileId, sessionId)
  return summarise(ctx, profileId, sessionId, takes, estimateOf(takes), null)
}

/** Stores the estimate as a new calibrated version and marks which takes it used, in one transaction. */
function storeEstimate(ctx: CalibrationContext, profileId: number, sessionId: string, takes: readonly StoredTake[], est: BaselineEstimate<number>): number {
  if (est.status !== 'ok') throw new Error('storeEstimate needs an accepted estimate')
  const used = new Set(est.used)
  const distance = new Map<number, number>([...est.distances, ...est.dropped].map((d) => [d.id, d.distance]))
  return ctx.db.transaction(() => {
    const stored = insertActiveBaseline(ctx.db, profileId, est.baseline, est.used.length, 'calibrated', {
      sessionId,
      voicedSec: est.voicedSec,
      features: FEATURES_VERSION
    })
    for (const t of takes) updateTakeOutcome(ctx.db, t.id, { accepted: used.has(t.id), distance: distance.get(t.id) ?? null, stats: t.stats, metrics: t.metrics, voicedSec: t.voicedSec })
    return stored.id
  })()
}

/** Saves the session's baseline when the estimate is sound; a rejected estimate saves nothing and says why. */
export async function saveSession(ctx: CalibrationContext, profileId: number, sessionId: string): Promise<CalibrationSummary> {
  assertOpen(ctx, profileId, sessionId)
  const takes = sessionTakes(ctx.db, profileId, sessionId)
  const est = estimateOf(takes)
  const baselineId = est.status === 'ok' ? storeEstimate(ctx, profileId, sessionId, takes, est) : null
  return summarise(ctx, profileId, sessionId, takes, est, baselineId)
}

/** Deletes an unsaved session's takes; a saved session is left alone (its takes belong to a baseline). */
export async function cancelSession(ctx: CalibrationContext, profileId: number, sessionId: string): Promise<{ deletedTakes: number }> {
  getProfile(ctx.db, profileId)
  if (sessionHasBaseline(ctx.db, profileId, sessionId)) return { deletedTakes: 0 }
  const removed = deleteTakeRows(ctx.db, profileId, { sessionId })
  await deleteTakeFiles(ctx.dataDir, removed.map((t) => t.filePath))
  return { deletedTakes: removed.length }
}

export async function deleteKeptTakes(ctx: CalibrationContext, profileId: number, sessionId?: string): Promise<{ deletedTakes: number }> {
  getProfile(ctx.db, profileId)
  const removed = deleteTakeRows(ctx.db, profileId, sessionId ? { sessionId } : {})
  await deleteTakeFiles(ctx.dataDir, removed.map((t) => t.filePath))
  return { deletedTakes: removed.length }
}

/**
 * Measures a calibrated baseline's kept takes again with the current feature code and stores the
 * result as a new active version (the old one stays in the history). A take that no longer passes
 * the per-take checks is left out, like an outlier.
 */
export async function recomputeBaseline(ctx: CalibrationContext, profileId: number, baselineId: number): Promise<CalibrationSummary> {
  const baseline = getBaseline(ctx.db, profileId, baselineId)
  if (baseline.source !== 'calibrated' || baseline.sessionId === null) {
    throw new HaruApiError('conflict', `baseline ${baselineId} was not calibrated from recordings; there is nothing to recompute`)
  }
  const sessionId = baseline.sessionId
  const kept = sessionTakes(ctx.db, profileId, sessionId)
  if (kept.length === 0) throw new HaruApiError('not-found', `the recordings of baseline ${baselineId} were deleted; calibrate again instead`)
  const missing = kept.find((t) => !existsSync(absoluteTakePath(ctx.dataDir, t.filePath)))
  if (missing) throw new HaruApiError('not-found', `a recording of baseline ${baselineId} is missing (${missing.filePath}); calibrate again instead`)
  const fresh: StoredTake[] = []
  for (const take of kept) {
    const result = await checkTake(ctx, ctx.files.read(absoluteTakePath(ctx.dataDir, take.filePath)))
    if (result.accepted) fresh.push({ ...take, stats: result.stats, metrics: result.metrics, voicedSec: result.metrics.voicedSec })
    else updateTakeOutcome(ctx.db, take.id, { accepted: false, distance: null, metrics: result.metrics, voicedSec: result.metrics.voicedSec })
  }
  const est = estimateOf(fresh)
  const newId = est.status === 'ok' ? storeEstimate(ctx, profileId, sessionId, fresh, est) : null
  return summarise(ctx, profileId, sessionId, fresh, est, newId)
}
