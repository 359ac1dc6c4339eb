import type { QueueStatus } from '../../shared/api/queue-schemas'
import type { PendingItem } from './currency'

export type { QueueStatus } from '../../shared/api/queue-schemas'

export type QueueProgress = Pick<QueueStatus, 'done' | 'failed' | 'total' | 'memos'>

/**
 * Why the queue looks again: the writer saved something (`entry-saved`, after a quiet time),
 * a backup was imported, a text model or a voice baseline changed, the profile's personal text
 * adapter changed or was switched on or off (`adapter-change`, issue 12), or the writer asked (`user`).
 */
export type KickReason = 'entry-saved' | 'import' | 'model-change' | 'baseline-change' | 'adapter-change' | 'user'

/** What code outside the queue needs of it to hand it new work (the adaptation code, issue 12). */
export interface QueueKicker {
  kick(reason: KickReason, profileId?: number): void
}

export type QueueEvent =
  | { type: 'item'; profileId: number; item: PendingItem; outcome: 'done' | 'failed'; message: string | null; progress: QueueStatus }
  | { type: 'run-end'; profileId: number; progress: QueueProgress }
  | { type: 'error'; profileId: number; message: string }
