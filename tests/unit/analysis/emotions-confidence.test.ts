import { describe, expect, it } from 'vitest'
import { CANONICAL_EMOTIONS, fuse, type CanonicalDistribution } from '../../../src/shared/emotions'
import { fuseWithVoiceConfidence, fusionWeightsFor } from '../../../src/shared/emotions-confidence'

const dist = (values: Partial<CanonicalDistribution>): CanonicalDistribution =>
  Object.fromEntries(CANONICAL_EMOTIONS.map((e) => [e, values[e] ?? 0])) as CanonicalDistribution

describe('fusion with an uncertain voice', () => {
  const text = dist({ HAPPY: 0.8, NEUTRAL: 0.2 })
  const voice = dist({ ANGRY: 0.9, NEUTRAL: 0.1 })
  const weights = { text: 0.7, audio: 0.3 }

  it('uses the text alone (weight 1.0) when the voice is uncertain', () => {
    expect(fusionWeightsFor(weights, { uncertain: true })).toEqual({ text: 1, audio: 0 })
    const f = fuseWithVoiceConfidence(text, { canonical: voice, uncertain: true }, weights)
    expect(f).toMatchObject({ voiceUsed: false, weights: { text: 1, audio: 0 } })
    for (const e of CANONICAL_EMOTIONS) expect(f.canonical[e]).toBeCloseTo(text[e], 12)
  })

  it("keeps the profile's own weights when the voice is confident", () => {
    const custom = { text: 0.5, audio: 0.5 }
    expect(fusionWeightsFor(custom, { uncertain: false })).toBe(custom)
    const f = fuseWithVoiceConfidence(text, { canonical: voice, uncertain: false }, custom)
    expect(f.voiceUsed).toBe(true)
    expect(f.canonical).toEqual(fuse(text, voice, custom))
    expect(f.canonical.ANGRY).toBeCloseTo(0.45, 12)
  })
})
