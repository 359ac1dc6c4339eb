import type { QueueStatus } from '../../shared/api/queue-schemas'
import type { PendingItem } from './currency'

export type { QueueStatus } from '../../shared/api/queue-schemas'

export type QueueProgress = Pick<QueueStatus, 'done' | 'failed' | 'total' | 'memos'>

/**
 * Why the queue looks again: the writer saved something (`entry-saved`, after a quiet time),
 * a backup was imported, a text model or a voice baseline changed, or the writer asked (`user`).
 */
export type KickReason = 'entry-saved' | 'import' | 'model-change' | 'baseline-change' | 'user'

export type QueueEvent =
  | { type: 'item'; profileId: number; item: PendingItem; outcome: 'done' | 'failed'; message: string | null; progress: QueueStatus }
  | { type: 'run-end'; profileId: number; progress: QueueProgress }
  | { type: 'error'; profileId: number; message: string }
