/**
 * The background analysis queue (issue 11): every entry and memo without a current analysis is
 * analysed by itself, at low priority. `status` is what the app shell's progress shows; pause and
 * cancel are remembered per profile across restarts.
 */
import { z } from 'zod'
import { idSchema, isoDateSchema } from './schemas'

const countsSchema = z.object({ done: z.number().int().nonnegative(), failed: z.number().int().nonnegative(), total: z.number().int().nonnegative() })

export const queueStatusSchema = countsSchema.extend({
  /**
   * `running`: working (or about to) on this profile's past records; `paused` / `cancelled`: the
   * writer stopped it (remembered across restarts); `error`: the analysis process kept failing;
   * `idle`: nothing to do now.
   */
  state: z.enum(['idle', 'running', 'paused', 'cancelled', 'error']),
  /** Of the run's items, the voice memos (the calibration page's re-analysis follows these). */
  memos: countsSchema,
  /** Items still to analyse (not counting ones that failed for good). */
  pending: z.number().int().nonnegative(),
  /** What is being analysed right now, when it is this profile's. */
  current: z.object({ kind: z.enum(['entry', 'memo']), day: isoDateSchema }).nullable(),
  /** The last run that finished in this session, and how long ago. */
  lastRun: countsSchema.omit({ total: true }).extend({ memos: countsSchema, finishedAgoMs: z.number().nonnegative() }).nullable(),
  error: z.string().nullable(),
  /** Grows with every item analysed for the profile: pages showing analyses reload when it changes. */
  revision: z.number().int().nonnegative()
})
export type QueueStatus = z.infer<typeof queueStatusSchema>

export const queueFailureSchema = z.object({
  kind: z.enum(['entry', 'memo']),
  id: idSchema,
  day: isoDateSchema,
  code: z.string(),
  message: z.string()
})
export type QueueFailure = z.infer<typeof queueFailureSchema>

const profileOnly = z.strictObject({ profileId: idSchema })

export const queueMethods = {
  status: { input: profileOnly, output: queueStatusSchema },
  /** Stops after the item in hand; stays paused (also after a restart) until resumed. */
  pause: { input: profileOnly, output: queueStatusSchema },
  /** Carries on (after a pause, a cancel or an error); `retryFailed` also tries failed items again. */
  resume: { input: z.strictObject({ profileId: idSchema, retryFailed: z.boolean().default(false) }), output: queueStatusSchema },
  /** Stops and forgets this run; what is left is analysed again only when new work arrives or on resume. */
  cancel: { input: profileOnly, output: queueStatusSchema },
  /** Items that could not be analysed with today's models and baseline, and why. */
  failures: { input: profileOnly, output: z.array(queueFailureSchema) }
} as const
