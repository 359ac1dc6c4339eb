import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { applySentenceCorrections, correctionsKey, oneHot, sentenceHash } from '../../../src/main/corrections/apply'
import { correctionsKeySql, isPersonalReadingCurrent, targetCorrectionsKey } from '../../../src/main/corrections/currency'
import { openDatabase, type Db } from '../../../src/main/db/open'
import { createEntry } from '../../../src/main/repos/entries'
import { createProfile } from '../../../src/main/repos/profiles'
import type { TextSentenceResult } from '../../../src/shared/analysis/protocol'
import { entryEmotionMix } from '../../../src/shared/analysis/entry-mix'
import { CANONICAL_EMOTIONS, type CanonicalEmotion } from '../../../src/shared/emotions'
import { splitSentences } from '../../../src/shared/text/sentences'
import { makeTempDir } from '../../helpers/temp-dir'
import { addMemo, peaked } from '../trends/seed'

/** A model reading of a text: every sentence read as `emotion` (or the per-sentence list). */
function reading(text: string, emotions: CanonicalEmotion | CanonicalEmotion[]): TextSentenceResult[] {
  return splitSentences(text).map((s, i) => {
    const e = Array.isArray(emotions) ? emotions[i]! : emotions
    return { ...s, label: e, probs: [], canonical: peaked(e), confidence: 0.9, uncertain: false }
  })
}

describe('applying sentence corrections', () => {
  it('shows the writer’s emotion instead of the model’s, keeps the model’s beside it, and recomputes the mix', () => {
    const text = '아침은 평범했다. 점심에 친구를 만나서 정말 즐거웠다. 저녁엔 조금 우울했다.'
    const model = reading(text, ['NEUTRAL', 'HAPPY', 'HAPPY'])
    const third = model[2]!
    const applied = applySentenceCorrections(model, [{ id: 1, sentenceHash: sentenceHash(third.text), start: third.start, end: third.end, emotion: 'SAD' }])
    expect(applied.sentences[2]).toMatchObject({ canonical: oneHot('SAD'), reading: third.canonical, correctionId: 1 })
    expect(applied.sentences[0]).not.toHaveProperty('correctionId')
    expect(applied.mix).toEqual(entryEmotionMix(applied.sentences))
    expect(applied.mix.SAD).toBeGreaterThan(0.3)
    expect(applied.readingMix).toEqual(entryEmotionMix(model))
    expect(applied.readingMix.SAD).toBeLessThan(0.1)
    // "감정 없음": the sentence leaves the mix, as the model's neutral sentences do.
    const none = applySentenceCorrections(model, [{ id: 2, sentenceHash: sentenceHash(third.text), start: third.start, end: third.end, emotion: 'NEUTRAL' }])
    expect(none.mix).toEqual(entryEmotionMix([model[0]!, model[1]!]))
  })

  it('follows a sentence to its new offsets, keeps each of two identical sentences on its own, and skips one that is gone', () => {
    const before = reading('좋았다. 그런데 피곤했다. 좋았다.', 'HAPPY')
    const [first, , last] = before
    const corrections = [
      { id: 1, sentenceHash: sentenceHash(first!.text), start: first!.start, end: first!.end, emotion: 'SURPRISE' as const },
      { id: 2, sentenceHash: sentenceHash(last!.text), start: last!.start, end: last!.end, emotion: 'SAD' as const },
      { id: 3, sentenceHash: sentenceHash('없어진 문장.'), start: 0, end: 7, emotion: 'FEAR' as const }
    ]
    const after = reading('오늘 일기. 좋았다. 그런데 피곤했다. 좋았다.', 'HAPPY')
    const applied = applySentenceCorrections(after, corrections)
    expect(applied.sentences.map((s) => s.correctionId ?? null)).toEqual([null, 1, null, 2])
    expect(applied.anchors.get(1)).toEqual({ start: after[1]!.start, end: after[1]!.end })
    expect(applied.anchors.get(2)).toEqual({ start: after[3]!.start, end: after[3]!.end })
    expect(applied.anchors.has(3)).toBe(false)
  })
})

describe('is a reading current (corrections and adapter)', () => {
  let tmp: ReturnType<typeof makeTempDir>
  let db: Db
  beforeEach(() => {
    tmp = makeTempDir()
    db = openDatabase(tmp.dir)
  })
  afterEach(() => {
    db.close()
    tmp.cleanup()
  })

  it('has one rule: the same corrections, and for text the same adapter', () => {
    const wanted = { correctionsKey: 'abc:SAD', adapterVersion: 3 }
    expect(isPersonalReadingCurrent({ source: 'text', correctionsKey: 'abc:SAD', adapterVersion: 3 }, wanted)).toBe(true)
    expect(isPersonalReadingCurrent({ source: 'text', correctionsKey: 'abc:SAD', adapterVersion: 2 }, wanted)).toBe(false)
    expect(isPersonalReadingCurrent({ source: 'text', correctionsKey: null, adapterVersion: 3 }, wanted)).toBe(false)
    expect(isPersonalReadingCurrent({ source: 'audio', correctionsKey: 'abc:SAD', adapterVersion: null }, wanted)).toBe(true)
    expect(isPersonalReadingCurrent({ source: 'fused', correctionsKey: 'abc:HAPPY', adapterVersion: null }, wanted)).toBe(false)
  })

  it('computes the corrections key the same way in SQL as in TypeScript', () => {
    const p = createProfile(db, '지민', 'FEMALE').id
    let seed = 11
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647)
    for (let i = 0; i < 28; i++) {
      const sentences = Array.from({ length: 1 + Math.floor(random() * 4) }, (_, j) => `문장 ${i}-${j}.`)
      const e = createEntry(db, p, `2026-01-${String(1 + i).padStart(2, '0')}`, sentences.join(' ')).id
      const n = Math.floor(random() * 4)
      for (let k = 0; k < n; k++) {
        const s = sentences[Math.floor(random() * sentences.length)]!
        db.prepare('INSERT INTO reading_corrections (entry_id, sentence, sentence_hash, start_offset, end_offset, emotion, created_at) VALUES (?, ?, ?, 0, 1, ?, ?)').run(
          e,
          s,
          sentenceHash(s),
          CANONICAL_EMOTIONS[Math.floor(random() * 7)],
          'x'
        )
      }
      const sql = db.prepare(`SELECT ${correctionsKeySql('entry_id', '?')} AS k`).get(e) as { k: string | null }
      expect(sql.k).toBe(targetCorrectionsKey(db, { entryId: e }))
      if (n === 0) expect(sql.k).toBeNull()
    }
    const m = addMemo(db, createEntry(db, p, '2026-02-01', '').id)
    db.prepare("INSERT INTO reading_corrections (memo_id, emotion, created_at) VALUES (?, 'FEAR', 'x')").run(m)
    expect(targetCorrectionsKey(db, { memoId: m })).toBe('memo:FEAR')
    expect((db.prepare(`SELECT ${correctionsKeySql('memo_id', '?')} AS k`).get(m) as { k: string }).k).toBe('memo:FEAR')
    expect(correctionsKey([])).toBeNull()
  })
})
