import { describe, expect, it } from 'vitest'
import { entryEmotionMix, UNCERTAIN_MIX_WEIGHT, type SentenceForMix } from '../../../src/shared/analysis/entry-mix'
import { CANONICAL_EMOTIONS, type CanonicalDistribution } from '../../../src/shared/emotions'

const dist = (parts: Partial<CanonicalDistribution>): CanonicalDistribution =>
  Object.fromEntries(CANONICAL_EMOTIONS.map((e) => [e, parts[e] ?? 0])) as CanonicalDistribution
const sentence = (start: number, end: number, parts: Partial<CanonicalDistribution>): SentenceForMix => ({ start, end, canonical: dist(parts) })

describe('entry emotion mix', () => {
  it('weights sentences by length and leaves neutral sentences out', () => {
    const mix = entryEmotionMix([
      sentence(0, 30, { SAD: 0.8, NEUTRAL: 0.2 }),
      sentence(30, 40, { HAPPY: 1 }),
      sentence(40, 100, { NEUTRAL: 0.9, HAPPY: 0.1 })
    ])
    // SAD: 30·0.8 = 24; HAPPY: 10·1 = 10; NEUTRAL dropped → 24/34 and 10/34.
    expect(mix.SAD).toBeCloseTo(24 / 34, 12)
    expect(mix.HAPPY).toBeCloseTo(10 / 34, 12)
    expect(mix.NEUTRAL).toBe(0)
  })

  it('calls an all-neutral entry NEUTRAL and an empty one nothing', () => {
    expect(entryEmotionMix([sentence(0, 5, { NEUTRAL: 0.7, SAD: 0.3 })])).toEqual(dist({ NEUTRAL: 1 }))
    expect(entryEmotionMix([])).toEqual(dist({}))
  })

  it('counts an uncertain sentence at a quarter of its length, and alone it still gives the mix', () => {
    expect(UNCERTAIN_MIX_WEIGHT).toBe(0.25)
    const sure = sentence(0, 20, { SAD: 1 })
    const unsure = { ...sentence(20, 40, { ANGRY: 1 }), uncertain: true }
    // SAD 20·1; ANGRY 20·0.25·1 = 5 → 20/25 and 5/25.
    const mix = entryEmotionMix([sure, unsure])
    expect(mix.SAD).toBeCloseTo(0.8, 12)
    expect(mix.ANGRY).toBeCloseTo(0.2, 12)
    // Older stored analyses have no flag: they weigh as confident ones.
    expect(entryEmotionMix([sure, sentence(20, 40, { ANGRY: 1 })]).ANGRY).toBeCloseTo(0.5, 12)
    expect(entryEmotionMix([unsure])).toEqual(dist({ ANGRY: 1 }))
    // An uncertain NEUTRAL-topped sentence is left out like any neutral one.
    expect(entryEmotionMix([sure, { ...sentence(20, 40, { NEUTRAL: 0.6, HAPPY: 0.4 }), uncertain: true }])).toEqual(dist({ SAD: 1 }))
  })
})
