import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { HaruApiError } from '../../shared/api/errors'
import { AUTO_LOCK_MINUTES } from '../../shared/api/lock-schemas'
import { writeFileDurable } from '../files/durable'
import { argon2idSchema, isOutdated, newArgon2idParams, stretchPassphrase, type Argon2idParams, type KdfCost } from './kdf'
import { DATA_KEY_BYTES, keyIdOf, wipe } from './keys'
import { parseRecoveryKey, recoveryWrappingKey } from './recovery-key'

/**
 * `lock.json`, the keyring of an encrypted data folder (its presence is what "encrypted" means):
 * the data key wrapped twice with AES-256-GCM, once by the passphrase (Argon2id) and once by the
 * recovery key (HKDF), plus which ciphers the folder uses and the auto-lock setting. Nothing in it
 * is secret without the passphrase or the recovery key. Changing the passphrase rewrites only the
 * passphrase wrap (a new salt and nonce), atomically, so the file always opens with exactly one
 * of the old and the new passphrase. The wrap's AAD binds it to this format, the key id and which
 * wrap it is, so a wrap cannot be moved between keyrings or between the two slots.
 */
export const KEYRING_FILE = 'lock.json'
export const KEYRING_FORMAT = 'haru-lock'
export const KEYRING_VERSION = 1
export const DEFAULT_AUTO_LOCK_MINUTES = 5

const b64 = (bytes: number) => z.string().refine((s) => /^[A-Za-z0-9+/]*={0,2}$/.test(s) && Buffer.from(s, 'base64').length === bytes, `${bytes} bytes of base64`)
const wrapSchema = z.strictObject({ nonce: b64(12), wrapped: b64(DATA_KEY_BYTES + 16) })

export const keyringSchema = z.strictObject({
  format: z.literal(KEYRING_FORMAT),
  version: z.literal(KEYRING_VERSION),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  database: z.strictObject({ cipher: z.literal('aegis-256'), library: z.literal('SQLite3 Multiple Ciphers') }),
  files: z.strictObject({ cipher: z.literal('aes-256-gcm'), format: z.literal(1) }),
  passphrase: wrapSchema.extend({ kdf: argon2idSchema }),
  recovery: wrapSchema.extend({ kdf: z.strictObject({ name: z.literal('hkdf-sha256'), salt: b64(16) }) }),
  autoLockMinutes: z.number().int().refine((m) => (AUTO_LOCK_MINUTES as readonly number[]).includes(m), 'one of the auto-lock choices'),
  createdAt: z.string().max(64),
  changedAt: z.string().max(64)
})
export type Keyring = z.infer<typeof keyringSchema>

export const keyringPath = (dir: string): string => join(dir, KEYRING_FILE)

/** The folder's keyring, or null for a plain (unencrypted) folder. A damaged one is refused, never taken for "plain". */
export function readKeyring(dir: string): Keyring | null {
  let text: string
  try {
    text = readFileSync(keyringPath(dir), 'utf8')
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return null
    throw err
  }
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    raw = null
  }
  const parsed = keyringSchema.safeParse(raw)
  if (!parsed.success) {
    throw HaruApiError.because('storage', `${keyringPath(dir)} is damaged or from a newer Haru; the diary cannot be opened without it`, 'keyring-damaged')
  }
  return parsed.data
}

export function writeKeyring(path: string, keyring: Keyring, afterTemp?: () => void): void {
  writeFileDurable(path, [Buffer.from(JSON.stringify(keyring, null, 2) + '\n', 'utf8')], afterTemp)
}

const aadFor = (slot: 'passphrase' | 'recovery', keyId: string) => Buffer.from(`${KEYRING_FORMAT}/${KEYRING_VERSION}/${slot}/${keyId}`, 'utf8')

function wrap(kek: Buffer, dataKey: Buffer, aad: Buffer): { nonce: string; wrapped: string } {
  const nonce = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', kek, nonce)
  cipher.setAAD(aad)
  const wrapped = Buffer.concat([cipher.update(dataKey), cipher.final(), cipher.getAuthTag()])
  return { nonce: nonce.toString('base64'), wrapped: wrapped.toString('base64') }
}

