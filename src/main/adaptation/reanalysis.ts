/**
 * `requestReanalysis`: the one call that has a profile's diary read again when something of the
 * writer's own changed what a reading should be (a new adapter, adaptation switched on or off).
 * It does no reading itself: the background analysis queue (src/main/analysis-queue/) does, and
 * its currency rule already says which readings an adapter change leaves out of date
 * (`entry-text`, `memo-text` with `Wanted.adapterVersion`). This only tells the queue to look.
 * The queue reads newest day first, yields to what the writer is waiting for, shows its progress,
 * and respects a pause the writer chose.
 */
import type { QueueKicker } from '../analysis-queue/types'

/** A new adapter was stored for the profile, or adaptation was switched on or off. */
export function requestReanalysis(ctx: { queue: QueueKicker }, profileId: number): void {
  ctx.queue.kick('adapter-change', profileId)
}
