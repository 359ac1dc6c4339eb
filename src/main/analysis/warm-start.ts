/**
 * Warm start: right after the window shows (or the harness starts listening), start the analysis
 * process and load the text pack the writer is most likely to use, so the first emotion reading
 * does not wait for a process start, a tokenizer and an ONNX session (5.5 s before this existed).
 *
 * It runs after the first paint, through the same host as every request and without blocking any:
 * a request that arrives meanwhile waits only for the part of the load it needs anyway.
 */
import type { HandlerContext } from '../api/handlers'
import type { Db } from '../db/open'
import { activeTextPack, defaultTextPackDir } from './text-pack-choice'

export interface WarmStartReport {
  /** From the call to the analysis process being ready (0 when it was already running). */
  processReadyMs: number
  /** From the call to the text pack being loaded and run once. */
  textReadyMs: number
  modelId: string
  /** Whose pack was loaded (null: no profile yet, the shipped default). */
  profileId: number | null
}

/** The profile whose entries changed last, else the first one, else null. */
export function profileToWarm(db: Db): number | null {
  const recent = db.prepare('SELECT profile_id AS id FROM entries ORDER BY updated_at DESC, id DESC LIMIT 1').get() as { id: number } | undefined
  if (recent) return recent.id
  const first = db.prepare('SELECT id FROM profiles ORDER BY id LIMIT 1').get() as { id: number } | undefined
  return first?.id ?? null
}

export async function warmStart(ctx: Pick<HandlerContext, 'db' | 'dataDir' | 'resourcesDir' | 'analysis'>): Promise<WarmStartReport> {
  const start = performance.now()
  const profileId = profileToWarm(ctx.db)
  const packDir = profileId === null ? defaultTextPackDir(ctx.resourcesDir) : (await activeTextPack(ctx, profileId)).dir
  await ctx.analysis.warm()
  const processReadyMs = performance.now() - start
  const { modelId } = await ctx.analysis.request('warm-text', { packDir })
  return { processReadyMs, textReadyMs: performance.now() - start, modelId, profileId }
}
