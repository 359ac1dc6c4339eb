/**
 * The background analysis queue: brings every entry and memo whose analysis is not current
 * (currency.ts) up to date, one item at a time, through the host's background view, so any
 * request the writer is waiting for goes first (host.ts). Nothing about the work is stored: the
 * pending items are found in the database each time, so a restart simply carries on. Only a
 * profile's pause/cancel and the failures not worth retrying are kept (migration 0006).
 *
 * `start()` makes it run by itself (the app and the harness); without it (the CLI, tests) it only
 * works when asked: `resume` for a profile, or `runPending` in the foreground.
 */
import type { Db } from '../db/open'
import { countPending, outdatedParts, pendingItems, wantedFor, wantedKey, type Part, type PendingItem, type Wanted } from './currency'
import { clearFailures, profileIds, queueMode, recordFailure, setQueueMode } from './queue-repo'
import { Holds } from './holds'
import { RunBook } from './runs'
import { bringUpToDate, TRANSIENT_CODES, type WorkContext } from './work'
import type { KickReason, QueueEvent, QueueStatus } from './types'

export type { KickReason, QueueEvent, QueueStatus } from './types'

export interface AnalysisQueueOptions {
  /** Everything the analyses need; `analysis` must be the host's background view. */
  work: WorkContext
  /** How long an entry or memo the writer just saved is left to the page's own analysis. */
  quietMs?: number
  now?: () => number
  log?: (message: string) => void
}

interface Job {
  profileId: number
  item: PendingItem
  wanted: Wanted
  parts: Part[]
}

