import { hkdfSync } from 'node:crypto'
import { z } from 'zod'
import { HaruApiError } from '../../shared/api/errors'
import { isSealed, openWhole, SealedFileError, sealWhole, type SealKey } from '../files/sealed'
import { argon2idSchema, newArgon2idParams, stretchPassphrase, type Argon2idParams } from '../lock/kdf'
import { wipe } from '../lock/keys'
import { ExportError } from './errors'

/**
 * The encrypted backup, format 1: the very `.zip` a JSON export is, sealed whole under a key
 * stretched from the backup's own passphrase (independent of the diary's):
 *
 *   "HARUBKUP" · version 1 · 3 zero bytes · u32 LE length of the header · header (UTF-8 JSON) · sealed stream
 *
 * The header is `{"format":"haru-encrypted-backup","version":1,"kdf":{Argon2id parameters and
 * salt}}`; the sealed stream is the sealed file format (files/sealed.ts: AES-256-GCM records of
 * 64 KiB, each with its own nonce and tag, the last one flagged) under HKDF-SHA256 of the
 * Argon2id output. A wrong passphrase, a changed header (which changes the key) or any damage
 * fails authentication; nothing of the archive is readable without the passphrase, not even its
 * file names. Restoring decrypts in memory and imports from there: the plain archive is never
 * written to disk.
 */
export const BACKUP_MAGIC = Buffer.from('HARUBKUP', 'latin1')
export const BACKUP_FORMAT = 'haru-encrypted-backup'
export const BACKUP_VERSION = 1
export const ENCRYPTED_BACKUP_EXTENSION = '.haru'
const MAX_HEADER_BYTES = 64 * 1024

const headerSchema = z.strictObject({ format: z.literal(BACKUP_FORMAT), version: z.literal(BACKUP_VERSION), kdf: argon2idSchema })

export const isEncryptedBackup = (bytes: Uint8Array): boolean => bytes.length >= 16 && BACKUP_MAGIC.equals(Buffer.from(bytes.buffer, bytes.byteOffset, 8))

async function backupKey(passphrase: string, kdf: Argon2idParams): Promise<SealKey> {
  const stretched = await stretchPassphrase(passphrase, kdf)
  try {
    return {
      key: Buffer.from(hkdfSync('sha256', stretched, Buffer.alloc(0), 'haru/v1/backup', 32)),
      keyId: Buffer.from(hkdfSync('sha256', stretched, Buffer.alloc(0), 'haru/v1/backup-id', 8))
    }
  } finally {
    wipe(stretched)
  }
}

/** The parts of the encrypted backup of `zip` (write them in order). */
export async function sealBackup(zip: Uint8Array, passphrase: string): Promise<Buffer[]> {
  const kdf = newArgon2idParams()
  const header = Buffer.from(JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION, kdf }), 'utf8')
  const head = Buffer.alloc(16)
  BACKUP_MAGIC.copy(head, 0)
  head[8] = BACKUP_VERSION
  head.writeUInt32LE(header.length, 12)
  const seal = await backupKey(passphrase, kdf)
  try {
    return [head, header, ...sealWhole(seal, [zip])]
  } finally {
    wipe(seal.key)
  }
}

/** The zip inside an encrypted backup; a wrong passphrase is `wrong-passphrase`, damage or a newer format is an ExportError. */
export async function openBackup(bytes: Buffer, passphrase: string, name: string): Promise<Buffer> {
  if (!isEncryptedBackup(bytes)) throw new ExportError('foreign-file', `${name} is not an encrypted Haru backup`)
  if (bytes[8]! > BACKUP_VERSION) throw new ExportError('unsupported-version', `${name} is encrypted backup format ${bytes[8]}; this Haru reads format ${BACKUP_VERSION}, update Haru first`)
  const length = bytes.readUInt32LE(12)
  if (length > MAX_HEADER_BYTES || 16 + length > bytes.length) throw new ExportError('malformed', `${name} is a damaged encrypted backup (its header is cut off)`)
  let header: z.infer<typeof headerSchema>
  try {
    header = headerSchema.parse(JSON.parse(bytes.subarray(16, 16 + length).toString('utf8')))
  } catch {
    throw new ExportError('malformed', `${name} is a damaged encrypted backup (its header is not readable)`)
  }
  const sealed = bytes.subarray(16 + length)
  if (!isSealed(sealed)) throw new ExportError('malformed', `${name} is a damaged encrypted backup (no sealed archive after its header)`)
  const seal = await backupKey(passphrase, header.kdf)
  try {
    return openWhole(sealed, seal, name)
  } catch (err) {
    if (err instanceof SealedFileError && err.code === 'wrong-key') {
      throw HaruApiError.because('wrong-passphrase', `the passphrase does not open ${name}`, 'wrong-backup-passphrase')
    }
    if (err instanceof SealedFileError) throw new ExportError('malformed', `${name} is a damaged encrypted backup: ${err.message}`)
    throw err
  } finally {
    wipe(seal.key)
  }
}
