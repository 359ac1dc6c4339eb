import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { HaruApiError } from '../../shared/api/errors'
import { MIN_PASSPHRASE_LENGTH, type LockStatus } from '../../shared/api/lock-schemas'
import { crashPoint } from '../crash-points'
import { ATTEMPTS_FILE, AttemptLimiter } from './attempts'
import { convertFolder, type ConversionProgress } from './convert'
import { recoverConversion } from './convert-apply'
import { CURRENT_KDF_SET, KDF_PARAMS, type KdfCost } from './kdf'
import {
  createKeyring,
  DEFAULT_AUTO_LOCK_MINUTES,
  KEYRING_FILE,
  keyringPath,
  needsRewrap,
  readKeyring,
  unwrapWithPassphrase,
  unwrapWithRecoveryKey,
  withPassphrase,
  withRecoveryKey,
  writeKeyring,
  type Keyring
} from './keyring'
import { deriveKeys, newDataKey, wipe, wipeKeys, type DiaryKeys } from './keys'
import { newRecoveryKey } from './recovery-key'
import { forget, isRemembered, recall, remember, REMEMBERED_FILE, type KeyKeeper } from './remember'

/** What the lock needs from the service: open and close the diary itself. */
export interface SessionControl {
  /** Opens the diary (database, files, analysis) with these keys; null for a plain folder. */
  open(keys: DiaryKeys | null): void
  /** Closes the open diary; its keys are wiped. */
  close(): void
  /** A voice memo is being recorded right now (converting the folder would cut it off). */
  recordingInProgress(): boolean
}

export interface DiaryLockOptions {
  /** The OS keychain for "remember on this computer" (Electron only). */
  keeper?: KeyKeeper
  /** What one auto-lock "minute" lasts (tests shorten it); default 60,000 ms. */
  autoLockUnitMs?: number
  /** Tests only: a cheaper Argon2id for new passphrase wraps (kdf.ts, KdfCost). */
  kdfCost?: KdfCost
  now?: () => number
}

export type LockReason = 'user' | 'idle' | 'suspend' | 'lock-screen' | 'shortcut'

/**
 * The lock of one data folder, in main: whether it is encrypted, whether it is unlocked, and the
 * data key while it is (in this object only; handed to the session as derived keys, wiped on
 * lock). Every check of a passphrase goes through one queue (so parallel tries cannot get around
 * the growing delays) and the attempt limiter. Turning encryption on or off closes the diary,
 * converts the folder (convert.ts) and opens it again under the new keys.
 */
export class DiaryLock {
  private keyring: Keyring | null
  private dataKey: Buffer | null = null
  private readonly attempts: AttemptLimiter
  private converting: ConversionProgress | null = null
  private idleTimer: ReturnType<typeof setTimeout> | null = null
  private queue: Promise<unknown> = Promise.resolve()
  private closed = false
  private readonly unitMs: number

  constructor(
    readonly dataDir: string,
    private readonly session: SessionControl,
    private readonly opts: DiaryLockOptions = {}
  ) {
    sweepLockTemps(dataDir)
    this.keyring = readKeyring(dataDir)
    this.attempts = new AttemptLimiter(dataDir, opts.now)
    this.unitMs = opts.autoLockUnitMs ?? 60_000
  }

  /** Opens a plain folder at once; an encrypted one with a remembered key if there is one, else it stays locked. */
  start(): void {
    if (!this.keyring) return this.session.open(null)
    const remembered = recall(this.dataDir, this.opts.keeper, this.keyring.keyId)
    if (remembered) this.openWith(remembered)
  }

  get isLocked(): boolean {
    return this.keyring !== null && this.dataKey === null && this.converting === null
  }

  get isConverting(): boolean {
    return this.converting !== null
  }

  status(): LockStatus {
    const minutes = this.keyring?.autoLockMinutes ?? DEFAULT_AUTO_LOCK_MINUTES
    const kdf = this.keyring?.passphrase.kdf
    return {
      enabled: this.keyring !== null,
      locked: this.isLocked,
      converting: this.converting,
      autoLockMinutes: minutes,
      autoLockMs: this.keyring ? minutes * this.unitMs : 0,
      remember: { available: this.opts.keeper?.available() ?? false, enabled: this.keyring !== null && isRemembered(this.dataDir) },
      retryAfterMs: this.keyring ? this.attempts.retryAfterMs() : 0,
      ciphers: kdf
        ? { database: 'AEGIS-256', files: 'AES-256-GCM', kdf: `Argon2id ${kdf.memoryKiB / 1024} MiB × ${kdf.iterations}` }
        : null
    }
  }

