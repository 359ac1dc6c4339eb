import { CANONICAL_EMOTIONS } from '../../../src/shared/emotions'
import { argmax, identityCanonicalMatrix, summarizeSentences } from '../../../src/shared/text/aggregate'
import { OFFICIAL_TEXT_CANONICAL_MATRIX, OFFICIAL_TEXT_LABELS } from '../../../src/shared/text/official-model'

describe('summarizeSentences', () => {
  const labels = [...CANONICAL_EMOTIONS]
  const onehot = (i: number, p = 0.9): number[] => labels.map((_, j) => (j === i ? p : (1 - p) / (labels.length - 1)))

  it("gives the seed's per-label percentage of sentences and the mean-probability distribution", () => {
    const probs = [onehot(3), onehot(3), onehot(0), onehot(1, 0.6)]
    const s = summarizeSentences(labels, probs, identityCanonicalMatrix())
    expect(s.percentages).toEqual({ ANGRY: 25, SAD: 25, DISGUST: 0, HAPPY: 50, FEAR: 0, SURPRISE: 0, NEUTRAL: 0 })
    expect(s.meanProbs[3]).toBeCloseTo((0.9 + 0.9 + 0.1 / 6 + 0.4 / 6) / 4, 12)
    expect(s.canonical!.HAPPY).toBeCloseTo(s.meanProbs[3]!, 12)
    expect(Object.values(s.canonical!).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12)
  })

  it('maps the mean through a non-identity matrix (official labels)', () => {
    const s = summarizeSentences(OFFICIAL_TEXT_LABELS, [[0, 0, 0, 0, 1, 0], [1, 0, 0, 0, 0, 0]], OFFICIAL_TEXT_CANONICAL_MATRIX)
    expect(s.percentages).toEqual({ 기쁨: 50, 당황: 0, 분노: 0, 불안: 0, 상처: 50, 슬픔: 0 })
    expect(s.canonical).toEqual({ ANGRY: 0.1, SAD: 0.3, DISGUST: 0.1, HAPPY: 0.5, FEAR: 0, SURPRISE: 0, NEUTRAL: 0 })
  })

  it('has no distribution for no sentences', () => {
    const s = summarizeSentences(labels, [], identityCanonicalMatrix())
    expect(s.canonical).toBeNull()
    expect(Object.values(s.percentages)).toEqual([0, 0, 0, 0, 0, 0, 0])
  })

  it('rejects a probability vector of the wrong length', () => {
    expect(() => summarizeSentences(labels, [[1, 0]], identityCanonicalMatrix())).toThrow(/2 probabilities for 7 labels/)
  })

  it('argmax takes the first maximum', () => {
    expect(argmax([0.2, 0.5, 0.5, 0.1])).toBe(1)
  })
})
