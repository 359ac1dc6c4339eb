import { describe, expect, it } from 'vitest'
import { createEntry } from '../../../src/main/repos/entries'
import { CANONICAL_EMOTIONS } from '../../../src/shared/emotions'
import { emotionOfMoodWord, MOOD_VOCABULARY, moodWordGloss } from '../../../src/shared/moods/vocabulary'
import { EMOTION_LABELS } from '../../../src/shared/trends/emotion-style'
import { useTestService } from '../../helpers/test-service'
import { analyse, peaked } from '../trends/seed'

const t = useTestService()
const profile = async () => (await t.api.profiles.create({ name: '지민' })).id

describe('the check-in vocabulary', () => {
  it('puts every word under exactly one emotion, with an English gloss, and never uses another emotion’s name', () => {
    const all = CANONICAL_EMOTIONS.flatMap((e) => MOOD_VOCABULARY[e].map((w) => ({ ...w, e })))
    expect(new Set(all.map((w) => w.word)).size).toBe(all.length)
    for (const w of all) {
      expect(emotionOfMoodWord(w.word)).toBe(w.e)
      expect(moodWordGloss(w.word)).toBe(w.en)
      expect(w.en.length).toBeGreaterThan(2)
      const heading = CANONICAL_EMOTIONS.find((e) => EMOTION_LABELS.ko[e] === w.word)
      if (heading) expect(heading).toBe(w.e)
    }
    for (const e of CANONICAL_EMOTIONS) expect(MOOD_VOCABULARY[e].length).toBeGreaterThanOrEqual(5)
    expect(emotionOfMoodWord('설렘')).toBe('HAPPY')
    expect(emotionOfMoodWord('외로움')).toBe('SAD')
    expect(emotionOfMoodWord('초조')).toBe('FEAR')
    expect(emotionOfMoodWord('아무말')).toBeNull()
  })
})

