/**
 * The n-gram baseline's features, identical to train_ngram.py's `features`: distinct hashed
 * character 1..4-grams of the NFC text with whitespace collapsed and a space at each end;
 * FNV-1a 32-bit over UTF-8, bucket = hash % (2^18 - 1) + 1 (0 is padding).
 */
export const NGRAM_BUCKETS = 1 << 18
export const NGRAM_MAX_N = 4

const encoder = new TextEncoder()

function fnv1a(bytes: Uint8Array): number {
  let h = 0x811c9dc5
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0
  return h
}

export function ngramFeatures(text: string): number[] {
  const chars = [...` ${text.normalize('NFC').split(/\s+/u).filter(Boolean).join(' ')} `]
  const out = new Set<number>()
  for (let n = 1; n <= NGRAM_MAX_N; n++) {
    for (let i = 0; i + n <= chars.length; i++) {
      out.add((fnv1a(encoder.encode(chars.slice(i, i + n).join(''))) % (NGRAM_BUCKETS - 1)) + 1)
    }
  }
  return [...out].sort((a, b) => a - b)
}
