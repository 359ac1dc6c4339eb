/**
 * THE place a reflection learns how each sentence was read. Everything downstream (the moments,
 * the counts behind them) goes through `readSentenceReadings`. A writer's own correction of a
 * sentence (issue 12) is already applied in the stored reading (`corrections/apply.ts`: the
 * writer's emotion, one-hot, with the correction's id); here it is named `readBy: 'writer'`.
 */
import { CANONICAL_EMOTIONS, dominantEmotion, type CanonicalDistribution, type CanonicalEmotion } from '../../shared/emotions'
import type { StoredSentence } from '../corrections/apply'
import type { Db } from '../db/open'

export interface PeriodEntry {
  id: number
  date: string
  text: string
  updatedAt: string
}

export interface SentenceReading {
  entryId: number
  date: string
  /** The sentence exactly as it stands in the entry's current text. */
  text: string
  start: number
  end: number
  emotion: CanonicalEmotion
  probs: CanonicalDistribution
  readBy: 'model' | 'writer'
}

export interface SentenceReadings {
  sentences: SentenceReading[]
  /** Entries without a stored text reading. */
  unread: number[]
  /** Entries whose text changed after it was read (their sentences are kept only where still present). */
  stale: number[]
}

interface CurrentTextAnalysis {
  entry_id: number
  sentences_json: string | null
  created_at: string
}

const isDistribution = (c: unknown): c is CanonicalDistribution =>
  typeof c === 'object' && c !== null && CANONICAL_EMOTIONS.every((e) => typeof (c as Record<string, unknown>)[e] === 'number')

/** Where the stored sentence is in the current text: its own offsets, else its first occurrence, else nowhere. */
function locate(text: string, s: { text: string; start: number; end: number }): number {
  if (text.slice(s.start, s.end) === s.text) return s.start
  return s.text ? text.indexOf(s.text) : -1
}

/**
 * The current (newest) text analysis of each entry, one indexed lookup per entry
 * (`analyses_entry (entry_id, created_at)`), turned into per-sentence readings.
 */
export function readSentenceReadings(db: Db, entries: readonly PeriodEntry[]): SentenceReadings {
  const current = db.prepare(
    `SELECT entry_id, sentences_json, created_at FROM analyses
      WHERE entry_id = ? AND source = 'text' ORDER BY created_at DESC, id DESC LIMIT 1`
  )
  const out: SentenceReadings = { sentences: [], unread: [], stale: [] }
  for (const entry of entries) {
    const row = current.get(entry.id) as CurrentTextAnalysis | undefined
    if (!row) {
      out.unread.push(entry.id)
      continue
    }
    if (row.created_at < entry.updatedAt) out.stale.push(entry.id)
    const stored = row.sentences_json ? (JSON.parse(row.sentences_json) as Partial<StoredSentence>[]) : []
    if (!Array.isArray(stored)) continue
    for (const s of stored) {
      if (typeof s?.text !== 'string' || !isDistribution(s.canonical)) continue
      const start = locate(entry.text, { text: s.text, start: s.start ?? -1, end: s.end ?? -1 })
      if (start < 0) continue // edited away since it was read: never quote what is no longer there
      out.sentences.push({
        entryId: entry.id,
        date: entry.date,
        text: s.text,
        start,
        end: start + s.text.length,
        emotion: dominantEmotion(s.canonical),
        probs: s.canonical,
        readBy: typeof s.correctionId === 'number' ? 'writer' : 'model'
      })
    }
  }
  return out
}
