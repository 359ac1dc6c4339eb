/**
 * The diary lock (issue 14): an encrypted data folder, unlocked with a passphrase (or the one-time
 * recovery key). While the diary is locked the API answers `lock.status` and `lock.unlock` only;
 * every other call is refused with the error `locked`.
 */
import { z } from 'zod'

/** How long the diary may sit idle before it locks by itself (0: never); the Settings choices. */
export const AUTO_LOCK_MINUTES = [0, 1, 2, 5, 10, 15, 30, 60] as const
export const MIN_PASSPHRASE_LENGTH = 8
export const MAX_PASSPHRASE_LENGTH = 1024

const secret = z.string().min(1).max(MAX_PASSPHRASE_LENGTH)
/** Length is checked by the service (a typed `passphrase-too-short`), not here, so the page gets a sentence. */
const newSecret = secret

export const lockStatusSchema = z.object({
  /** The data folder is encrypted (it has a keyring). */
  enabled: z.boolean(),
  /** Encrypted and not unlocked: only `lock.status` and `lock.unlock` are answered. */
  locked: z.boolean(),
  /** Encryption being turned on or off right now, with its progress in files. */
  converting: z.object({ kind: z.enum(['enable', 'disable']), done: z.number().int(), total: z.number().int() }).nullable(),
  autoLockMinutes: z.number().int(),
  /** The idle time after which the diary locks, in ms (0: never); the page reports activity well within it. */
  autoLockMs: z.number().int(),
  /** "Remember on this computer": whether this app can (the OS keychain through Electron) and whether it does. */
  remember: z.object({ available: z.boolean(), enabled: z.boolean() }),
  /** Wrong passphrases were tried: the next try is looked at after this many ms (0: now). */
  retryAfterMs: z.number().int(),
  /** What protects the folder, for Settings (null when it is not encrypted). */
  ciphers: z.object({ database: z.string(), files: z.string(), kdf: z.string() }).nullable()
})
export type LockStatus = z.infer<typeof lockStatusSchema>

const eitherSecret = (v: { passphrase?: string; recoveryKey?: string }) => (v.passphrase === undefined) !== (v.recoveryKey === undefined)
const either = { message: 'give either the passphrase or the recovery key', path: ['passphrase'] }

export const lockMethods = {
  status: { input: z.strictObject({}), output: lockStatusSchema },
  /** Opens the diary with its passphrase or its recovery key; a diary that is not locked is left as it is. */
  unlock: { input: z.strictObject({ passphrase: secret.optional(), recoveryKey: secret.optional() }).refine(eitherSecret, either), output: lockStatusSchema },
  /** Locks now (the key is dropped from memory); only when a passphrase is set. */
  lock: { input: z.strictObject({}), output: lockStatusSchema },
  /**
   * Encrypts the whole data folder under a new passphrase and returns the one-time recovery key,
   * shown once. `acknowledgeLoss`: the person was told that losing both means losing the diary.
   */
  enable: {
    input: z.strictObject({ passphrase: newSecret, acknowledgeLoss: z.literal(true) }),
    output: z.object({ recoveryKey: z.string(), status: lockStatusSchema })
  },
  /** Decrypts the whole data folder again (the passphrase is asked once more). */
  disable: { input: z.strictObject({ passphrase: secret }), output: lockStatusSchema },
  /** A new passphrase, given the current one or the recovery key; only the wrapped key is rewritten. */
  change: {
    input: z.strictObject({ passphrase: secret.optional(), recoveryKey: secret.optional(), newPassphrase: newSecret }).refine(eitherSecret, either),
    output: lockStatusSchema
  },
  /** A new recovery key (the old one stops working), shown once. */
  newRecoveryKey: { input: z.strictObject({ passphrase: secret }), output: z.object({ recoveryKey: z.string() }) },
  /** Auto-lock time and "remember on this computer". */
  settings: {
    input: z.strictObject({
      autoLockMinutes: z.union(AUTO_LOCK_MINUTES.map((m) => z.literal(m)) as unknown as [z.ZodLiteral<number>, z.ZodLiteral<number>, ...z.ZodLiteral<number>[]]).optional(),
      remember: z.boolean().optional()
    }),
    output: lockStatusSchema
  },
  /** The person is using the app (typing, clicking): the idle timer starts again. */
  activity: { input: z.strictObject({}), output: z.object({ autoLockMs: z.number().int() }) }
} as const

/** The only calls answered while the diary is locked. */
export const OPEN_WHILE_LOCKED = new Set(['lock.status', 'lock.unlock'])
