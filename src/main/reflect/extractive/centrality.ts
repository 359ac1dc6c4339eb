/**
 * Sentence similarity for choosing moments: TF-IDF over character 2- and 3-grams, cosine between
 * sentences. Character n-grams need no Korean word segmenter: 산책을/산책했다/산책하고 share
 * "산책", and particles and endings become short, frequent grams that IDF weighs down.
 */

export interface SparseVector {
  /** n-gram ids, ascending. */
  ids: Int32Array
  /** L2-normalised TF-IDF weights, aligned with `ids`. */
  weights: Float64Array
}

/** Letters and digits, lower case, runs of anything else as one space, padded so word edges are grams. */
export function normaliseForGrams(text: string): string {
  return ` ${text.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `
}

/**
 * A gram as one number rather than a string (UTF-16 code units are 16 bits; three fit exactly in a
 * double), so counting allocates nothing per gram. Sizes never collide: a bigram's key is below 2^32.
 */
function gramCounts(text: string, vocabulary: Map<number, number>): Map<number, number> {
  const s = normaliseForGrams(text)
  const counts = new Map<number, number>()
  // Runs of anything but letters and digits are one space, so no gram is spaces only.
  for (let i = 0; i + 2 <= s.length; i++) {
    const bigram = s.charCodeAt(i) * 0x10000 + s.charCodeAt(i + 1)
    const keys = i + 3 <= s.length ? [bigram, bigram * 0x10000 + s.charCodeAt(i + 2) + 2 ** 48] : [bigram]
    for (const key of keys) {
      let id = vocabulary.get(key)
      if (id === undefined) vocabulary.set(key, (id = vocabulary.size))
      counts.set(id, (counts.get(id) ?? 0) + 1)
    }
  }
  return counts
}

/**
 * One vector per text: sublinear term frequency (1 + ln tf) times smoothed IDF over these texts
 * (ln((1 + N) / (1 + df)) + 1, as scikit-learn), L2-normalised.
 */
export function tfidfVectors(texts: readonly string[]): SparseVector[] {
  const vocabulary = new Map<number, number>()
  const counts = texts.map((t) => gramCounts(t, vocabulary))
  const df = new Float64Array(vocabulary.size)
  for (const c of counts) for (const id of c.keys()) df[id]! += 1
  const n = texts.length
  return counts.map((c) => {
    const ids = Int32Array.from(c.keys()).sort()
    const weights = new Float64Array(ids.length)
    let norm = 0
    ids.forEach((id, k) => {
      const w = (1 + Math.log(c.get(id)!)) * (Math.log((1 + n) / (1 + df[id]!)) + 1)
      weights[k] = w
      norm += w * w
    })
    norm = Math.sqrt(norm)
    if (norm > 0) for (let k = 0; k < weights.length; k++) weights[k]! /= norm
    return { ids, weights }
  })
}

export function cosine(a: SparseVector, b: SparseVector): number {
  let i = 0
  let j = 0
  let dot = 0
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!
    const y = b.ids[j]!
    if (x === y) dot += a.weights[i++]! * b.weights[j++]!
    else if (x < y) i++
    else j++
  }
  return dot
}

/**
 * Similarities of some sentences (`rows`) to every sentence, through an inverted index: each row
 * costs the postings of its own grams, not a pass over all pairs.
 */
export function similarityRows(vectors: readonly SparseVector[], rows: readonly number[]): Float64Array[] {
  // Postings in flat arrays (compressed rows by gram id): no object per posting.
  let grams = 0
  for (const v of vectors) for (const id of v.ids) grams = Math.max(grams, id + 1)
  const start = new Int32Array(grams + 1)
  for (const v of vectors) for (const id of v.ids) start[id + 1]! += 1
  for (let g = 0; g < grams; g++) start[g + 1]! += start[g]!
  const fill = start.slice(0, grams)
  const docs = new Int32Array(start[grams]!)
  const weights = new Float64Array(start[grams]!)
  vectors.forEach((v, doc) => {
    for (let k = 0; k < v.ids.length; k++) {
      const at = fill[v.ids[k]!]!++
      docs[at] = doc
      weights[at] = v.weights[k]!
    }
  })
  return rows.map((r) => {
    const sims = new Float64Array(vectors.length)
    const v = vectors[r]!
    for (let k = 0; k < v.ids.length; k++) {
      const id = v.ids[k]!
      const w = v.weights[k]!
      for (let p = start[id]!; p < start[id + 1]!; p++) sims[docs[p]!]! += w * weights[p]!
    }
    return sims
  })
}

/**
 * Weighted degree centrality (a one-step LexRank): how much sentence `row` resembles the others,
 * each other sentence counting by its weight (here: its probability of the emotion in question).
 */
export function weightedCentrality(sims: Float64Array, self: number, weights: ArrayLike<number>): number {
  let num = 0
  let den = 0
  for (let j = 0; j < sims.length; j++) {
    if (j === self) continue
    num += weights[j]! * sims[j]!
    den += weights[j]!
  }
  return den > 0 ? num / den : 0
}
