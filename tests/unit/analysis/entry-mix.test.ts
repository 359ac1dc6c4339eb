import { describe, expect, it } from 'vitest'
import { entryEmotionMix, type SentenceForMix } from '../../../src/shared/analysis/entry-mix'
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
})
