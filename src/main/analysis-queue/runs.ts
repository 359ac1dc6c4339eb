/**
 * The queue's progress per profile: the run in hand ("37/52"), the last finished one, and a
 * revision that grows with every item (pages reload on it). In memory only: after a restart a run
 * starts again from what the database still holds pending.
 */
import type { PendingItem } from './currency'
import type { QueueProgress } from './types'

interface Run {
  done: number
  failed: number
  remaining: number
  memos: { done: number; failed: number; remaining: number }
}

const totalOf = (c: { done: number; failed: number; remaining: number }) => c.done + c.failed + Math.max(0, c.remaining)

export class RunBook {
  private readonly runs = new Map<number, Run>()
  private readonly lastRuns = new Map<number, QueueProgress & { finishedAt: number }>()
  private readonly revisions = new Map<number, number>()

  has(profileId: number): boolean {
    return this.runs.has(profileId)
  }

  /** A fresh count of what is pending (at a run's start and at every new batch). */
  recount(profileId: number, pending: { items: number; memos: number }): void {
    const run = this.runs.get(profileId) ?? { done: 0, failed: 0, remaining: 0, memos: { done: 0, failed: 0, remaining: 0 } }
    run.remaining = pending.items
    run.memos.remaining = pending.memos
    this.runs.set(profileId, run)
  }

  /** One item less to do: done, failed, or (no outcome) found current already. */
  countOff(profileId: number, item: PendingItem, outcome?: 'done' | 'failed'): void {
    const run = this.runs.get(profileId)
    if (!run) return
    run.remaining--
    if (item.kind === 'memo') run.memos.remaining--
    if (!outcome) return
    run[outcome]++
    if (item.kind === 'memo') run.memos[outcome]++
    this.revisions.set(profileId, this.revision(profileId) + 1)
  }

  /** The run in hand as the status shows it, or null. */
  progress(profileId: number): (QueueProgress & { pending: number }) | null {
    const run = this.runs.get(profileId)
    if (!run) return null
    return { done: run.done, failed: run.failed, total: totalOf(run), memos: { done: run.memos.done, failed: run.memos.failed, total: totalOf(run.memos) }, pending: Math.max(0, run.remaining) }
  }

  /** Ends the run (nothing left it may do); returns what it did, or null when there was none. */
  finish(profileId: number, now: number): QueueProgress | null {
    const run = this.runs.get(profileId)
    if (!run) return null
    this.runs.delete(profileId)
    const progress: QueueProgress = { done: run.done, failed: run.failed, total: run.done + run.failed, memos: { done: run.memos.done, failed: run.memos.failed, total: run.memos.done + run.memos.failed } }
    this.lastRuns.set(profileId, { ...progress, finishedAt: now })
    return progress
  }

  /** Forgets the run without a result (cancelled). */
  drop(profileId: number): void {
    this.runs.delete(profileId)
  }

  last(profileId: number): (QueueProgress & { finishedAt: number }) | null {
    return this.lastRuns.get(profileId) ?? null
  }

  revision(profileId: number): number {
    return this.revisions.get(profileId) ?? 0
  }
}
