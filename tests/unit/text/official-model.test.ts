import { CANONICAL_EMOTIONS, toCanonical } from '../../../src/shared/emotions'
import { modelManifestSchema } from '../../../src/shared/models/manifest'
import {
  KLUE_TOKENIZER_CHECK,
  OFFICIAL_TEXT_CANONICAL_MATRIX,
  OFFICIAL_TEXT_LABELS,
  officialTextManifestTemplate
} from '../../../src/shared/text/official-model'

/** The seed's mapping written out by hand: canonical = M · p, divided by its sum. */
function seedProduct(p: number[]): number[] {
  const [joy, embarrassed, angry, anxious, hurt, sad] = p as [number, number, number, number, number, number]
  const raw = [
    angry + 0.2 * hurt, // ANGRY
    0.6 * hurt + sad, // SAD
    0.2 * hurt, // DISGUST
    joy, // HAPPY
    0.3 * embarrassed + 0.8 * anxious, // FEAR
    0.7 * embarrassed + 0.2 * anxious, // SURPRISE
    0 // NEUTRAL
  ]
  const total = raw.reduce((a, b) => a + b, 0)
  return raw.map((v) => v / total)
}

describe('official KLUE RoBERTa text model template', () => {
  it('has the seed label order and a 7 × 6 matrix', () => {
    expect(OFFICIAL_TEXT_LABELS).toEqual(['기쁨', '당황', '분노', '불안', '상처', '슬픔'])
    expect(OFFICIAL_TEXT_CANONICAL_MATRIX).toHaveLength(7)
    for (const row of OFFICIAL_TEXT_CANONICAL_MATRIX) expect(row).toHaveLength(6)
    expect(OFFICIAL_TEXT_CANONICAL_MATRIX[6]).toEqual([0, 0, 0, 0, 0, 0])
  })

  it('shares each label out completely (every column sums to 1)', () => {
    for (let j = 0; j < 6; j++) {
      expect(OFFICIAL_TEXT_CANONICAL_MATRIX.reduce((a, row) => a + row[j]!, 0)).toBeCloseTo(1, 12)
    }
  })

  it('toCanonical reproduces the seed normalised product', () => {
    const cases = [
      [0.1, 0.2, 0.3, 0.15, 0.15, 0.1],
      [0.9, 0.02, 0.02, 0.02, 0.02, 0.02],
      [0, 0, 0, 0, 1, 0],
      [0.05, 0.5, 0.05, 0.3, 0.05, 0.05]
    ]
    for (const p of cases) {
      const got = toCanonical(p, OFFICIAL_TEXT_CANONICAL_MATRIX)
      const want = seedProduct(p)
      CANONICAL_EMOTIONS.forEach((e, i) => expect(got[e]).toBeCloseTo(want[i]!, 12))
    }
    // A worked example: 상처 alone is 60 % SAD, 20 % ANGRY, 20 % DISGUST.
    expect(toCanonical([0, 0, 0, 0, 1, 0], OFFICIAL_TEXT_CANONICAL_MATRIX)).toEqual({
      ANGRY: 0.2, SAD: 0.6, DISGUST: 0.2, HAPPY: 0, FEAR: 0, SURPRISE: 0, NEUTRAL: 0
    })
    const mixed = toCanonical([0.1, 0.2, 0.3, 0.15, 0.15, 0.1], OFFICIAL_TEXT_CANONICAL_MATRIX)
    expect(mixed.ANGRY).toBeCloseTo(0.33, 12)
    expect(mixed.SURPRISE).toBeCloseTo(0.17, 12)
  })

  it('is a valid text manifest for an imported pack, RoBERTa-export contract', () => {
    const m = officialTextManifestTemplate({ version: '2.0.0' })
    expect(modelManifestSchema.parse(m)).toEqual(m)
    expect(m.input).toEqual({
      type: 'tokens', tokenizerDir: 'tokenizer', maxLength: 256, inputNames: ['input_ids', 'attention_mask'], outputName: 'logits'
    })
    expect(m.version).toBe('2.0.0')
    expect(KLUE_TOKENIZER_CHECK.inputIds[0]).toBe(0)
    expect(KLUE_TOKENIZER_CHECK.inputIds.at(-1)).toBe(2)
  })
})