  /** One passphrase check or conversion at a time, in order of arrival. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work)
    this.queue = run.catch(() => {})
    return run
  }

  private openWith(dataKey: Buffer): void {
    this.dataKey = dataKey
    this.session.open(deriveKeys(dataKey))
    this.armIdleTimer()
  }

  private armIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
    const ms = this.status().autoLockMs
    if (this.closed || ms <= 0 || this.dataKey === null) return
    this.idleTimer = setTimeout(() => this.lock('idle'), ms)
    this.idleTimer.unref?.()
  }

  /** Checks a passphrase or recovery key against the keyring, counting wrong ones; the data key when right. */
  private async check(secret: { passphrase?: string; recoveryKey?: string }): Promise<Buffer> {
    const keyring = this.requireKeyring()
    this.attempts.assertMayTry()
    const key = secret.passphrase !== undefined ? await unwrapWithPassphrase(keyring, secret.passphrase) : unwrapWithRecoveryKey(keyring, secret.recoveryKey ?? '')
    if (key) {
      this.attempts.succeeded()
      return key
    }
    this.attempts.failed()
    const wait = Math.ceil(this.attempts.retryAfterMs() / 1000)
    const what = secret.passphrase !== undefined ? 'the passphrase' : 'the recovery key'
    if (wait > 0) throw HaruApiError.because('wrong-passphrase', `${what} is not right; try again in ${wait} s`, 'wrong-passphrase-wait', { seconds: wait })
    if (secret.passphrase === undefined) throw HaruApiError.because('wrong-passphrase', `${what} is not right`, 'wrong-recovery-key')
    throw new HaruApiError('wrong-passphrase', `${what} is not right`)
  }

  private requireKeyring(): Keyring {
    if (!this.keyring) throw HaruApiError.because('conflict', 'the diary has no passphrase; set one in Settings first', 'lock-not-enabled')
    return this.keyring
  }

  private assertIdleForConversion(): void {
    if (this.converting) throw HaruApiError.because('unavailable', 'the diary is being converted; wait until it is done', 'lock-converting')
    if (this.session.recordingInProgress()) {
      throw HaruApiError.because('conflict', 'a voice memo is being recorded; finish or discard it first', 'recording-in-progress')
    }
  }

  async unlock(secret: { passphrase?: string; recoveryKey?: string }): Promise<LockStatus> {
    await this.exclusive(async () => {
      if (!this.isLocked) return
      const key = await this.check(secret)
      this.openWith(key)
      // A keyring wrapped with an older Argon2id parameter set is brought up to the current one.
      if (secret.passphrase !== undefined && needsRewrap(this.keyring!)) {
        try {
          this.saveKeyring(await withPassphrase(this.keyring!, key, secret.passphrase, this.opts.kdfCost))
        } catch {
          // kept as it was; it still opens
        }
      }
    })
    return this.status()
  }

  lock(_reason: LockReason = 'user'): LockStatus {
    if (this.keyring && this.dataKey && !this.converting) {
      if (this.idleTimer) clearTimeout(this.idleTimer)
      this.idleTimer = null
      this.session.close()
      wipe(this.dataKey)
      this.dataKey = null
    }
    return this.status()
  }

  /** The idle clock starts again (the page reports typing and clicks). */
  activity(): { autoLockMs: number } {
    this.armIdleTimer()
    return { autoLockMs: this.status().autoLockMs }
  }

  async enable(passphrase: string): Promise<{ recoveryKey: string; status: LockStatus }> {
    if (this.keyring) throw HaruApiError.because('conflict', 'the diary already has a passphrase; change it instead', 'lock-already-enabled')
    assertLongEnough(passphrase)
    return this.exclusive(async () => {
      this.assertIdleForConversion()
      const dataKey = newDataKey()
      const recovery = newRecoveryKey()
      const keyring = await createKeyring(dataKey, passphrase, recovery.bytes, undefined, this.opts.kdfCost)
      wipe(recovery.bytes)
      await this.convert('enable', deriveKeys(dataKey), dataKey, keyring)
      return { recoveryKey: recovery.text, status: this.status() }
    })
  }

