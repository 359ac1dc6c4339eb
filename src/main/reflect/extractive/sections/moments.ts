/**
 * The moments: for each leading feeling of the period, the 1–3 sentences that represent it best,
 * quoted verbatim. Extractive, in two parts that multiply:
 * - centrality: how much the sentence resembles the period's sentences of that feeling (cosine over
 *   TF-IDF of character n-grams, each other sentence weighted by its probability of the feeling),
 *   so the quote is about what the feeling was about that period, not a one-off;
 * - confidence: the sentence's own probability of the feeling, as read.
 * Quotes come from different days where possible and are never near-copies of each other.
 */
import type { Quote, SectionOf } from '../../../../shared/api/reflections-schemas'
import type { CanonicalEmotion } from '../../../../shared/emotions'
import type { PeriodKind } from '../../../../shared/reflect/period'
import { countMeaningfulChars } from '../../../../shared/text/sentences'
import type { SentenceReading } from '../../sentence-readings'
import type { SectionProvider } from '../../reflector'
import { similarityRows, tfidfVectors, weightedCentrality } from '../centrality'
import { leadingEmotions, meanOfDays } from '../period-mix'
import * as T from '../templates'

/** Quotes per feeling at most: a month has room for three, a week for two. */
export const MAX_QUOTES: Record<PeriodKind, number> = { week: 2, month: 3 }
/** At most this many feelings get moments. */
export const MAX_GROUPS = 4
/** Shorter sentences ("좋았다.") say too little to stand for a period. */
export const MIN_QUOTE_CHARS = 6
/**
 * A sentence read as the feeling with less than even odds is not quoted as standing for it: a
 * reflection should not put words in the writer's mouth on a guess.
 */
export const MIN_CONFIDENCE = 0.5
/** Two quotes this similar (cosine) say the same thing; the second is skipped. */
export const REDUNDANT_COSINE = 0.5

interface Scored {
  index: number
  reading: SentenceReading
  confidence: number
  centrality: number
  score: number
}

/** Whether a sentence may be quoted as a moment of `e` (the pool each group is chosen from). */
export function isQuotable(s: SentenceReading, e: CanonicalEmotion): boolean {
  return s.emotion === e && s.probs[e] >= MIN_CONFIDENCE && countMeaningfulChars(s.text) >= MIN_QUOTE_CHARS
}

/** How many to quote from `candidates` sentences: about one in two, at least one, at most the cap. */
export function quotesFor(kind: PeriodKind, candidates: number): number {
  return Math.min(MAX_QUOTES[kind], candidates, Math.max(1, Math.floor(candidates / 2)))
}

/**
 * Greedy choice: best score first, skipping a sentence from a day already quoted or too similar to
 * a chosen one; if that leaves too few, the skipped ones fill in by score.
 */
function choose(scored: Scored[], k: number, sims: Map<number, Float64Array>): Scored[] {
  const ranked = [...scored].sort((a, b) => b.score - a.score || a.reading.date.localeCompare(b.reading.date) || a.reading.start - b.reading.start)
  const chosen: Scored[] = []
  const days = new Set<string>()
  for (const s of ranked) {
    if (chosen.length === k) break
    if (days.has(s.reading.date)) continue
    if (chosen.some((c) => sims.get(c.index)![s.index]! >= REDUNDANT_COSINE)) continue
    chosen.push(s)
    days.add(s.reading.date)
  }
  for (const s of ranked) {
    if (chosen.length === k) break
    if (!chosen.includes(s)) chosen.push(s)
  }
  return chosen
}

export function pickMoments(
  sentences: readonly SentenceReading[],
  leading: readonly { emotion: CanonicalEmotion; share: number }[],
  kind: PeriodKind
): SectionOf<'moments'>['groups'] {
  const vectors = tfidfVectors(sentences.map((s) => s.text))
  const rows = sentences.flatMap((s, i) => (leading.some((l) => isQuotable(s, l.emotion)) ? [i] : []))
  const sims = new Map(similarityRows(vectors, rows).map((row, k) => [rows[k]!, row]))
  const groups: SectionOf<'moments'>['groups'] = []
  for (const { emotion, share } of leading) {
    if (groups.length === MAX_GROUPS) break
    const weights = sentences.map((s) => s.probs[emotion])
    const scored: Scored[] = rows
      .filter((i) => isQuotable(sentences[i]!, emotion))
      .map((i) => {
        const reading = sentences[i]!
        const centrality = weightedCentrality(sims.get(i)!, i, weights)
        const confidence = reading.probs[emotion]
        return { index: i, reading, confidence, centrality, score: centrality * confidence }
      })
    if (scored.length === 0) continue
    const quotes: Quote[] = choose(scored, quotesFor(kind, scored.length), sims).map((s) => ({
      entryId: s.reading.entryId,
      date: s.reading.date,
      text: s.reading.text,
      start: s.reading.start,
      end: s.reading.end,
      confidence: s.confidence,
      centrality: s.centrality,
      readBy: s.reading.readBy
    }))
    groups.push({ emotion, share, candidates: scored.length, quotes })
  }
  return groups
}

export const momentsSection: SectionProvider = {
  kind: 'moments',
  build(m): SectionOf<'moments'> | null {
    const leading = leadingEmotions(meanOfDays(m.days))
    if (m.sentences.length === 0 || leading.length === 0) return null
    const groups = pickMoments(m.sentences, leading, m.period.kind)
    const statements = groups.length === 0 ? [T.moments.none] : [T.moments.method, ...groups.map((g) => T.moments.group(g.emotion, g.quotes.length, g.candidates))]
    return { kind: 'moments', title: T.moments.title, statements, groups }
  }
}
