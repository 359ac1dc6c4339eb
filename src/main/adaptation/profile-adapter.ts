/**
 * The profile's adapter in use: which one a new text reading goes through, and retraining it in
 * the analysis process, in the background, when the writer's corrections changed. Readings never
 * wait for training: they use the adapter there is, and are read again by the background analysis
 * queue when a new one is stored (`requestReanalysis`).
 */
import { createHash } from 'node:crypto'
import type { TextAdapterWeights } from '../../shared/adaptation/adapter'
import { DEFAULT_HYPERPARAMETERS } from '../../shared/adaptation/train'
import { DEFAULT_NGRAM_SPEC } from '../../shared/adaptation/features'
import type { HandlerContext } from '../api/handlers'
import type { AnalysisRequester } from '../analysis/host'
import type { QueueKicker } from '../analysis-queue/types'
import { activeTextPack } from '../analysis/text-pack-choice'
import { trainingCorrections } from '../corrections/corrections-repo'
import { loadPack } from '../models/packs'
import { getSettings } from '../repos/settings'
import { getAdapter, saveAdapter } from './adapter-repo'
import { profileWork } from './background-work'
import { requestReanalysis } from './reanalysis'

/** `queue` is told when a new adapter is stored, so the diary is read again through it. */
export type AdaptationCtx = Pick<HandlerContext, 'db' | 'dataDir' | 'resourcesDir'> & { analysis: AnalysisRequester; queue: QueueKicker }

/** Quiet time after the last correction before retraining, so a run of corrections trains once. */
export const ADAPTER_TRAINING_DELAY_MS = 1500

/** What the stored adapter learnt from: the recipe and the corrections, so a change of either retrains. */
const RECIPE = JSON.stringify({ hp: DEFAULT_HYPERPARAMETERS, ngrams: DEFAULT_NGRAM_SPEC })
export function trainingFingerprint(examples: readonly { sentenceHash: string; emotion: string }[]): string {
  const h = createHash('sha256').update(RECIPE)
  for (const e of examples) h.update(`\n${e.sentenceHash}:${e.emotion}`)
  return h.digest('hex')
}

export async function packModelId(packDir: string): Promise<string | null> {
  try {
    return (await loadPack(packDir)).manifest.id
  } catch {
    return null
  }
}

/**
 * The adapter a new reading of the profile's text by this pack goes through, or null (adaptation
 * off, or nothing learnt yet). When the corrections moved on since it was trained, a retraining
 * is scheduled; this reading still uses the adapter there is.
 */
export async function adapterForReading(ctx: AdaptationCtx, profileId: number, packDir: string): Promise<{ weights: TextAdapterWeights; version: number } | null> {
  if (!getSettings(ctx.db, profileId).adaptation) return null
  const modelId = await packModelId(packDir)
  if (!modelId) return null
  const stored = getAdapter(ctx.db, profileId, modelId)
  const examples = trainingCorrections(ctx.db, profileId)
  if (stored ? stored.trainedOn !== trainingFingerprint(examples) : examples.length > 0) scheduleAdapterTraining(ctx, profileId)
  return stored ? { weights: stored.weights, version: stored.version } : null
}

/**
 * Trains and stores the profile's adapter over its current text pack now, unless the stored one
 * already learnt from exactly these corrections. True when a new version was stored.
 */
export async function trainProfileAdapter(ctx: AdaptationCtx, profileId: number): Promise<boolean> {
  if (!ctx.db.open || !getSettings(ctx.db, profileId).adaptation) return false
  const { dir } = await activeTextPack(ctx, profileId)
  const modelId = await packModelId(dir)
  if (!modelId) return false
  const examples = trainingCorrections(ctx.db, profileId)
  const fingerprint = trainingFingerprint(examples)
  const stored = getAdapter(ctx.db, profileId, modelId)
  if (stored ? stored.trainedOn === fingerprint : examples.length === 0) return false
  const result = await ctx.analysis.request('train-adapter', { packDir: dir, examples: examples.map((e) => ({ text: e.sentence, emotion: e.emotion })) })
  if (!ctx.db.open) return false
  saveAdapter(ctx.db, { profileId, modelId: result.modelId, trainedOn: fingerprint, result })
  return true
}

/**
 * Retrains after `delayMs` of quiet (each call restarts the wait), one training at a time per
 * profile; a new adapter has the profile's diary read again through it. Failures are logged: the
 * readings keep the adapter they had, and the next correction or reading tries again.
 */
export function scheduleAdapterTraining(ctx: AdaptationCtx, profileId: number, delayMs = ADAPTER_TRAINING_DELAY_MS): Promise<void> {
  const w = profileWork(ctx.db, profileId)
  let release!: () => void
  const done = new Promise<void>((resolve) => (release = resolve))
  const previous = w.scheduled
  if (previous) {
    clearTimeout(previous.timer)
    // Whoever waited for the run this one replaces now waits for this one.
    void done.then(previous.release)
  }
  const timer = setTimeout(() => {
    void (async () => {
      try {
        while (w.training) await w.training.catch(() => false)
        w.training = trainProfileAdapter(ctx, profileId)
        if (await w.training) requestReanalysis(ctx, profileId)
      } catch (err) {
        if (ctx.db.open) console.warn(`[haru] adapter training for profile ${profileId} failed: ${(err as Error).message}`)
      } finally {
        w.training = undefined
        if (w.scheduled?.timer === timer) w.scheduled = undefined
        release()
      }
    })()
  }, delayMs)
  timer.unref?.()
  w.scheduled = { timer, done, release }
  return done
}
