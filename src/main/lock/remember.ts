import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { writeFileDurable } from '../files/durable'
import { keyIdOf, wipe } from './keys'

/**
 * "Remember on this computer" (off by default): the data key, protected by the operating system's
 * keychain, so the app opens without the passphrase at start. The files stay encrypted (a copy of
 * the folder is still unreadable without the passphrase, the recovery key, or this account's
 * keychain); locking by hand, on idle, sleep or screen lock still asks for the passphrase.
 *
 * The keychain is reached through a `KeyKeeper`: in the desktop app Electron's `safeStorage`
 * (safe-storage-keeper.ts, the only Electron-bound part), elsewhere none, and in tests a stand-in
 * with its key outside the data folder, so everything around it runs in plain Node.
 */
export interface KeyKeeper {
  /** Whether the OS can protect a secret for this user now (Electron: `safeStorage.isEncryptionAvailable()`). */
  available(): boolean
  protect(secret: Buffer): Buffer
  reveal(blob: Buffer): Buffer
}

export const REMEMBERED_FILE = 'lock-remembered.json'

interface Remembered {
  keyId: string
  blob: string
}

const path = (dir: string) => join(dir, REMEMBERED_FILE)

export function isRemembered(dir: string): boolean {
  try {
    readFileSync(path(dir))
    return true
  } catch {
    return false
  }
}

export function remember(dir: string, keeper: KeyKeeper, dataKey: Buffer): void {
  const blob = keeper.protect(dataKey)
  const record: Remembered = { keyId: keyIdOf(dataKey).toString('hex'), blob: blob.toString('base64') }
  writeFileDurable(path(dir), [Buffer.from(JSON.stringify(record) + '\n')])
}

export function forget(dir: string): void {
  rmSync(path(dir), { force: true })
}

/**
 * The remembered data key, when there is one for this keyring and the keychain gives it back;
 * null otherwise (not remembered, keychain unavailable or changed, a different diary's key).
 */
export function recall(dir: string, keeper: KeyKeeper | undefined, keyId: string): Buffer | null {
  if (!keeper?.available()) return null
  let record: Remembered
  try {
    record = JSON.parse(readFileSync(path(dir), 'utf8')) as Remembered
  } catch {
    return null
  }
  if (record.keyId !== keyId || typeof record.blob !== 'string') return null
  let key: Buffer
  try {
    key = keeper.reveal(Buffer.from(record.blob, 'base64'))
  } catch {
    return null
  }
  if (key.length !== 32 || keyIdOf(key).toString('hex') !== keyId) {
    wipe(key)
    return null
  }
  return key
}
