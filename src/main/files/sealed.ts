import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

/**
 * The sealed file format (version 1): how an encrypted diary keeps its audio (memos, calibration
 * takes, recordings in progress) and how encrypted backups keep their archive. AES-256-GCM over
 * records of at most `chunkBytes` plaintext bytes, each with its own random nonce and tag:
 *
 *   header  48 bytes   "HARUSEAL" · version 1 · 3 zero bytes · u32 chunkBytes · keyId (8) · fileId (16) · 8 zero bytes
 *   record  repeated   u32 length (bit 31: the file's last record) · nonce (12) · ciphertext (length) · tag (16)
 *
 * Every record is authenticated together with the header, its plaintext offset in the file and
 * its length and last-record flag (the AAD), so records cannot be moved, swapped with another
 * file's, dropped from the middle or cut off at the end of a finished file unnoticed. Each file
 * has its own key, HKDF-SHA256(files key, salt = fileId), so random nonces never meet across files.
 *
 * A file written in one go (a memo's WAV, a take, a backup) has records of exactly `chunkBytes`
 * but the last, which is flagged. A recording in progress is appended to: each acknowledged piece
 * of audio (about a second) becomes one or more records after the ones already on disk, none
 * flagged, so an append never rewrites bytes that were acknowledged. Its metadata says how many
 * bytes were acknowledged; a record cut short by a crash (or one whose tag fails past that point)
 * is a torn tail and is dropped, never read as audio.
 */
export const SEAL_MAGIC = Buffer.from('HARUSEAL', 'latin1')
export const SEAL_VERSION = 1
export const HEADER_BYTES = 48
export const RECORD_OVERHEAD = 4 + 12 + 16
export const DEFAULT_CHUNK_BYTES = 64 * 1024
const FINAL = 0x8000_0000
const MAX_CHUNK_BYTES = 16 * 2 ** 20

export class SealedFileError extends Error {
  override readonly name = 'SealedFileError'
  constructor(
    /** `damaged`: a tag or the structure fails; `wrong-key`: sealed under another diary key; `not-sealed`: no header. */
    readonly code: 'damaged' | 'wrong-key' | 'not-sealed',
    message: string
  ) {
    super(message)
  }
}

/** What a sealed file's records are encrypted under: the folder's files key and its public id. */
export interface SealKey {
  /** 32 bytes: the key every file key is derived from. */
  key: Buffer
  /** 8 bytes identifying the data key (not secret), written in each header. */
  keyId: Buffer
}

export const isSealed = (bytes: Uint8Array): boolean => bytes.length >= SEAL_MAGIC.length && SEAL_MAGIC.equals(Buffer.from(bytes.buffer, bytes.byteOffset, SEAL_MAGIC.length))

export function newHeader(seal: SealKey, chunkBytes = DEFAULT_CHUNK_BYTES): Buffer {
  const h = Buffer.alloc(HEADER_BYTES)
  SEAL_MAGIC.copy(h, 0)
  h[8] = SEAL_VERSION
  h.writeUInt32LE(chunkBytes, 12)
  seal.keyId.copy(h, 16, 0, 8)
  randomBytes(16).copy(h, 24)
  return h
}

interface Header {
  bytes: Buffer
  chunkBytes: number
}

function parseHeader(bytes: Uint8Array, seal: SealKey, where: string): Header {
  if (!isSealed(bytes) || bytes.length < HEADER_BYTES) throw new SealedFileError('not-sealed', `${where} is not a sealed Haru file`)
  const h = Buffer.from(bytes.buffer, bytes.byteOffset, HEADER_BYTES)
  if (h[8] !== SEAL_VERSION) throw new SealedFileError('damaged', `${where} is sealed with format ${h[8]}, which this Haru does not read`)
  const chunkBytes = h.readUInt32LE(12)
  if (chunkBytes < 1 || chunkBytes > MAX_CHUNK_BYTES) throw new SealedFileError('damaged', `${where} has a damaged header`)
  if (!h.subarray(16, 24).equals(seal.keyId.subarray(0, 8))) throw new SealedFileError('wrong-key', `${where} was sealed with another diary key`)
  return { bytes: h, chunkBytes }
}

const fileKey = (seal: SealKey, header: Buffer): Buffer =>
  Buffer.from(hkdfSync('sha256', seal.key, header.subarray(24, 40), 'haru/v1/sealed-file', 32))

function aad(header: Buffer, offset: number, lengthField: number): Buffer {
  const a = Buffer.alloc(HEADER_BYTES + 12)
  header.copy(a, 0)
  a.writeBigUInt64LE(BigInt(offset), HEADER_BYTES)
  a.writeUInt32LE(lengthField, HEADER_BYTES + 8)
  return a
}

/**
 * Seals `data` as records starting at plaintext `offset` of the file with this header: pieces of
 * at most chunkBytes; with `final`, the last piece is flagged as the file's end.
 */
