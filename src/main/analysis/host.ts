import {
  ANALYSIS_PROTOCOL_VERSION,
  isHeartbeat,
  isReady,
  isReply,
  type AnalysisErrorData,
  type AnalysisOperation,
  type AnalysisOperations,
  type AnalysisHeartbeat,
  type AnalysisRequest
} from '../../shared/analysis/protocol'
import { operationBudgetMs } from './budget'

/** The minimum a child process must offer; Electron's UtilityProcess and Node's ChildProcess both fit via small adapters. */
export interface WorkerHandle {
  pid: number | undefined
  send(message: AnalysisRequest | AnalysisHeartbeat): void
  onMessage(listener: (message: unknown) => void): void
  onExit(listener: (code: number | null) => void): void
  kill(): void
}

export type SpawnWorker = () => WorkerHandle

/**
 * `interactive` (the default): someone is waiting for it (typing, a memo just recorded, the Today
 * page). `background`: the analysis queue's work, which gives way to every interactive request.
 */
export type RequestPriority = 'interactive' | 'background'

/** What code that runs analyses needs from the host: one request at a given priority. */
export interface AnalysisRequester {
  request<Op extends AnalysisOperation>(op: Op, payload: AnalysisOperations[Op][0]): Promise<AnalysisOperations[Op][1]>
}

export class AnalysisError extends Error {
  constructor(
    readonly code: string,
    message: string
  ) {
    super(message)
    this.name = 'AnalysisError'
  }
}

export interface AnalysisHostOptions {
  spawn: SpawnWorker
  /** How long the process may take to say `ready` (model sessions load lazily, so this is short). */
  readyTimeoutMs?: number
  /** A fixed per-request limit; unset, each request's limit is sized to its work (`budgetMs`). A request past it fails, the process is restarted. */
  requestTimeoutMs?: number
  /** The per-request limit for an operation and payload (default: budget.ts). */
  budgetMs?: (op: AnalysisOperation, payload: unknown) => number
  /** While requests are pending, a heartbeat goes out this often… */
  heartbeatIntervalMs?: number
  /** …and a process that has echoed none for this long is killed and replaced (its requests fail as `unresponsive`). */
  heartbeatTimeoutMs?: number
  /** Restart delays after consecutive crashes; the last one repeats. */
  backoffMs?: number[]
  log?: (message: string) => void
}

interface Pending {
  resolve(value: unknown): void
  reject(err: Error): void
  timer: ReturnType<typeof setTimeout>
}

/**
 * Owns the analysis process from the main process side: starts it, waits for its handshake, sends
 * seq-numbered requests, and matches replies. If the process dies, every pending request fails with
 * a clear error and the next request starts a fresh process after a backoff that grows with
 * consecutive crashes (and resets after a success), so a crash loop cannot spin the CPU.
 */
export class AnalysisHost {
  private worker: WorkerHandle | null = null
  private starting: Promise<WorkerHandle> | null = null
  private readonly pending = new Map<number, Pending>()
  private seq = 0
  private crashes = 0
  private closed = false
  /** Interactive requests sent or waiting for the process to start; background work waits while any is. */
  private interactiveInFlight = 0
  private backgroundBusy = false
  private readonly backgroundWaiting: (() => void)[] = []
  private heartbeat: { timer: ReturnType<typeof setInterval>; n: number; lastEcho: number } | null = null
  private readonly opts: Required<Omit<AnalysisHostOptions, 'log' | 'requestTimeoutMs'>> & Pick<AnalysisHostOptions, 'requestTimeoutMs'> & { log: (m: string) => void }

  constructor(options: AnalysisHostOptions) {
    this.opts = {
      readyTimeoutMs: 10_000,
      backoffMs: [0, 250, 1000, 4000],
      budgetMs: (op, payload) => operationBudgetMs(op, payload as never),
      heartbeatIntervalMs: 2_000,
      heartbeatTimeoutMs: 15_000,
      log: () => {},
      ...options
    }
  }