  async disable(passphrase: string): Promise<LockStatus> {
    return this.exclusive(async () => {
      this.requireKeyring()
      this.assertIdleForConversion()
      const key = await this.check({ passphrase })
      await this.convert('disable', deriveKeys(key), key, null)
      return this.status()
    })
  }

  /**
   * Closes the diary, converts the folder and opens it again in whichever state the folder is now
   * in: the new one on success, and after a failure whatever recovery finds (the old state before
   * the commit, the new one after it).
   */
  private async convert(kind: 'enable' | 'disable', keys: DiaryKeys, dataKey: Buffer, keyring: Keyring | null): Promise<void> {
    this.session.close()
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.converting = { kind, done: 0, total: 1 }
    let failure: unknown = null
    try {
      await convertFolder(this.dataDir, { kind, keys, keyring: keyring ?? undefined, progress: (p) => (this.converting = p) })
    } catch (err) {
      failure = err
      recoverConversion(this.dataDir)
    } finally {
      this.converting = null
      wipeKeys(keys)
    }
    this.keyring = readKeyring(this.dataDir)
    if (this.dataKey !== dataKey) wipe(this.dataKey)
    this.dataKey = null
    // `dataKey` is the folder's key in either outcome of an encrypted folder (the new one, or the same one).
    if (this.keyring) this.openWith(dataKey)
    else {
      wipe(dataKey)
      forget(this.dataDir)
      this.session.open(null)
    }
    if (failure) throw failure
  }

  async change(secret: { passphrase?: string; recoveryKey?: string }, newPassphrase: string): Promise<LockStatus> {
    assertLongEnough(newPassphrase)
    return this.exclusive(async () => {
      const key = await this.check(secret)
      try {
        this.saveKeyring(await withPassphrase(this.requireKeyring(), key, newPassphrase, this.opts.kdfCost), () => crashPoint('lock.change.temp'))
      } finally {
        wipe(key)
      }
      return this.status()
    })
  }

  async newRecoveryKey(passphrase: string): Promise<{ recoveryKey: string }> {
    return this.exclusive(async () => {
      const key = await this.check({ passphrase })
      const recovery = newRecoveryKey()
      try {
        this.saveKeyring(withRecoveryKey(this.requireKeyring(), key, recovery.bytes))
      } finally {
        wipe(key, recovery.bytes)
      }
      return { recoveryKey: recovery.text }
    })
  }

  settings(changes: { autoLockMinutes?: number; remember?: boolean }): LockStatus {
    const keyring = this.requireKeyring()
    if (changes.autoLockMinutes !== undefined) {
      this.saveKeyring({ ...keyring, autoLockMinutes: changes.autoLockMinutes })
      this.armIdleTimer()
    }
    if (changes.remember === true) {
      if (!this.opts.keeper?.available()) {
        throw HaruApiError.because('unavailable', "this computer's keychain cannot keep the key (only the desktop app can, with a system keychain)", 'remember-unavailable')
      }
      remember(this.dataDir, this.opts.keeper, this.dataKey!)
    }
    if (changes.remember === false) forget(this.dataDir)
    return this.status()
  }

  private saveKeyring(next: Keyring, afterTemp?: () => void): void {
    writeKeyring(keyringPath(this.dataDir), next, afterTemp)
    this.keyring = next
  }

  close(): void {
    this.closed = true
    if (this.idleTimer) clearTimeout(this.idleTimer)
    wipe(this.dataKey)
    this.dataKey = null
  }
}

/**
 * A crash while the keyring (or the attempt count, or the remembered key) was being replaced
 * leaves its temporary copy; the file itself is whole either way (renamed or not), so the copy
 * is only clutter, and the keyring's one holds a wrap under the passphrase that was not set.
 */
function sweepLockTemps(dataDir: string): void {
  for (const name of [KEYRING_FILE, ATTEMPTS_FILE, REMEMBERED_FILE]) rmSync(join(dataDir, `${name}.tmp`), { force: true })
}

function assertLongEnough(passphrase: string): void {
  if ([...passphrase.normalize('NFC')].length < MIN_PASSPHRASE_LENGTH) {
    throw HaruApiError.because('invalid-input', `a passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters`, 'passphrase-too-short', { min: MIN_PASSPHRASE_LENGTH })
  }
}

/** For Settings and the README: the current Argon2id set. */
export const KDF_DESCRIPTION = { set: CURRENT_KDF_SET, ...KDF_PARAMS[CURRENT_KDF_SET] }
