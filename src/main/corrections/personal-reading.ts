/**
 * Where the writer's corrections meet the model's readings. Every writer of an analysis (the Today
 * page's analysis, background re-analysis, memo voice, transcript and fusion) stores through
 * `insertPersonalAnalysis`, so the stored distribution, and therefore the trend triggers, the day's
 * emotion and the export, already carry the corrections. `restateReadings` applies a changed set
 * of corrections to the current readings without running any model (a correction, an undo).
 */
import type { TextSentenceResult } from '../../shared/analysis/protocol'
import type { CanonicalDistribution } from '../../shared/emotions'
import { ANALYSIS_SOURCES } from '../../shared/trends/sources'
import type { Db } from '../db/open'
import { currentAnalysis, insertAnalysis, restatePersonalReading, type NewAnalysis, type StoredAnalysis } from '../repos/analyses'
import { applySentenceCorrections, correctionsKey, modelSentence, oneHot, type StoredSentence } from './apply'
import { memoCorrectionOf, moveAnchor, sentenceCorrectionsOf } from './corrections-repo'
import type { ReadingTarget } from './currency'

interface Personal {
  canonical: CanonicalDistribution
  sentences?: StoredSentence[]
  reading: CanonicalDistribution | null
  correctionsKey: string | null
}

/** An entry's text reading with its sentence corrections; the anchors that moved are updated. */
function personalEntryText(db: Db, entryId: number, modelMix: CanonicalDistribution, sentences: readonly TextSentenceResult[]): Personal {
  const corrections = sentenceCorrectionsOf(db, entryId)
  const applied = applySentenceCorrections(sentences, corrections)
  for (const [id, at] of applied.anchors) moveAnchor(db, id, at.start, at.end)
  const changed = applied.anchors.size > 0
  return {
    canonical: changed ? applied.mix : modelMix,
    sentences: applied.sentences,
    reading: changed ? modelMix : null,
    correctionsKey: correctionsKey(corrections.map((c) => ({ sentenceHash: c.sentenceHash, emotion: c.emotion })))
  }
}

/** A memo's reading (voice, words or fused) with the writer's emotion for the memo, if any. */
function personalMemo(db: Db, memoId: number, model: CanonicalDistribution): Personal {
  const c = memoCorrectionOf(db, memoId)
  if (!c) return { canonical: model, reading: null, correctionsKey: null }
  return { canonical: oneHot(c.emotion), reading: model, correctionsKey: correctionsKey([{ sentenceHash: null, emotion: c.emotion }]) }
}

/**
 * Stores a model's reading as the writer would have it. `a.canonical` (and `a.sentences` for an
 * entry's text) is the model's; what is stored is corrected, with the model's kept as `reading`.
 */
export function insertPersonalAnalysis(db: Db, a: NewAnalysis): StoredAnalysis {
  return db.transaction(() => {
    const personal =
      a.entryId !== undefined
        ? a.source === 'text' && Array.isArray(a.sentences)
          ? personalEntryText(db, a.entryId, a.canonical, a.sentences as TextSentenceResult[])
          : { canonical: a.canonical, reading: null, correctionsKey: null }
        : personalMemo(db, a.memoId!, a.canonical)
    return insertAnalysis(db, { ...a, ...personal, ...(personal.sentences ? { sentences: personal.sentences } : {}) })
  })()
}

/** The model's side of a stored reading. */
const modelCanonical = (a: StoredAnalysis): CanonicalDistribution => a.reading ?? a.canonical

/**
 * Applies the target's corrections as they are now to its current readings (an entry's text; a
 * memo's voice, words and fusion), from what the model said, without running it. Returns the
 * readings restated.
 */
export function restateReadings(db: Db, target: ReadingTarget): number {
  return db.transaction(() => {
    if ('entryId' in target) {
      const cur = currentAnalysis(db, target, 'text')
      if (!cur || !Array.isArray(cur.sentences)) return 0
      const model = (cur.sentences as StoredSentence[]).map(modelSentence)
      restatePersonalReading(db, cur.id, personalEntryText(db, target.entryId, modelCanonical(cur), model))
      return 1
    }
    let n = 0
    for (const source of ANALYSIS_SOURCES) {
      const cur = currentAnalysis(db, target, source)
      if (!cur) continue
      restatePersonalReading(db, cur.id, personalMemo(db, target.memoId, modelCanonical(cur)))
      n++
    }
    return n
  })()
}