describe('moods.* (the day’s check-in)', () => {
  it('records a check-in on an empty day by creating the day’s entry with no text, then changes and clears it', async () => {
    const p = await profile()
    const mood = await t.api.moods.set({ profileId: p, date: '2026-11-20', emotion: 'HAPPY', word: '설렘', intensity: 4 })
    expect(mood).toMatchObject({ profileId: p, date: '2026-11-20', emotion: 'HAPPY', word: '설렘', intensity: 4 })
    const entry = await t.api.entries.getByDate({ profileId: p, entryDate: '2026-11-20' })
    expect(entry).toMatchObject({ id: mood.entryId, text: '' })
    const changed = await t.api.moods.set({ profileId: p, date: '2026-11-20', emotion: 'SAD' })
    expect(changed).toMatchObject({ entryId: mood.entryId, emotion: 'SAD', word: null, intensity: null, createdAt: mood.createdAt })
    expect(await t.api.moods.get({ profileId: p, date: '2026-11-20' })).toEqual(changed)
    expect(await t.api.moods.clear({ profileId: p, date: '2026-11-20' })).toEqual({ cleared: true })
    expect(await t.api.moods.clear({ profileId: p, date: '2026-11-20' })).toEqual({ cleared: false })
    expect(await t.api.moods.get({ profileId: p, date: '2026-11-20' })).toBeNull()
    // The day's entry stays; only the check-in went.
    expect(await t.api.entries.getByDate({ profileId: p, entryDate: '2026-11-20' })).not.toBeNull()
  })

  it('refuses a word of another emotion, an unknown word and an intensity outside 1–5', async () => {
    const p = await profile()
    await expect(t.api.moods.set({ profileId: p, date: '2026-11-20', emotion: 'SAD', word: '설렘' })).rejects.toMatchObject({ code: 'invalid-input' })
    await expect(t.api.moods.set({ profileId: p, date: '2026-11-20', emotion: 'SAD', word: '몰라' })).rejects.toMatchObject({ code: 'invalid-input' })
    await expect(t.api.moods.set({ profileId: p, date: '2026-11-20', emotion: 'SAD', intensity: 6 })).rejects.toMatchObject({ code: 'invalid-input' })
    await expect(t.api.moods.set({ profileId: 99, date: '2026-11-20', emotion: 'SAD' })).rejects.toMatchObject({ code: 'not-found' })
    expect(await t.api.moods.list({ profileId: p, from: '2026-01-01', to: '2026-12-31' })).toEqual([])
  })

  it('is the day’s answer everywhere a view does not choose a source, and the `self` source of trends and search', async () => {
    const p = await profile()
    const e = createEntry(t.service.db, p, '2026-11-21', '발표가 무서웠다.').id
    analyse(t.service.db, { entryId: e }, 'text', peaked('FEAR'))
    expect((await t.api.entries.day({ entryId: e })).headline).toMatchObject({ source: 'text', dominant: 'FEAR' })
    await t.api.moods.set({ profileId: p, date: '2026-11-21', emotion: 'HAPPY', word: '뿌듯함', intensity: 5 })
    const day = await t.api.entries.day({ entryId: e })
    expect(day.headline).toEqual({ source: 'self', dominant: 'HAPPY', share: 1 })
    expect(day.mood).toEqual({ emotion: 'HAPPY', word: '뿌듯함', intensity: 5 })
    expect(day.sources.map((s) => s.source)).toEqual(['text', 'self'])
    expect((await t.api.entries.list({ profileId: p }))[0]!.emotion).toEqual({ source: 'self', dominant: 'HAPPY', share: 1 })
    expect(await t.api.trends.days({ profileId: p, from: '2026-11-01', to: '2026-11-30', source: 'self' })).toEqual([
      { date: '2026-11-21', entryId: e, dominant: 'HAPPY', probs: { ANGRY: 0, SAD: 0, DISGUST: 0, HAPPY: 1, FEAR: 0, SURPRISE: 0, NEUTRAL: 0 }, analyses: 1 }
    ])
    const month = await t.api.trends.summary({ profileId: p, from: '2026-11-01', to: '2026-11-30', source: 'self', bucket: 'month' })
    expect(month.totals).toMatchObject({ days: 1, counts: { HAPPY: 1 } })
    const found = await t.api.search.entries({ profileId: p, source: 'self', emotion: 'HAPPY' })
    expect(found.hits.map((h) => h.entryId)).toEqual([e])
  })

  it('measures how well each reading agrees with the check-ins over a range, with the confusion table', async () => {
    const p = await profile()
    const days: [string, string, string][] = [
      ['2026-10-01', 'HAPPY', 'HAPPY'],
      ['2026-10-02', 'SAD', 'SAD'],
      ['2026-10-03', 'SAD', 'ANGRY'],
      ['2026-10-04', 'FEAR', 'NEUTRAL'],
      ['2026-10-05', 'HAPPY', 'HAPPY']
    ]
    for (const [date, self, text] of days) {
      const e = createEntry(t.service.db, p, date, '일기').id
      analyse(t.service.db, { entryId: e }, 'text', peaked(text as never))
      await t.api.moods.set({ profileId: p, date, emotion: self as never })
    }
    // A check-in with no reading, and a reading with no check-in, do not count.
    await t.api.moods.set({ profileId: p, date: '2026-10-06', emotion: 'ANGRY' })
    analyse(t.service.db, { entryId: createEntry(t.service.db, p, '2026-10-07', '일기').id }, 'text', peaked('SAD'))
    const result = await t.api.moods.agreement({ profileId: p, from: '2026-10-01', to: '2026-10-31' })
    expect(result.checkIns).toBe(6)
    const text = result.sources.find((s) => s.source === 'text')!
    expect(text).toMatchObject({ days: 5, agreeing: 3 })
    const at = (self: string, reading: string) => text.confusion[CANONICAL_EMOTIONS.indexOf(self as never)]![CANONICAL_EMOTIONS.indexOf(reading as never)]
    expect([at('HAPPY', 'HAPPY'), at('SAD', 'SAD'), at('SAD', 'ANGRY'), at('FEAR', 'NEUTRAL')]).toEqual([2, 1, 1, 1])
    expect(result.sources.find((s) => s.source === 'audio')).toMatchObject({ days: 0, agreeing: 0 })
    const part = await t.api.moods.agreement({ profileId: p, from: '2026-10-03', to: '2026-10-04' })
    expect(part.sources.find((s) => s.source === 'text')).toMatchObject({ days: 2, agreeing: 0 })
  })
})
