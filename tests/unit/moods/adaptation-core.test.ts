import { describe, expect, it } from 'vitest'
import { adaptSentence, adapterLogits, isTextAdapterWeights, softmaxInPlace } from '../../../src/shared/adaptation/adapter'
import { sentenceNgrams } from '../../../src/shared/adaptation/features'
import { minimizeLbfgs } from '../../../src/shared/adaptation/lbfgs'
import { trainAdapter, type AdapterExample } from '../../../src/shared/adaptation/train'
import { CANONICAL_EMOTIONS, dominantEmotion, type CanonicalEmotion } from '../../../src/shared/emotions'
import { dist } from '../trends/seed'

const idx = (e: CanonicalEmotion) => CANONICAL_EMOTIONS.indexOf(e)
const base = (e: CanonicalEmotion, w = 0.6) => CANONICAL_EMOTIONS.map((c) => (c === e ? w : (1 - w) / 6))
const example = (text: string, model: CanonicalEmotion, label: CanonicalEmotion): AdapterExample => ({ ngrams: sentenceNgrams(text), base: base(model), label: idx(label) })

describe('L-BFGS', () => {
  it('finds the minimum of an ill-conditioned quadratic', () => {
    const scales = [1, 10, 100, 1000]
    const target = [3, -2, 0.5, 7]
    const r = minimizeLbfgs((x, g) => {
      let f = 0
      scales.forEach((s, i) => {
        f += 0.5 * s * (x[i]! - target[i]!) ** 2
        g[i] = s * (x[i]! - target[i]!)
      })
      return f
    }, new Float64Array(4))
    expect(r.converged).toBe(true)
    r.x.forEach((v, i) => expect(v).toBeCloseTo(target[i]!, 5))
  })
})

describe('the adapter (hashed n-grams over the base reading)', () => {
  it('hashes characters (emoji and syllables count as one) into stable buckets', () => {
    expect(sentenceNgrams('좋아 🫠')).toEqual(sentenceNgrams('좋아   🫠'))
    expect(sentenceNgrams('좋아 🫠')).not.toEqual(sentenceNgrams('좋아 😀'))
    const g = sentenceNgrams('HP 바닥')
    expect(g).toEqual([...g].sort((a, b) => a - b))
    expect(new Set(g).size).toBe(g.length)
  })

  it('changes nothing when it learnt nothing', () => {
    const { adapter, metrics } = trainAdapter([])
    expect(metrics.examples).toBe(0)
    expect(adapter.buckets).toEqual([])
    const reading = dist({ FEAR: 0.5, SAD: 0.3, HAPPY: 0.2 })
    const adapted = adaptSentence(adapter, '아무 문장이나.', reading)
    for (const e of CANONICAL_EMOTIONS) expect(adapted[e]).toBeCloseTo(reading[e], 2)
    expect(dominantEmotion(adapted)).toBe('FEAR')
  })

  it('learns a habit from a few corrections, more from more, and leaves unrelated sentences as they were', () => {
    const habit = ['퇴근하고 나니 HP 바닥.', '오늘 회의 세 개 연속이라 HP 바닥이다.', '마트에서 장 보고 오니까 HP 바닥임.', '운동 두 시간 했더니 HP 바닥.']
    const pSad = (n: number) => {
      const { adapter } = trainAdapter(habit.slice(0, n).map((s) => example(s, 'NEUTRAL', 'SAD')))
      return adaptSentence(adapter, '오늘도 HP 바닥이네.', dist(Object.fromEntries(CANONICAL_EMOTIONS.map((e, i) => [e, base('NEUTRAL')[i]!])))).SAD
    }
    const shares = [0, 1, 2, 4].map(pSad)
    expect(shares[0]).toBeCloseTo(base('NEUTRAL')[idx('SAD')]!, 2)
    for (let i = 1; i < shares.length; i++) expect(shares[i]!).toBeGreaterThan(shares[i - 1]!)
    expect(shares[1]!).toBeLessThan(0.6) // one correction nudges, it does not overrule
    expect(shares[3]!).toBeGreaterThan(0.5)
    const { adapter } = trainAdapter(habit.map((s) => example(s, 'NEUTRAL', 'SAD')))
    const happy = dist({ HAPPY: 0.7, SAD: 0.05, NEUTRAL: 0.25 })
    expect(dominantEmotion(adaptSentence(adapter, '친구가 생일 선물을 보내 줘서 너무 기뻤다.', happy))).toBe('HAPPY')
  })

  it('trains deterministically and fits what it was told', () => {
    const examples = [example('🫠 녹았다', 'SAD', 'HAPPY'), example('멘탈 바사삭', 'HAPPY', 'SAD'), example('동공지진', 'FEAR', 'SURPRISE'), example('🫠🫠', 'SAD', 'HAPPY')]
    const a = trainAdapter(examples)
    const b = trainAdapter(examples)
    expect(a.adapter).toEqual(b.adapter)
    expect(a.metrics.converged).toBe(true)
    expect(a.metrics.lossAfter).toBeLessThan(a.metrics.lossBefore)
    expect(a.metrics.accuracyBefore).toBe(0)
    expect(a.metrics.accuracyAfter).toBeGreaterThanOrEqual(0.75)
    expect(isTextAdapterWeights(JSON.parse(JSON.stringify(a.adapter)))).toBe(true)
  })

  it('uses a pack’s sentence representation when every example has one', () => {
    // Two sentences with no characters in common with the test sentence; only the representation tells them apart.
    const rep = (k: number) => [k, 1 - k, 0.5]
    const examples: AdapterExample[] = Array.from({ length: 12 }, (_, i) => ({
      ngrams: sentenceNgrams(`문장 ${i}`),
      base: base('NEUTRAL'),
      label: idx(i % 2 ? 'ANGRY' : 'HAPPY'),
      representation: rep(i % 2)
    }))
    const { adapter } = trainAdapter(examples, { representationL2: 0.01 })
    expect(adapter.representation?.dim).toBe(3)
    const read = (k: number) => softmaxInPlace(adapterLogits(adapter, sentenceNgrams('전혀 다른 글'), base('NEUTRAL'), rep(k)))
    expect(read(1)[idx('ANGRY')]!).toBeGreaterThan(read(0)[idx('ANGRY')]!)
    expect(read(0)[idx('HAPPY')]!).toBeGreaterThan(read(1)[idx('HAPPY')]!)
  })

  it('refuses a damaged adapter', () => {
    const { adapter } = trainAdapter([example('멘탈 바사삭', 'HAPPY', 'SAD')])
    expect(isTextAdapterWeights(adapter)).toBe(true)
    expect(isTextAdapterWeights({ ...adapter, weights: adapter.weights.slice(1) })).toBe(false)
    expect(isTextAdapterWeights({ ...adapter, bias: [0, 0] })).toBe(false)
    expect(isTextAdapterWeights({ ...adapter, buckets: [...adapter.buckets].reverse() })).toBe(adapter.buckets.length < 2)
    expect(isTextAdapterWeights({ ...adapter, weights: adapter.weights.map(() => Number.NaN) })).toBe(false)
    expect(isTextAdapterWeights({ ...adapter, format: 'other' })).toBe(false)
  })
})
