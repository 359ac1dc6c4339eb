import { hkdfSync, randomBytes } from 'node:crypto'

/**
 * The one-time recovery key: 160 random bits, shown once as 32 Crockford base32 characters in
 * eight groups of four (`7K3Q-…`), to be written down. With that much entropy no slow KDF is
 * needed to make guessing hopeless, so it is turned into a wrapping key with HKDF-SHA256.
 * Reading it back forgives what people do when copying by hand: lower case, spaces or missing
 * dashes, and O/I/L for 0/1/1.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const BYTES = 20
const CHARS = 32

export function newRecoveryKey(): { text: string; bytes: Buffer } {
  const bytes = randomBytes(BYTES)
  return { text: formatRecoveryKey(bytes), bytes }
}

export function formatRecoveryKey(bytes: Buffer): string {
  let bits = 0
  let value = 0
  let out = ''
  for (const byte of bytes) {
    value = (value << 8) | byte
    bits += 8
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31]
      bits -= 5
    }
    value &= (1 << bits) - 1
  }
  return out.match(/.{4}/g)!.join('-')
}

/** The key's 20 bytes, or null when the text cannot be one (wrong length or a character outside the alphabet). */
export function parseRecoveryKey(text: string): Buffer | null {
  const clean = text
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
  if (clean.length !== CHARS) return null
  const out = Buffer.alloc(BYTES)
  let bits = 0
  let value = 0
  let i = 0
  for (const ch of clean) {
    const v = ALPHABET.indexOf(ch)
    if (v < 0) return null
    value = (value << 5) | v
    bits += 5
    if (bits >= 8) {
      out[i++] = (value >>> (bits - 8)) & 0xff
      bits -= 8
    }
    value &= (1 << bits) - 1
  }
  return out
}

export function recoveryWrappingKey(bytes: Buffer, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', bytes, salt, 'haru/v1/recovery-key', 32))
}
