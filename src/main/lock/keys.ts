import { hkdfSync, randomBytes } from 'node:crypto'
import type { SealKey } from '../files/sealed'

/**
 * The key hierarchy of an encrypted diary. One random 32-byte data key encrypts everything; it is
 * stored only wrapped (keyring.ts). From it, HKDF-SHA256 derives one key per use, so the database
 * cipher and the file cipher never share a key, and a public id that tells which data key a file
 * or a keyring belongs to without revealing anything about it.
 */
export const DATA_KEY_BYTES = 32

export interface DiaryKeys {
  /** The SQLite3 Multiple Ciphers key of the database (AEGIS-256 pages). */
  database: Buffer
  /** What every sealed file's own key is derived from (AES-256-GCM records). */
  files: SealKey
  /** Public id of the data key (hex in the keyring, raw in sealed file headers). */
  keyId: Buffer
}

const derive = (dataKey: Buffer, info: string, bytes = 32): Buffer => Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), info, bytes))

export const newDataKey = (): Buffer => randomBytes(DATA_KEY_BYTES)

export function keyIdOf(dataKey: Buffer): Buffer {
  return derive(dataKey, 'haru/v1/key-id', 8)
}

export function deriveKeys(dataKey: Buffer): DiaryKeys {
  const keyId = keyIdOf(dataKey)
  return { database: derive(dataKey, 'haru/v1/database'), files: { key: derive(dataKey, 'haru/v1/files'), keyId }, keyId }
}

/**
 * Overwrites key material in place. JavaScript cannot promise no copy exists elsewhere (the
 * garbage collector may have moved one), but the buffers Haru holds are cleared the moment the
 * diary locks, and they never become strings.
 */
export function wipe(...buffers: (Buffer | null | undefined)[]): void {
  for (const b of buffers) b?.fill(0)
}

export function wipeKeys(keys: DiaryKeys | null): void {
  if (keys) wipe(keys.database, keys.files.key)
}

/** The database key as SQLite3 Multiple Ciphers takes a raw key (no KDF of its own): `raw:` and 32 bytes. */
export function rawDatabaseKey(key: Buffer): Buffer {
  return Buffer.concat([Buffer.from('raw:', 'latin1'), key])
}
