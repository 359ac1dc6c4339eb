/**
 * Features of the n-gram text model, identical to training/text/ngram_features.py (checked in
 * tests/unit/text/ngram.test.ts against features the trainer wrote): the sentence NFC-normalised,
 * ASCII A-Z lower-cased, whitespace collapsed and trimmed; "c" + each character 1..charMaxN-gram
 * (by code point) of " " + text + " ", "w" + each word and "w" + w1 + U+0001 + w2 for adjacent words;
 * each hashed with MurmurHash3 x86 32-bit (seed 0) over its UTF-8 bytes, modulo the bucket count.
 */
export interface NgramFeatureConfig {
  buckets: number
  charMaxN: number
  wordNgrams: number
}

// The same explicit whitespace class as the Python side (JavaScript's and Python's \s differ).
const SPACE = /[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+/gu
const encoder = new TextEncoder()

export function normalizeForNgrams(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32))
    .replace(SPACE, ' ')
    .trim()
}

/** MurmurHash3, x86 32-bit variant, as sklearn.utils.murmurhash3_32(positive=True). */
export function murmur3(bytes: Uint8Array, seed = 0): number {
  let h = seed >>> 0
  const n = bytes.length
  const blocks = n & ~3
  for (let i = 0; i < blocks; i += 4) {
    let k = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)
    k = Math.imul(k, 0xcc9e2d51)
    k = (k << 15) | (k >>> 17)
    k = Math.imul(k, 0x1b873593)
    h ^= k
    h = (h << 13) | (h >>> 19)
    h = (Math.imul(h, 5) + 0xe6546b64) | 0
  }
  // Tail: the last 1-3 bytes, little-endian, mixed like a block.
  const rest = n & 3
  if (rest > 0) {
    let k = 0
    for (let i = rest - 1; i >= 0; i--) k = (k << 8) | bytes[blocks + i]!
    k = Math.imul(k, 0xcc9e2d51)
    k = (k << 15) | (k >>> 17)
    k = Math.imul(k, 0x1b873593)
    h ^= k
  }
  h ^= n
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

export function featureStrings(text: string, config: Pick<NgramFeatureConfig, 'charMaxN' | 'wordNgrams'>): string[] {
  const t = normalizeForNgrams(text)
  const chars = [...` ${t} `]
  const out: string[] = []
  for (let n = 1; n <= config.charMaxN; n++) {
    for (let i = 0; i + n <= chars.length; i++) out.push(`c${chars.slice(i, i + n).join('')}`)
  }
  const words = t ? t.split(' ') : []
  if (config.wordNgrams >= 1) for (const w of words) out.push(`w${w}`)
  if (config.wordNgrams >= 2) for (let i = 0; i + 1 < words.length; i++) out.push(`w${words[i]}\u0001${words[i + 1]}`)
  return out
}

/** Distinct bucket ids of a sentence, sorted ascending. */
export function ngramFeatures(text: string, config: NgramFeatureConfig): number[] {
  const ids = new Set<number>()
  for (const s of featureStrings(text, config)) ids.add(murmur3(encoder.encode(s)) % config.buckets)
  return [...ids].sort((a, b) => a - b)
}
