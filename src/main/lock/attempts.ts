import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { HaruApiError } from '../../shared/api/errors'
import { writeFileDurable } from '../files/durable'

/**
 * Growing delays after wrong passphrases (and recovery keys), for someone trying them at the
 * keyboard: two mistakes are free, then each further one doubles the wait, from 5 s up to 15
 * minutes. The count lives in `lock-attempts.json` beside the keyring, so restarting the app does
 * not reset it; a right passphrase does. (Offline guessing against a copy of the folder is what
 * Argon2id is for; this file cannot stop that, and does not try.)
 */
export const ATTEMPTS_FILE = 'lock-attempts.json'
const FREE_FAILURES = 2
const FIRST_DELAY_MS = 5_000
const MAX_DELAY_MS = 15 * 60_000

interface AttemptState {
  failures: number
  /** When the last wrong passphrase was tried (ms since the epoch). */
  lastFailureAt: number
}

/** How long to wait after `failures` wrong tries in a row before the next one is looked at. */
export function delayAfter(failures: number): number {
  if (failures <= FREE_FAILURES) return 0
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - FREE_FAILURES - 1))
}

export class AttemptLimiter {
  private state: AttemptState
  constructor(
    private readonly dir: string,
    private readonly now: () => number = Date.now
  ) {
    this.state = this.load()
  }

  private get path(): string {
    return join(this.dir, ATTEMPTS_FILE)
  }

  private load(): AttemptState {
    try {
      const raw = JSON.parse(readFileSync(this.path, 'utf8')) as Partial<AttemptState>
      const failures = Number.isInteger(raw.failures) && raw.failures! >= 0 ? raw.failures! : 0
      const last = typeof raw.lastFailureAt === 'number' && Number.isFinite(raw.lastFailureAt) ? raw.lastFailureAt : 0
      // A clock set back must not make the wait endless: a "last failure" in the future counts as now.
      return { failures, lastFailureAt: Math.min(last, this.now()) }
    } catch {
      return { failures: 0, lastFailureAt: 0 }
    }
  }

  /** Milliseconds until the next try is allowed (0: now). */
  retryAfterMs(): number {
    const wait = delayAfter(this.state.failures) - (this.now() - this.state.lastFailureAt)
    return Math.max(0, wait)
  }

  /** Throws `rate-limited` while a wait is running; call before checking a passphrase. */
  assertMayTry(): void {
    const ms = this.retryAfterMs()
    if (ms > 0) {
      const seconds = Math.ceil(ms / 1000)
      throw HaruApiError.because('rate-limited', `too many wrong passphrases; try again in ${seconds} s`, 'retry-after', { seconds })
    }
  }

  failed(): void {
    this.state = { failures: this.state.failures + 1, lastFailureAt: this.now() }
    this.save()
  }

  succeeded(): void {
    if (this.state.failures === 0) return
    this.state = { failures: 0, lastFailureAt: 0 }
    this.save()
  }

  get failures(): number {
    return this.state.failures
  }

  private save(): void {
    try {
      writeFileDurable(this.path, [Buffer.from(JSON.stringify(this.state) + '\n')])
    } catch {
      // A full disk must not turn a wrong passphrase into a storage error; the count is kept in memory.
    }
  }
}
