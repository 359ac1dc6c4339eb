/**
 * Keys on real files: the keyring's two wraps of the data key (Argon2id passphrase, HKDF recovery
 * key), what it refuses (a wrong secret, a tampered or swapped wrap, absurd KDF parameters), the
 * recovery key's hand-copy forgiveness, and the growing delays after wrong passphrases.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AttemptLimiter, delayAfter } from '../../../src/main/lock/attempts'
import { KDF_PARAMS, newArgon2idParams, stretchPassphrase } from '../../../src/main/lock/kdf'
import { createKeyring, keyringPath, needsRewrap, readKeyring, unwrapWithPassphrase, unwrapWithRecoveryKey, withPassphrase, writeKeyring } from '../../../src/main/lock/keyring'
import { deriveKeys, keyIdOf, newDataKey } from '../../../src/main/lock/keys'
import { formatRecoveryKey, newRecoveryKey, parseRecoveryKey } from '../../../src/main/lock/recovery-key'
import { makeTempDir } from '../../helpers/temp-dir'

let tmp: ReturnType<typeof makeTempDir>
beforeEach(() => (tmp = makeTempDir()))
afterEach(() => tmp.cleanup())

describe('the keyring', () => {
  it('unwraps the data key with the passphrase or the recovery key, and with nothing else', async () => {
    const dataKey = newDataKey()
    const recovery = newRecoveryKey()
    const keyring = await createKeyring(dataKey, '봄날의 산책 2026', recovery.bytes)
    writeKeyring(keyringPath(tmp.dir), keyring)
    const stored = readKeyring(tmp.dir)!
    expect(stored.keyId).toBe(keyIdOf(dataKey).toString('hex'))
    expect(stored.passphrase.kdf).toMatchObject({ name: 'argon2id', set: 1, memoryKiB: KDF_PARAMS[1].memoryKiB, iterations: KDF_PARAMS[1].iterations })
    expect((await unwrapWithPassphrase(stored, '봄날의 산책 2026'))!.equals(dataKey)).toBe(true)
    expect(unwrapWithRecoveryKey(stored, recovery.text)!.equals(dataKey)).toBe(true)
    expect(await unwrapWithPassphrase(stored, '봄날의 산책 2025')).toBeNull()
    expect(await unwrapWithPassphrase(stored, '')).toBeNull()
    expect(unwrapWithRecoveryKey(stored, formatRecoveryKey(newRecoveryKey().bytes))).toBeNull()
    expect(unwrapWithRecoveryKey(stored, 'not a key')).toBeNull()
    // Nothing secret is in the file in the clear.
    const text = readFileSync(keyringPath(tmp.dir), 'utf8')
    expect(text).not.toContain(dataKey.toString('base64'))
    expect(text).not.toContain(dataKey.toString('hex'))
    expect(text).not.toContain('봄날')
  })

  it('takes the same passphrase typed decomposed (NFD Hangul, as macOS input can give it)', async () => {
    const dataKey = newDataKey()
    const keyring = await createKeyring(dataKey, '하루 일기장 비밀', newRecoveryKey().bytes)
    const nfd = '하루 일기장 비밀'.normalize('NFD')
    expect(nfd).not.toBe('하루 일기장 비밀')
    expect((await unwrapWithPassphrase(keyring, nfd))!.equals(dataKey)).toBe(true)
  })

  it('refuses a wrap moved into the other slot, and a keyring naming another key', async () => {
    const keyring = await createKeyring(newDataKey(), 'passphrase one', newRecoveryKey().bytes)
    const other = await createKeyring(newDataKey(), 'passphrase one', newRecoveryKey().bytes)
    // The other keyring's passphrase wrap, same passphrase, grafted here: its AAD names another key id.
    expect(await unwrapWithPassphrase({ ...keyring, passphrase: other.passphrase }, 'passphrase one')).toBeNull()
    expect(await unwrapWithPassphrase({ ...keyring, keyId: other.keyId }, 'passphrase one')).toBeNull()
  })

  it('is refused as damaged (never read as "not encrypted") when its JSON or its KDF parameters are tampered with', async () => {
    const keyring = await createKeyring(newDataKey(), 'passphrase one', newRecoveryKey().bytes)
    for (const bad of [
      '{ not json',
      JSON.stringify({ ...keyring, version: 2 }),
      JSON.stringify({ ...keyring, passphrase: { ...keyring.passphrase, kdf: { ...keyring.passphrase.kdf, memoryKiB: 8 * 1024 * 1024 } } }),
      JSON.stringify({ ...keyring, passphrase: { ...keyring.passphrase, kdf: { ...keyring.passphrase.kdf, memoryKiB: 8 } } }),
      JSON.stringify({ ...keyring, autoLockMinutes: 7 })
    ]) {
      writeFileSync(keyringPath(tmp.dir), bad)
      expect(() => readKeyring(tmp.dir)).toThrow(expect.objectContaining({ code: 'storage', reason: 'keyring-damaged' }))
    }
  })

  it('rewraps with the current parameter set, keeping the data key, and knows an older set is outdated', async () => {
    const dataKey = newDataKey()
    const keyring = await createKeyring(dataKey, 'old passphrase', newRecoveryKey().bytes)
    expect(needsRewrap(keyring)).toBe(false)
    expect(needsRewrap({ ...keyring, passphrase: { ...keyring.passphrase, kdf: { ...keyring.passphrase.kdf, set: 0 } } })).toBe(true)
    const changed = await withPassphrase(keyring, dataKey, 'new passphrase')
    expect(changed.passphrase.kdf.salt).not.toBe(keyring.passphrase.kdf.salt)
    expect(changed.recovery).toEqual(keyring.recovery)
    expect((await unwrapWithPassphrase(changed, 'new passphrase'))!.equals(dataKey)).toBe(true)
    expect(await unwrapWithPassphrase(changed, 'old passphrase')).toBeNull()
  })

  it('derives separate keys for the database and the files, and stretches deterministically per salt', async () => {
    const keys = deriveKeys(newDataKey())
    expect(keys.database.equals(keys.files.key)).toBe(false)
    expect(keys.database).toHaveLength(32)
    const p = newArgon2idParams()
    expect((await stretchPassphrase('같은 말', p)).equals(await stretchPassphrase('같은 말', p))).toBe(true)
    expect((await stretchPassphrase('같은 말', p)).equals(await stretchPassphrase('같은 말', newArgon2idParams()))).toBe(false)
  })
})

describe('the recovery key', () => {
  it('is 160 random bits in eight groups of four Crockford characters, read back however it was copied', () => {
    const { text, bytes } = newRecoveryKey()
    expect(text).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/)
    expect(parseRecoveryKey(text)!.equals(bytes)).toBe(true)
    const sloppy = text.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l')
    expect(parseRecoveryKey(sloppy)!.equals(bytes)).toBe(true)
    expect(parseRecoveryKey(text.slice(0, -1))).toBeNull()
    expect(parseRecoveryKey(text.replace(/^./, 'U'))).toBeNull()
    expect(newRecoveryKey().text).not.toBe(text)
  })
})

describe('growing delays after wrong passphrases', () => {
  it('lets two mistakes pass, then doubles the wait from 5 s to at most 15 minutes', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 20].map(delayAfter)).toEqual([0, 0, 0, 5_000, 10_000, 20_000, 40_000, 900_000])
  })

  it('holds the next try back for the delay, keeps the count across a restart, and forgets it after a right passphrase', () => {
    let now = 1_000_000
    const clock = () => now
    const limiter = new AttemptLimiter(tmp.dir, clock)
    limiter.failed()
    limiter.failed()
    expect(() => limiter.assertMayTry()).not.toThrow()
    limiter.failed()
    expect(limiter.retryAfterMs()).toBe(5_000)
    expect(() => limiter.assertMayTry()).toThrow(expect.objectContaining({ code: 'rate-limited', reason: 'retry-after', params: { seconds: 5 } }))
    now += 4_000
    // A restart (a new limiter on the same folder) remembers.
    const restarted = new AttemptLimiter(tmp.dir, clock)
    expect(restarted.retryAfterMs()).toBe(1_000)
    now += 1_000
    expect(() => restarted.assertMayTry()).not.toThrow()
    restarted.failed()
    expect(restarted.retryAfterMs()).toBe(10_000)
    restarted.succeeded()
    expect(new AttemptLimiter(tmp.dir, clock).retryAfterMs()).toBe(0)
    expect(JSON.parse(readFileSync(join(tmp.dir, 'lock-attempts.json'), 'utf8'))).toMatchObject({ failures: 0 })
  })

  it('does not wait forever when the clock was set back after a failure', () => {
    let now = 10_000_000
    const limiter = new AttemptLimiter(tmp.dir, () => now)
    for (let i = 0; i < 4; i++) limiter.failed()
    now -= 3_600_000
    expect(new AttemptLimiter(tmp.dir, () => now).retryAfterMs()).toBeLessThanOrEqual(10_000)
  })
})
