import {
  ANALYSIS_PROTOCOL_VERSION,
  isReady,
  isReply,
  type AnalysisErrorData,
  type AnalysisOperation,
  type AnalysisOperations,
  type AnalysisRequest
} from '../../shared/analysis/protocol'

/** The minimum a child process must offer; Electron's UtilityProcess and Node's ChildProcess both fit via small adapters. */
export interface WorkerHandle {
  pid: number | undefined
  send(message: AnalysisRequest): void
  onMessage(listener: (message: unknown) => void): void
  onExit(listener: (code: number | null) => void): void
  kill(): void
}

export type SpawnWorker = () => WorkerHandle

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
  /** Per-request limit; a request past it fails, the process is restarted. */
  requestTimeoutMs?: number
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
  private readonly opts: Required<Omit<AnalysisHostOptions, 'log'>> & { log: (m: string) => void }

  constructor(options: AnalysisHostOptions) {
    this.opts = {
      readyTimeoutMs: 10_000,
      requestTimeoutMs: 120_000,
      backoffMs: [0, 250, 1000, 4000],
      log: () => {},
      ...options
    }
  }

  get pid(): number | undefined {
    return this.worker?.pid
  }

  async request<Op extends AnalysisOperation>(op: Op, payload: AnalysisOperations[Op][0]): Promise<AnalysisOperations[Op][1]> {
    if (this.closed) throw new AnalysisError('closed', 'the analysis process has been shut down')
    const worker = await this.ensureWorker()
    const seq = ++this.seq
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(seq)
        reject(new AnalysisError('timeout', `analysis "${op}" took longer than ${this.opts.requestTimeoutMs} ms; the analysis process was restarted`))
        worker.kill()
      }, this.opts.requestTimeoutMs)
      this.pending.set(seq, { resolve: resolve as (v: unknown) => void, reject, timer })
      worker.send({ kind: 'request', seq, op, payload })
    })
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
        if (isReply(message)) this.settle(message.seq, message.ok ? { result: message.result } : { error: message.error })
      })
      worker.onExit((code) => {
        clearTimeout(timer)
        if (this.worker === worker) this.worker = null
        if (!ready) return reject(new AnalysisError('start-failed', `the analysis process exited during start-up (code ${code})`))
        if (this.closed) return
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
