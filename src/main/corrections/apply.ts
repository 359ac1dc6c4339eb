import { createHash } from 'node:crypto'
import type { TextSentenceResult } from '../../shared/analysis/protocol'
import { entryEmotionMix } from '../../shared/analysis/entry-mix'
import { CANONICAL_EMOTIONS, type CanonicalDistribution, type CanonicalEmotion } from '../../shared/emotions'

/**
 * How the writer's corrections turn a model's reading into the stored one. Pure apart from the
 * hash: the analysis writers (personal-reading.ts) and the re-derivation after a new correction
 * run the same code, so a reading corrected now and one re-read later are identical.
 */

/** A sentence as stored: the model's reading plus, when the writer corrected it, the correction. */
export interface StoredSentence extends TextSentenceResult {
  /** The reading before the writer's correction (present only on corrected sentences). */
  reading?: CanonicalDistribution
  /** The correction shown instead of the model's label. */
  correctionId?: number
}

export interface SentenceCorrection {
  id: number
  sentenceHash: string
  start: number
  end: number
  emotion: CanonicalEmotion
}

/** SHA-256 of the sentence exactly as it stands in the text (the offsets' own substring). */
export const sentenceHash = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex')

export const oneHot = (emotion: CanonicalEmotion): CanonicalDistribution =>
  Object.fromEntries(CANONICAL_EMOTIONS.map((e) => [e, e === emotion ? 1 : 0])) as CanonicalDistribution

/** The model's sentence, its correction taken off (for re-deriving without running the model). */
export function modelSentence(s: StoredSentence): TextSentenceResult {
  const { reading, correctionId: _id, ...rest } = s
  return reading ? { ...rest, canonical: reading } : rest
}

export interface AppliedSentences {
  sentences: StoredSentence[]
  /** Where each applied correction sits now (its anchor moves with the text); absent: not found. */
  anchors: Map<number, { start: number; end: number }>
  /** The entry's mix from the model's sentences (what it would be without corrections). */
  readingMix: CanonicalDistribution
  /** The entry's mix with the corrections. */
  mix: CanonicalDistribution
}

/**
 * Applies an entry's sentence corrections. Each correction finds the sentences with the same text
 * hash and takes the one nearest its last offsets that no earlier correction took (so a sentence
 * that moved is followed, and a sentence written twice keeps its own label); a corrected sentence
 * reads as the writer's emotion, one-hot, and keeps the model's reading beside it. A correction
 * whose sentence is not in the text is not applied (and not shown).
 */
export function applySentenceCorrections(sentences: readonly TextSentenceResult[], corrections: readonly SentenceCorrection[]): AppliedSentences {
  const hashes = sentences.map((s) => sentenceHash(s.text))
  const taken = new Map<number, SentenceCorrection>()
  const anchors = new Map<number, { start: number; end: number }>()
  for (const c of [...corrections].sort((a, b) => a.id - b.id)) {
    let best = -1
    for (let i = 0; i < sentences.length; i++) {
      if (hashes[i] !== c.sentenceHash || taken.has(i)) continue
      if (best < 0 || Math.abs(sentences[i]!.start - c.start) < Math.abs(sentences[best]!.start - c.start)) best = i
    }
    if (best < 0) continue
    taken.set(best, c)
    anchors.set(c.id, { start: sentences[best]!.start, end: sentences[best]!.end })
  }
  const stored = sentences.map((s, i): StoredSentence => {
    const c = taken.get(i)
    return c ? { ...s, reading: s.canonical, canonical: oneHot(c.emotion), correctionId: c.id } : { ...s }
  })
  return { sentences: stored, anchors, readingMix: entryEmotionMix(sentences), mix: entryEmotionMix(stored) }
}

/**
 * Which corrections a reading took into account, as one comparable string: each correction's
 * sentence-hash prefix (or `memo`) and emotion, sorted, joined; null when there are none. The
 * SQL twin is in currency.ts (a test holds them equal).
 */
export function correctionsKey(corrections: readonly { sentenceHash: string | null; emotion: CanonicalEmotion }[]): string | null {
  if (corrections.length === 0) return null
  return corrections
    .map((c) => `${c.sentenceHash === null ? 'memo' : c.sentenceHash.slice(0, 16)}:${c.emotion}`)
    .sort()
    .join(',')
}
