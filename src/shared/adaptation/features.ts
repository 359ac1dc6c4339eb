/**
 * The adapter's own view of a sentence, independent of any text pack: distinct character n-grams
 * (2–4 code points, so an emoji or a Hangul syllable is one character) of the NFC text with runs
 * of whitespace collapsed and a space at each end (so word starts and ends are n-grams too),
 * hashed into a fixed number of buckets with 32-bit FNV-1a over UTF-8. A writer's habits of
 * phrasing ("멘탈 바사삭", "HP 바닥", "^^", "🫠") are short character sequences, which is what
 * these capture. Pure: the analysis process, the tests and the benchmark share it.
 */

export interface NgramSpec {
  /** Number of hash buckets. */
  buckets: number
  minN: number
  maxN: number
}

/**
 * No single characters: a syllable such as 오 or 다 is in nearly every sentence of every writer, so
 * a weight on it moved readings far from the writer's own phrasing (on the tuning writers p01–p04,
 * dropping them kept the other writers' change at ≈ 0 while the writer's gain held; bench/adaptation-search.ts).
 */
export const DEFAULT_NGRAM_SPEC: NgramSpec = { buckets: 1 << 18, minN: 2, maxN: 4 }

const encoder = new TextEncoder()

function fnv1a(bytes: Uint8Array): number {
  let h = 0x811c9dc5
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0
  return h
}

/** The sentence's distinct n-gram buckets, ascending. */
export function sentenceNgrams(text: string, spec: NgramSpec = DEFAULT_NGRAM_SPEC): number[] {
  const chars = [...` ${text.normalize('NFC').split(/\s+/u).filter(Boolean).join(' ')} `]
  const out = new Set<number>()
  for (let n = spec.minN; n <= spec.maxN; n++) {
    for (let i = 0; i + n <= chars.length; i++) out.add(fnv1a(encoder.encode(chars.slice(i, i + n).join(''))) % spec.buckets)
  }
  return [...out].sort((a, b) => a - b)
}

/**
 * The value each present n-gram takes: 1/√(count), so every sentence's n-gram vector has unit
 * length and a long sentence does not outweigh a short one.
 */
export const ngramValue = (count: number): number => (count > 0 ? 1 / Math.sqrt(count) : 0)