export function sealRecords(seal: SealKey, header: Buffer, offset: number, data: Uint8Array, final: boolean): Buffer[] {
  const chunkBytes = header.readUInt32LE(12)
  const key = fileKey(seal, header)
  const out: Buffer[] = []
  let at = 0
  do {
    const piece = data.subarray(at, Math.min(at + chunkBytes, data.length))
    const last = at + piece.length >= data.length
    const lengthField = piece.length | (final && last ? FINAL : 0)
    const nonce = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', key, nonce)
    cipher.setAAD(aad(header, offset + at, lengthField >>> 0))
    const head = Buffer.alloc(16)
    head.writeUInt32LE(lengthField >>> 0, 0)
    nonce.copy(head, 4)
    out.push(head, cipher.update(piece), cipher.final(), cipher.getAuthTag())
    at += piece.length
  } while (at < data.length)
  key.fill(0)
  return out
}

/** A whole file sealed in one go: header, then fixed-size records with the last one flagged. */
export function sealWhole(seal: SealKey, parts: readonly Uint8Array[], chunkBytes = DEFAULT_CHUNK_BYTES): Buffer[] {
  const header = newHeader(seal, chunkBytes)
  const data = parts.length === 1 ? parts[0]! : Buffer.concat(parts)
  return [header, ...sealRecords(seal, header, 0, data, true)]
}

export interface OpenedRecords {
  plain: Buffer
  /** Bytes of the file the authentic records (and the header) take; anything after is a torn tail. */
  usedBytes: number
  /** Whether the last record read carries the end-of-file flag. */
  ended: boolean
}

/**
 * Reads the records of a sealed file. `whole`: the file must end with its flagged last record and
 * nothing after it (memos, takes, backups). Otherwise (a recording in progress) records are read
 * until the end or a torn tail; a tail that fails inside the first `trustedBytes` (acknowledged
 * audio) is damage, not a tear.
 */
export function openRecords(bytes: Uint8Array, seal: SealKey, opts: { whole: boolean; trustedBytes?: number; where: string }): OpenedRecords {
  const header = parseHeader(bytes, seal, opts.where)
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
  const key = fileKey(seal, header.bytes)
  const pieces: Buffer[] = []
  let at = HEADER_BYTES
  let offset = 0
  let ended = false
  const damaged = (why: string) => new SealedFileError('damaged', `${opts.where} is damaged (${why})`)
  try {
    while (at < buf.length && !ended) {
      const torn = (why: string): boolean => {
        if (opts.whole || at < (opts.trustedBytes ?? 0)) throw damaged(why)
        return true
      }
      if (buf.length - at < RECORD_OVERHEAD && torn('a record is cut short')) break
      const lengthField = buf.readUInt32LE(at)
      const length = lengthField & ~FINAL
      if (length > header.chunkBytes) throw damaged('a record is longer than its chunk size')
      if (buf.length - at < RECORD_OVERHEAD + length && torn('a record is cut short')) break
      const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(at + 4, at + 16))
      decipher.setAAD(aad(header.bytes, offset, lengthField >>> 0))
      decipher.setAuthTag(buf.subarray(at + 16 + length, at + 32 + length))
      let plain: Buffer
      try {
        plain = Buffer.concat([decipher.update(buf.subarray(at + 16, at + 16 + length)), decipher.final()])
      } catch {
        // A record cut short by a crash can still be long enough to parse; its tag then fails.
        if (torn(`record at byte ${at} fails its authentication`) && at + RECORD_OVERHEAD + length >= buf.length) break
        throw damaged(`record at byte ${at} fails its authentication`)
      }
      pieces.push(plain)
      at += RECORD_OVERHEAD + length
      offset += length
      ended = (lengthField & FINAL) !== 0
    }
  } finally {
    key.fill(0)
  }
  if (opts.whole && !ended) throw damaged('it ends before its last record')
  if (ended && at !== buf.length) throw damaged('bytes follow its last record')
  return { plain: Buffer.concat(pieces), usedBytes: at, ended }
}

/** A whole sealed file's plaintext. */
export function openWhole(bytes: Uint8Array, seal: SealKey, where: string): Buffer {
  return openRecords(bytes, seal, { whole: true, where }).plain
}

/**
 * Plaintext bytes of the complete records of a sealed stream, from their length fields only (no
 * decryption): how long a recording in progress is, for listing. Reading it authenticates.
 */
export function recordedPlainBytes(bytes: Uint8Array): number {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
  let at = HEADER_BYTES
  let total = 0
  while (buf.length - at >= RECORD_OVERHEAD) {
    const length = buf.readUInt32LE(at) & ~FINAL
    if (buf.length - at < RECORD_OVERHEAD + length) break
    total += length
    at += RECORD_OVERHEAD + length
  }
  return total
}