  get pid(): number | undefined {
    return this.worker?.pid
  }

  /**
   * Sends one request. Background requests are sent one at a time and only while no interactive
   * request is in flight, so the queue's work never sits in front of one the user is waiting for:
   * an interactive request arriving meanwhile waits at most for the one background request the
   * process already has.
   */
  async request<Op extends AnalysisOperation>(
    op: Op,
    payload: AnalysisOperations[Op][0],
    priority: RequestPriority = 'interactive'
  ): Promise<AnalysisOperations[Op][1]> {
    if (priority === 'interactive') {
      this.interactiveInFlight++
      try {
        return await this.send(op, payload)
      } finally {
        this.interactiveInFlight--
        this.releaseBackground()
      }
    }
    await new Promise<void>((resolve) => {
      this.backgroundWaiting.push(resolve)
      this.releaseBackground()
    })
    try {
      return await this.send(op, payload)
    } finally {
      this.backgroundBusy = false
      this.releaseBackground()
    }
  }

  /** The same host seen by the analysis queue: every request it makes is a background one. */
  readonly background: AnalysisRequester = {
    request: (op, payload) => this.request(op, payload, 'background')
  }

  /** Interactive requests now in flight (for status and tests). */
  get interactiveRequests(): number {
    return this.interactiveInFlight
  }

  private releaseBackground(): void {
    if (this.backgroundBusy || this.interactiveInFlight > 0) return
    const next = this.backgroundWaiting.shift()
    if (!next) return
    this.backgroundBusy = true
    next()
  }