/** The data key, or null when the wrapping key is not the right one (the tag fails). */
function unwrap(kek: Buffer, slot: { nonce: string; wrapped: string }, aad: Buffer): Buffer | null {
  const all = Buffer.from(slot.wrapped, 'base64')
  const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(slot.nonce, 'base64'))
  decipher.setAAD(aad)
  decipher.setAuthTag(all.subarray(DATA_KEY_BYTES))
  try {
    return Buffer.concat([decipher.update(all.subarray(0, DATA_KEY_BYTES)), decipher.final()])
  } catch {
    return null
  } finally {
    wipe(all)
  }
}

async function passphraseSlot(dataKey: Buffer, keyId: string, passphrase: string, params: Argon2idParams = newArgon2idParams()): Promise<Keyring['passphrase']> {
  const kek = await stretchPassphrase(passphrase, params)
  try {
    return { kdf: params, ...wrap(kek, dataKey, aadFor('passphrase', keyId)) }
  } finally {
    wipe(kek)
  }
}

export async function createKeyring(
  dataKey: Buffer,
  passphrase: string,
  recoveryKey: Buffer,
  autoLockMinutes: number = DEFAULT_AUTO_LOCK_MINUTES,
  cost?: KdfCost
): Promise<Keyring> {
  const keyId = keyIdOf(dataKey).toString('hex')
  const salt = randomBytes(16)
  const kek = recoveryWrappingKey(recoveryKey, salt)
  const recovery = { kdf: { name: 'hkdf-sha256' as const, salt: salt.toString('base64') }, ...wrap(kek, dataKey, aadFor('recovery', keyId)) }
  wipe(kek)
  const now = new Date().toISOString()
  return {
    format: KEYRING_FORMAT,
    version: KEYRING_VERSION,
    keyId,
    database: { cipher: 'aegis-256', library: 'SQLite3 Multiple Ciphers' },
    files: { cipher: 'aes-256-gcm', format: 1 },
    passphrase: await passphraseSlot(dataKey, keyId, passphrase, newArgon2idParams(undefined, cost)),
    recovery,
    autoLockMinutes,
    createdAt: now,
    changedAt: now
  }
}

/** The data key when `passphrase` is the keyring's, else null. About a quarter of a second either way (Argon2id). */
export async function unwrapWithPassphrase(keyring: Keyring, passphrase: string): Promise<Buffer | null> {
  const kek = await stretchPassphrase(passphrase, keyring.passphrase.kdf)
  try {
    return checked(keyring, unwrap(kek, keyring.passphrase, aadFor('passphrase', keyring.keyId)))
  } finally {
    wipe(kek)
  }
}

export function unwrapWithRecoveryKey(keyring: Keyring, text: string): Buffer | null {
  const bytes = parseRecoveryKey(text)
  if (!bytes) return null
  const kek = recoveryWrappingKey(bytes, Buffer.from(keyring.recovery.kdf.salt, 'base64'))
  try {
    return checked(keyring, unwrap(kek, keyring.recovery, aadFor('recovery', keyring.keyId)))
  } finally {
    wipe(kek, bytes)
  }
}

/** A key that unwraps but is not the one the keyring names would be a forged keyring; refused like a wrong passphrase. */
function checked(keyring: Keyring, dataKey: Buffer | null): Buffer | null {
  if (dataKey && keyIdOf(dataKey).toString('hex') !== keyring.keyId) {
    wipe(dataKey)
    return null
  }
  return dataKey
}

/** The same keyring with the data key wrapped by a new passphrase (new salt, current parameter set). */
export async function withPassphrase(keyring: Keyring, dataKey: Buffer, passphrase: string, cost?: KdfCost): Promise<Keyring> {
  return { ...keyring, passphrase: await passphraseSlot(dataKey, keyring.keyId, passphrase, newArgon2idParams(undefined, cost)), changedAt: new Date().toISOString() }
}

/** The same keyring with a new recovery key (the old one stops working). */
export function withRecoveryKey(keyring: Keyring, dataKey: Buffer, recoveryKey: Buffer): Keyring {
  const salt = randomBytes(16)
  const kek = recoveryWrappingKey(recoveryKey, salt)
  const recovery = { kdf: { name: 'hkdf-sha256' as const, salt: salt.toString('base64') }, ...wrap(kek, dataKey, aadFor('recovery', keyring.keyId)) }
  wipe(kek)
  return { ...keyring, recovery, changedAt: new Date().toISOString() }
}

export const needsRewrap = (keyring: Keyring): boolean => isOutdated(keyring.passphrase.kdf)
