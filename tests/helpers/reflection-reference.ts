/**
 * The reflection reference set (tests/reference/reflections): loading it, writing it into a real
 * diary, and the overlap measure its README fixes (credit 1 for a first-choice pick, 0.5 for an
 * acceptable one, under the emotion the sentence is quoted as).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Reflection, SectionOf } from '../../src/shared/api/reflections-schemas'
import { entryEmotionMix } from '../../src/shared/analysis/entry-mix'
import { CANONICAL_EMOTIONS, type CanonicalDistribution, type CanonicalEmotion } from '../../src/shared/emotions'
import { splitSentences } from '../../src/shared/text/sentences'
import type { Db } from '../../src/main/db/open'
import { insertAnalysis } from '../../src/main/repos/analyses'
import { createEntry } from '../../src/main/repos/entries'
import { setEntryTags } from '../../src/main/repos/tags'
import { repoRoot } from './shared-data'

export interface ReferenceEntry {
  date: string
  tags: string[]
  sentences: [CanonicalEmotion, string][]
}
export interface Expectation {
  picks: string[]
  also: string[]
}
export interface ReferenceMonth {
  id: string
  persona: string
  month: string
  entries: ReferenceEntry[]
  /** period key → emotion → expectation */
  expected: Record<string, Partial<Record<CanonicalEmotion, Expectation>>>
}

export const REFERENCE_DIR = join(repoRoot, 'tests/reference/reflections')

export function loadReferenceSet(): ReferenceMonth[] {
  return readdirSync(REFERENCE_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(REFERENCE_DIR, f), 'utf8')) as ReferenceMonth)
}

export const entryText = (e: ReferenceEntry): string => e.sentences.map(([, s]) => s).join(' ')

/** The writer's label as a reading: most of the mass on it, the rest spread evenly. */
export function labelReading(label: CanonicalEmotion, confidence = 0.8): CanonicalDistribution {
  const rest = (1 - confidence) / (CANONICAL_EMOTIONS.length - 1)
  return Object.fromEntries(CANONICAL_EMOTIONS.map((e) => [e, e === label ? confidence : rest])) as CanonicalDistribution
}

/**
 * Writes one day: the entry, its tags and, with `readings: 'writer'`, a text analysis whose
 * sentences carry the writer's own labels (through `insertAnalysis`, as the app's analysis does).
 */
export function seedDay(db: Db, profileId: number, e: ReferenceEntry, readings: 'writer' | 'none', createdAt?: string): number {
  const text = entryText(e)
  const entry = createEntry(db, profileId, e.date, text)
  if (e.tags.length > 0) setEntryTags(db, entry.id, e.tags)
  if (readings === 'writer') {
    const spans = splitSentences(text)
    if (spans.length !== e.sentences.length) throw new Error(`${e.date}: the splitter gives ${spans.length} sentences, the set ${e.sentences.length}`)
    const sentences = spans.map((s, i) => {
      const canonical = labelReading(e.sentences[i]![0])
      return { text: s.text, start: s.start, end: s.end, label: e.sentences[i]![0], probs: CANONICAL_EMOTIONS.map((x) => canonical[x]), canonical }
    })
    const mix = entryEmotionMix(sentences)
    insertAnalysis(db, {
      entryId: entry.id,
      source: 'text',
      modelId: 'writer-labels',
      labels: [...CANONICAL_EMOTIONS],
      probs: CANONICAL_EMOTIONS.map((x) => mix[x]),
      canonical: mix,
      sentences,
      ...(createdAt ? { createdAt } : {})
    })
  }
  return entry.id
}

/** Writes the month's entries (see `seedDay`); returns the entry ids in order. */
export function seedReferenceMonth(db: Db, profileId: number, ref: ReferenceMonth, readings: 'writer' | 'none'): number[] {
  return ref.entries.map((e) => seedDay(db, profileId, e, readings))
}

/** Credit of one quote: 1 for a pick, 0.5 for an acceptable one, 0 otherwise, under its emotion. */
export function credit(expected: Partial<Record<CanonicalEmotion, Expectation>>, emotion: CanonicalEmotion, sentence: string): number {
  const x = expected[emotion]
  if (!x) return 0
  if (x.picks.includes(sentence)) return 1
  if (x.also.includes(sentence)) return 0.5
  return 0
}

export interface PeriodScore {
  period: string
  quotes: number
  credit: number
  /** Expected credit of the same number of uniform picks from each group's pool. */
  randomCredit: number
  /** Listed emotions with at least one credited quote, and how many are listed. */
  covered: number
  listed: number
}

/**
 * Scores a reflection's moments against the expectation of its period. `pools` gives, per emotion,
 * the sentences the method could choose from (for the random baseline).
 */
export function scorePeriod(
  reflection: Reflection,
  expected: Partial<Record<CanonicalEmotion, Expectation>>,
  pools: Map<CanonicalEmotion, string[]>
): PeriodScore {
  const moments = reflection.sections.find((s): s is SectionOf<'moments'> => s.kind === 'moments')
  const groups = moments?.groups ?? []
  let quotes = 0
  let total = 0
  let random = 0
  for (const g of groups) {
    const pool = pools.get(g.emotion) ?? []
    const poolMean = pool.length ? pool.reduce((s, t) => s + credit(expected, g.emotion, t), 0) / pool.length : 0
    for (const q of g.quotes) {
      quotes++
      total += credit(expected, g.emotion, q.text)
      random += poolMean
    }
  }
  const listed = (Object.keys(expected) as CanonicalEmotion[]).filter((e) => (expected[e]?.picks.length ?? 0) > 0)
  const covered = listed.filter((e) => groups.some((g) => g.emotion === e && g.quotes.some((q) => credit(expected, e, q.text) > 0))).length
  return { period: reflection.period.key, quotes, credit: total, randomCredit: random, covered, listed: listed.length }
}

export function summarise(scores: readonly PeriodScore[]): { precision: number; random: number; coverage: number; quotes: number } {
  const quotes = scores.reduce((s, x) => s + x.quotes, 0)
  const sum = (f: (x: PeriodScore) => number) => scores.reduce((s, x) => s + f(x), 0)
  return {
    quotes,
    precision: quotes ? sum((x) => x.credit) / quotes : 0,
    random: quotes ? sum((x) => x.randomCredit) / quotes : 0,
    coverage: sum((x) => x.covered) / Math.max(1, sum((x) => x.listed))
  }
}
