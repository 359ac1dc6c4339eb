/**
 * The sealed file format (src/main/files/sealed.ts) on real bytes: what it must refuse is each
 * kind of change an attacker or a crash can make to a file — a flipped bit anywhere, records cut
 * off, reordered, swapped in from another file, another key — and what it must keep is exactly
 * the plaintext, including a recording appended to piece by piece with a torn last record.
 */
import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { HEADER_BYTES, isSealed, newHeader, openRecords, openWhole, RECORD_OVERHEAD, recordedPlainBytes, SealedFileError, sealRecords, sealWhole, type SealKey } from '../../../src/main/files/sealed'

const key = (): SealKey => ({ key: randomBytes(32), keyId: randomBytes(8) })
const join = (parts: Buffer[]) => Buffer.concat(parts)
const fails = (f: () => unknown): string => {
  try {
    f()
    return 'accepted'
  } catch (err) {
    return err instanceof SealedFileError ? err.code : `threw ${(err as Error).message}`
  }
}

describe('sealed whole files', () => {
  const k = key()
  const plain = randomBytes(200_000) // three full 64 KiB records and a short one

  it('round-trips exactly, in fixed-size records with the last one flagged, and hides the plaintext', () => {
    const sealed = join(sealWhole(k, [plain.subarray(0, 70_000), plain.subarray(70_000)]))
    expect(sealed.length).toBe(HEADER_BYTES + 4 * RECORD_OVERHEAD + plain.length)
    expect(isSealed(sealed)).toBe(true)
    expect(openWhole(sealed, k, 'f').equals(plain)).toBe(true)
    // No 16-byte run of the plaintext survives in the file.
    for (let at = 0; at + 16 <= plain.length; at += 4099) expect(sealed.includes(plain.subarray(at, at + 16))).toBe(false)
    // Two seals of the same bytes share nothing (per-file key, random nonces).
    const again = join(sealWhole(k, [plain]))
    expect(again.subarray(HEADER_BYTES, HEADER_BYTES + 64).equals(sealed.subarray(HEADER_BYTES, HEADER_BYTES + 64))).toBe(false)
  })

  it('refuses a flipped bit anywhere in the header, a length field, a nonce, the ciphertext or a tag', () => {
    const sealed = join(sealWhole(k, [plain]))
    const positions = [9, 12, 30, HEADER_BYTES, HEADER_BYTES + 6, HEADER_BYTES + 20, 100_000, sealed.length - 1]
    for (const at of positions) {
      const bad = Buffer.from(sealed)
      bad[at]! ^= 0x01
      expect(fails(() => openWhole(bad, k, 'f')), `bit flipped at byte ${at}`).not.toBe('accepted')
    }
    // The key id in the header: read as another key's file.
    const other = Buffer.from(sealed)
    other[16]! ^= 0xff
    expect(fails(() => openWhole(other, k, 'f'))).toBe('wrong-key')
    expect(fails(() => openWhole(sealed, key(), 'f'))).toBe('wrong-key')
  })

  it('refuses a file cut at a record boundary, a torn last record, extra bytes, and reordered or borrowed records', () => {
    const sealed = join(sealWhole(k, [plain]))
    const record = RECORD_OVERHEAD + 65_536
    expect(fails(() => openWhole(sealed.subarray(0, HEADER_BYTES + 3 * record), k, 'f'))).toBe('damaged')
    expect(fails(() => openWhole(sealed.subarray(0, sealed.length - 7), k, 'f'))).toBe('damaged')
    expect(fails(() => openWhole(join([sealed, Buffer.from([0])]), k, 'f'))).toBe('damaged')
    const swapped = join([sealed.subarray(0, HEADER_BYTES), sealed.subarray(HEADER_BYTES + record, HEADER_BYTES + 2 * record), sealed.subarray(HEADER_BYTES, HEADER_BYTES + record), sealed.subarray(HEADER_BYTES + 2 * record)])
    expect(fails(() => openWhole(swapped, k, 'f'))).toBe('damaged')
    // A record of another file sealed under the same key (same position, same length) is refused: per-file keys.
    const twin = join(sealWhole(k, [randomBytes(plain.length)]))
    const borrowed = join([sealed.subarray(0, HEADER_BYTES), twin.subarray(HEADER_BYTES, HEADER_BYTES + record), sealed.subarray(HEADER_BYTES + record)])
    expect(fails(() => openWhole(borrowed, k, 'f'))).toBe('damaged')
    expect(fails(() => openWhole(Buffer.from('RIFF....WAVEfmt '), k, 'f'))).toBe('not-sealed')
  })

  it('seals an empty file as one flagged empty record', () => {
    const sealed = join(sealWhole(k, [Buffer.alloc(0)]))
    expect(sealed.length).toBe(HEADER_BYTES + RECORD_OVERHEAD)
    expect(openWhole(sealed, k, 'f').length).toBe(0)
  })
})

describe('sealed streams (a recording in progress)', () => {
  const k = key()

  /** Appends 1 s chunks as recordings.ts does: new records after the acknowledged ones, none flagged. */
  function record(chunks: Buffer[]): { file: Buffer; acked: number[] } {
    const header = newHeader(k)
    let file = header
    let offset = 0
    const acked: number[] = []
    for (const c of chunks) {
      file = join([file, ...sealRecords(k, header, offset, c, false)])
      offset += c.length
      acked.push(file.length)
    }
    return { file, acked }
  }

  it('reads every appended chunk back in order, and counts its plaintext from the length fields alone', () => {
    const chunks = Array.from({ length: 5 }, () => randomBytes(32_000))
    const { file } = record(chunks)
    const opened = openRecords(file, k, { whole: false, where: 'rec' })
    expect(opened.plain.equals(join(chunks))).toBe(true)
    expect(opened.ended).toBe(false)
    expect(recordedPlainBytes(file)).toBe(160_000)
    // A stream is not a whole file: it has no flagged end.
    expect(fails(() => openWhole(file, k, 'rec'))).toBe('damaged')
  })

  it('drops a torn last record (cut short, or whole but failing its tag) past the acknowledged bytes, and refuses one inside them', () => {
    const chunks = Array.from({ length: 3 }, () => randomBytes(32_000))
    const { file, acked } = record(chunks)
    for (const cut of [1, 15, RECORD_OVERHEAD, 20_000]) {
      const torn = file.subarray(0, file.length - cut)
      const opened = openRecords(torn, k, { whole: false, trustedBytes: acked[1], where: 'rec' })
      expect(opened.plain.equals(join(chunks.slice(0, 2))), `cut ${cut}`).toBe(true)
      expect(opened.usedBytes).toBe(acked[1])
      expect(recordedPlainBytes(torn)).toBe(64_000)
    }
    // Zeros where the last record's end should be (a write that reached the length but not the data).
    const zeroed = Buffer.from(file)
    zeroed.fill(0, file.length - 5000)
    expect(openRecords(zeroed, k, { whole: false, trustedBytes: acked[1], where: 'rec' }).plain.length).toBe(64_000)
    // The same damage inside what was acknowledged is damage, not a tear.
    expect(fails(() => openRecords(zeroed, k, { whole: false, trustedBytes: acked[2], where: 'rec' }))).toBe('damaged')
    const middle = Buffer.from(file)
    middle[acked[0]! + 100]! ^= 1
    expect(fails(() => openRecords(middle, k, { whole: false, trustedBytes: 0, where: 'rec' }))).toBe('damaged')
  })
})