  private async send<Op extends AnalysisOperation>(op: Op, payload: AnalysisOperations[Op][0]): Promise<AnalysisOperations[Op][1]> {
    if (this.closed) throw new AnalysisError('closed', 'the analysis process has been shut down')
    const worker = await this.ensureWorker()
    if (this.closed) throw new AnalysisError('closed', 'the analysis process has been shut down')
    const seq = ++this.seq
    const limitMs = this.opts.requestTimeoutMs ?? this.opts.budgetMs(op, payload)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(seq)
        reject(new AnalysisError('timeout', `analysis "${op}" took longer than ${Math.round(limitMs / 1000)} s; the analysis process was restarted`))
        this.retire(worker, new AnalysisError('crashed', 'the analysis process was restarted because another analysis took too long; please try again'))
      }, limitMs)
      this.pending.set(seq, { resolve: resolve as (v: unknown) => void, reject, timer })
      this.watch(worker)
      worker.send({ kind: 'request', seq, op, payload })
    })
  }

  /**
   * Heartbeats while requests are pending: a process whose main thread is stuck cannot echo them,
   * so it is killed after `heartbeatTimeoutMs` instead of holding every request until its limit.
   * Long work that yields (ONNX runs, file reads) keeps echoing; blocking stretches are far shorter.
   */
  private watch(worker: WorkerHandle): void {
    if (this.heartbeat) return
    const beat = { n: 0, lastEcho: Date.now(), timer: undefined as unknown as ReturnType<typeof setInterval> }
    beat.timer = setInterval(() => {
      if (this.worker !== worker || this.pending.size === 0) return this.unwatch()
      if (Date.now() - beat.lastEcho > this.opts.heartbeatTimeoutMs) {
        this.opts.log(`[analysis] process ${worker.pid} stopped answering for ${this.opts.heartbeatTimeoutMs} ms; restarting it`)
        const seconds = Math.round(this.opts.heartbeatTimeoutMs / 1000)
        return this.retire(worker, new AnalysisError('unresponsive', `the analysis process stopped responding for ${seconds} s and was restarted; please try again`))
      }
      worker.send({ kind: 'heartbeat', n: ++beat.n })
    }, this.opts.heartbeatIntervalMs)
    beat.timer.unref?.()
    this.heartbeat = beat
  }

  /**
   * Gives up on a process that hung or overran: it is detached at once (the next request starts a
   * fresh one without waiting for this one to exit), its other requests fail, and it is killed.
   * Counted like a crash, so a request that hangs every time backs off instead of spinning.
   */
  private retire(worker: WorkerHandle, err: AnalysisError): void {
    if (this.worker === worker) {
      this.worker = null
      this.unwatch()
      this.crashes++
      this.failAll(err)
    }
    worker.kill()
  }

  private unwatch(): void {
    if (this.heartbeat) clearInterval(this.heartbeat.timer)
    this.heartbeat = null
  }

  /**
   * Starts the analysis process now if it is not running, without sending anything (warm start).
   * Resolves when it is ready; a failure to start is reported, and the next request tries again.
   */
  async warm(): Promise<void> {
    if (this.closed) return
    await this.ensureWorker()
  }

  close(): void {
    this.closed = true
    // Background requests still waiting for their turn are let through, to fail as closed.
    for (const waiting of this.backgroundWaiting.splice(0)) waiting()
    this.unwatch()
    this.failAll(new AnalysisError('closed', 'the analysis process was shut down'))
    this.worker?.kill()
    this.worker = null
  }

  private ensureWorker(): Promise<WorkerHandle> {
    if (this.worker) return Promise.resolve(this.worker)
    this.starting ??= this.start().finally(() => (this.starting = null))
    return this.starting
  }

  private async start(): Promise<WorkerHandle> {
    const delay = this.opts.backoffMs[Math.min(this.crashes, this.opts.backoffMs.length - 1)] ?? 0
    if (delay > 0) await new Promise((r) => setTimeout(r, delay))
    const worker = this.opts.spawn()
    await new Promise<void>((resolve, reject) => {
      let ready = false
      const timer = setTimeout(() => {
        worker.kill()
        reject(new AnalysisError('start-timeout', `the analysis process did not start within ${this.opts.readyTimeoutMs} ms`))
      }, this.opts.readyTimeoutMs)
      worker.onMessage((message) => {
        if (!ready && isReady(message)) {
          clearTimeout(timer)
          if (message.protocol !== ANALYSIS_PROTOCOL_VERSION) {
            worker.kill()
            return reject(new AnalysisError('protocol', `analysis process speaks protocol ${message.protocol}, expected ${ANALYSIS_PROTOCOL_VERSION}`))
          }
          ready = true
          return resolve()
        }
        // Any message shows the process is alive; a heartbeat is nothing more.
        if (this.heartbeat && this.worker === worker) this.heartbeat.lastEcho = Date.now()
        if (isHeartbeat(message)) return
        if (isReply(message)) this.settle(message.seq, message.ok ? { result: message.result } : { error: message.error })
      })
      worker.onExit((code) => {
        clearTimeout(timer)
        const current = this.worker === worker
        if (current) {
          this.worker = null
          this.unwatch()
        }
        if (!ready) return reject(new AnalysisError('start-failed', `the analysis process exited during start-up (code ${code})`))
        // A retired process (hung, overran) already failed its requests; the pending ones now belong to its successor.
        if (this.closed || !current) return
        this.crashes++
        this.opts.log(`[analysis] process ${worker.pid} exited with code ${code}; it restarts on the next request`)
        this.failAll(new AnalysisError('crashed', `the analysis process stopped unexpectedly (code ${code}); please try again`))
      })
    }).catch((err: Error) => {
      this.crashes++
      throw err
    })
    this.worker = worker
    return worker
  }

  private settle(seq: number, outcome: { result: unknown } | { error: AnalysisErrorData }): void {
    const p = this.pending.get(seq)
    if (!p) return
    this.pending.delete(seq)
    clearTimeout(p.timer)
    if ('error' in outcome) return p.reject(new AnalysisError(outcome.error.code, outcome.error.message))
    this.crashes = 0
    p.resolve(outcome.result)
  }

  private failAll(err: Error): void {
    for (const [seq, p] of this.pending) {
      clearTimeout(p.timer)
      p.reject(err)
      this.pending.delete(seq)
    }
  }
}
