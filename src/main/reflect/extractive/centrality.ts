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

const NGRAM_SIZES = [2, 3] as const

/** Letters and digits, lower case, runs of anything else as one space, padded so word edges are grams. */
export function normaliseForGrams(text: string): string {
  return ` ${text.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `
}

function gramCounts(text: string, vocabulary: Map<string, number>): Map<number, number> {
  const s = normaliseForGrams(text)
  const counts = new Map<number, number>()
  for (const n of NGRAM_SIZES) {
    for (let i = 0; i + n <= s.length; i++) {
      const gram = s.slice(i, i + n)
      if (gram.trim() === '') continue
      let id = vocabulary.get(gram)
      if (id === undefined) vocabulary.set(gram, (id = vocabulary.size))
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
  const vocabulary = new Map<string, number>()
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
  const postings = new Map<number, { doc: number; w: number }[]>()
  vectors.forEach((v, doc) => {
    v.ids.forEach((id, k) => {
      let list = postings.get(id)
      if (!list) postings.set(id, (list = []))
      list.push({ doc, w: v.weights[k]! })
    })
  })
  return rows.map((r) => {
    const sims = new Float64Array(vectors.length)
    const v = vectors[r]!
    v.ids.forEach((id, k) => {
      const w = v.weights[k]!
      for (const p of postings.get(id)!) sims[p.doc]! += w * p.w
    })
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