/** Items fetched per scan of the database (the scan is the expensive part, not the batch). */
const BATCH = 100
/** The analysis process failing this many items in a row stops the queue with an error. */
const MAX_TRANSIENT_IN_A_ROW = 3
const errorCode = (err: unknown): string => {
  const code = (err as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : 'internal'
}

export class AnalysisQueue {
  private auto = false
  private closed = false
  private loop: Promise<void> | null = null
  private again = false
  private focus: number | null = null
  private current: (PendingItem & { profileId: number }) | null = null
  private transientInARow = 0
  private readonly runs = new RunBook()
  private readonly batches = new Map<number, { key: string; items: PendingItem[] }>()
  private readonly waiting = new Map<number, { items: number; memos: number }>()
  /** Profiles whose run total was counted since the last kick. */
  private readonly counted = new Set<number>()
  private readonly armed = new Set<number>()
  private readonly foreground = new Set<number>()
  private readonly errors = new Map<number, string>()
  private readonly holds: Holds
  private readonly listeners = new Set<(event: QueueEvent) => void>()
  private quietTimer: ReturnType<typeof setTimeout> | null = null
  private readonly quietMs: number
  private readonly now: () => number
  private readonly log: (message: string) => void

  constructor(private readonly opts: AnalysisQueueOptions) {
    this.quietMs = opts.quietMs ?? 20_000
    this.now = opts.now ?? Date.now
    this.log = opts.log ?? ((m) => console.warn(m))
    this.holds = new Holds(this.quietMs, this.now)
  }

  private get db(): Db {
    return this.opts.work.db
  }

  /** From now on the queue works by itself: at once, and whenever it is kicked. */
  start(): void {
    this.auto = true
    this.ensureLoop()
  }

  close(): void {
    this.closed = true
    if (this.quietTimer) clearTimeout(this.quietTimer)
  }

  onEvent(listener: (event: QueueEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Resolves when the queue has nothing more it may do now. */
  async whenIdle(): Promise<void> {
    while (this.loop) await this.loop
  }

  /**
   * Something may need analysing. Importing, a model or a baseline change re-arm a profile whose
   * queue was cancelled (new work the writer asked for); a pause is only ever lifted by the writer.
   */
  kick(reason: KickReason, profileId?: number): void {
    if (this.closed) return
    this.batches.clear()
    this.waiting.clear()
    this.counted.clear()
    if (reason !== 'entry-saved') {
      // What the page was about to analyse was for the old models or baseline: no reason to wait for it.
      this.holds.forgetTouched()
      for (const id of profileId === undefined ? profileIds(this.db) : [profileId]) {
        if (queueMode(this.db, id) === 'cancelled') setQueueMode(this.db, id, 'active')
      }
    }
    if (this.auto) this.ensureLoop()
  }

  /** The writer just saved this (the page analyses it itself): leave it alone for a while, then look again. */
  touch(item: { kind: 'entry' | 'memo'; id: number }): void {
    if (this.closed) return
    // The shown count is left as it is: a save changes it by one at most, and counting scans the diary.
    this.holds.touch(item)
    this.lookAfterQuiet()
  }

  /** One timer, however fast the writer saves: it looks when the oldest save's quiet time is over, then again for the rest. */
  private lookAfterQuiet(): void {
    if (this.quietTimer || this.closed) return
    const due = this.holds.nextExpiry()
    if (due === null) return
    this.quietTimer = setTimeout(() => {
      this.quietTimer = null
      this.kick('entry-saved')
      this.lookAfterQuiet()
    }, Math.max(0, due - this.now()) + 50)
    this.quietTimer.unref?.()
  }


  pause(profileId: number): void {
    setQueueMode(this.db, profileId, 'paused')
  }

  cancel(profileId: number): void {
    setQueueMode(this.db, profileId, 'cancelled')
    this.runs.drop(profileId)
    this.batches.delete(profileId)
    this.waiting.delete(profileId)
  }

  /** The writer asks for the work: lifts a pause, cancel or error; `retryFailed` forgets earlier failures. */
  resume(profileId: number, opts: { retryFailed?: boolean } = {}): void {
    setQueueMode(this.db, profileId, 'active')
    this.errors.delete(profileId)
    this.transientInARow = 0
    this.holds.forgetTransient()
    if (opts.retryFailed) clearFailures(this.db, profileId)
    this.armed.add(profileId)
    this.kick('user', profileId)
    this.ensureLoop()
  }

  /** The CLI: works through these profiles now, paused or not, and resolves when they are done. */
  async runPending(profiles: number[], opts: { retryFailed?: boolean } = {}): Promise<void> {
    for (const id of profiles) {
      if (opts.retryFailed) clearFailures(this.db, id)
      this.foreground.add(id)
    }
    this.batches.clear()
    try {
      this.ensureLoop()
      await this.whenIdle()
    } finally {
      for (const id of profiles) this.foreground.delete(id)
    }
  }

  /** What the app shell shows; the profile asked about is worked on first from now on. */
  async status(profileId: number): Promise<QueueStatus> {
    this.focus = profileId
    return this.snapshot(profileId)
  }

  private async snapshot(profileId: number): Promise<QueueStatus> {
    const mode = queueMode(this.db, profileId)
    const run = this.runs.progress(profileId)
    const waiting = run ? null : await this.waitingCount(profileId)
    const { pending, ...progress } = run ?? { done: 0, failed: 0, total: waiting!.items, memos: { done: 0, failed: 0, total: waiting!.memos }, pending: waiting!.items }
    const error = this.errors.get(profileId) ?? null
    // Asked to work but not at its first item yet: already running, as far as the writer can tell.
    const starting = !run && this.loop !== null && this.eligible(profileId) && progress.total > 0
    const state = error ? 'error' : mode !== 'active' ? mode : run || starting ? 'running' : 'idle'
    const last = this.runs.last(profileId)
    return {
      state,
      ...progress,
      pending,
      current: this.current?.profileId === profileId ? { kind: this.current.kind, day: this.current.day } : null,
      lastRun: last ? { done: last.done, failed: last.failed, memos: last.memos, finishedAgoMs: Math.max(0, this.now() - last.finishedAt) } : null,
      error,
      revision: this.runs.revision(profileId)
    }
  }

  private async waitingCount(profileId: number): Promise<{ items: number; memos: number }> {
    const cached = this.waiting.get(profileId)
    if (cached) return cached
    const count = countPending(this.db, await wantedFor(this.opts.work, profileId), this.holds.held())
    this.waiting.set(profileId, count)
    return count
  }

  private eligible(profileId: number): boolean {
    if (this.errors.has(profileId)) return false
    if (this.foreground.has(profileId)) return true
    return queueMode(this.db, profileId) === 'active' && (this.auto || this.armed.has(profileId))
  }

  private ensureLoop(): void {
    if (this.closed) return
    if (this.loop) {
      this.again = true
      return
    }
    this.loop = (async () => {
      do {
        this.again = false
        for (let job = await this.next(); job && !this.closed; job = await this.next()) await this.process(job)
      } while (this.again && !this.closed)
    })()
      .catch((err: unknown) => {
        if (!this.closed) this.log(`[analysis queue] stopped: ${(err as Error)?.stack ?? String(err)}`)
      })
      .finally(() => (this.loop = null))
  }

  /** The next item: the profile the UI shows first, then the others, each newest day first. */
  private async next(): Promise<Job | null> {
    const ids = profileIds(this.db)
    const order = this.focus !== null && ids.includes(this.focus) ? [this.focus, ...ids.filter((id) => id !== this.focus)] : ids
    for (const profileId of order) {
      if (this.closed) return null
      if (!this.eligible(profileId)) continue
      const wanted = await wantedFor(this.opts.work, profileId)
      if (this.closed) return null
      const job = this.nextOf(profileId, wanted)
      if (job) return job
      this.finishRun(profileId)
    }
    return null
  }

  private nextOf(profileId: number, wanted: Wanted): Job | null {
    const key = wantedKey(wanted)
    let batch = this.batches.get(profileId)
    if (batch && batch.key !== key) {
      // What "current" means changed during the run (e.g. a memo moved the automatic baseline): count again.
      this.counted.delete(profileId)
      batch = undefined
    }
    for (;;) {
      if (!batch || batch.items.length === 0) {
        const held = this.holds.held()
        const items = pendingItems(this.db, wanted, held, BATCH)
        if (items.length === 0) {
          this.batches.delete(profileId)
          return null
        }
        batch = { key, items }
        this.batches.set(profileId, batch)
        // Counting scans the diary again: only when a run starts or new work may have come (a kick).
        if (!this.runs.has(profileId) || !this.counted.has(profileId)) {
          this.runs.recount(profileId, countPending(this.db, wanted, held))
          this.counted.add(profileId)
        }
      }
      const item = batch.items.shift()!
      const parts = this.holds.isTouched(item) ? [] : outdatedParts(this.db, wanted, item)
      if (parts.length > 0) return { profileId, item, wanted, parts }
      this.runs.countOff(profileId, item) // analysed meanwhile by the writer's own page
    }
  }

  private finishRun(profileId: number): void {
    const progress = this.runs.finish(profileId, this.now())
    if (!progress) return
    this.waiting.delete(profileId)
    this.emit({ type: 'run-end', profileId, progress })
  }

  private async process({ profileId, item, wanted, parts }: Job): Promise<void> {
    this.current = { ...item, profileId }
    let notes: string[] = []
    let error: unknown = null
    try {
      // The queue itself goes along: a reading that finds the profile's adapter out of date schedules
      // its retraining, which tells the queue when the new adapter is there (issue 12).
      notes = await bringUpToDate({ ...this.opts.work, queue: this }, item, parts)
    } catch (err) {
      error = err
    } finally {
      this.current = null
    }
    if (this.closed || (error && errorCode(error) === 'closed')) return
    // Judged on the database, not on what the analyses said: whatever happened, is it current now?
    const left = outdatedParts(this.db, wanted, item)
    const message = error ? (error as Error).message ?? String(error) : notes.join('; ') || `still outdated: ${left.join(', ')}`
    if (left.length > 0 && error && TRANSIENT_CODES.has(errorCode(error))) {
      this.holds.failedTransiently(item)
      this.batches.delete(profileId)
      if (++this.transientInARow >= MAX_TRANSIENT_IN_A_ROW) {
        this.errors.set(profileId, message)
        this.emit({ type: 'error', profileId, message })
      }
      return
    }
    this.transientInARow = 0
    const outcome = left.length === 0 ? 'done' : 'failed'
    if (outcome === 'failed') recordFailure(this.db, item, wantedKey(wanted), error ? errorCode(error) : 'not-current', message)
    this.runs.countOff(profileId, item, outcome)
    const status = await this.snapshot(profileId)
    this.emit({ type: 'item', profileId, item, outcome, message: outcome === 'failed' ? message : null, progress: status })
  }

  private emit(event: QueueEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event)
      } catch (err) {
        this.log(`[analysis queue] listener failed: ${(err as Error).message}`)
      }
    }
  }
}
