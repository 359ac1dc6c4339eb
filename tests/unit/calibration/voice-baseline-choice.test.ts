import { describe, expect, it } from 'vitest'
import { computeMfcc, frameEnergyDb, voicedFrameMask } from '../../../src/shared/audio'
import { AUTO_BASELINE_RULES, emptyMemoVoiceStats, memoVoiceStats, poolMemoVoiceStats, robustBaseline, voicedSecondsOf } from '../../../src/shared/calibration/auto-baseline'
import { AUTO_BASELINE_FALLBACK, AUTO_BASELINE_INCLUDES_THIS_MEMO, chooseVoiceBaseline } from '../../../src/shared/calibration/voice-baseline-choice'
import { syntheticVoice } from './signals'

const statsOf = (seconds: number, seed: number) => {
  const x = syntheticVoice({ seconds, seed })
  return memoVoiceStats(computeMfcc(x, 16000), voicedFrameMask(frameEnergyDb(x, 16000)))
}

describe('choosing the baseline of a voice analysis', () => {
  const genderDefault = { mean: new Array(13).fill(-150), std: new Array(13).fill(40) }
  const calibrated = { mean: new Array(13).fill(-100), std: new Array(13).fill(30) }
  const min = AUTO_BASELINE_RULES.minVoicedSec
  const plenty = poolMemoVoiceStats([1, 2, 3, 4].map((s) => statsOf(min / 2 + 1, s)))
  const memo = statsOf(10, 9)

  it('always takes a calibrated baseline, whatever the memos hold', () => {
    const c = chooseVoiceBaseline({ calibrated, profileStats: plenty, memoStats: memo, genderDefault })
    expect(c).toMatchObject({ source: 'calibrated', vectors: calibrated, automaticVoicedSec: null })
  })

  it('takes the automatic baseline once the memos hold enough voiced speech', () => {
    expect(voicedSecondsOf(plenty)).toBeGreaterThanOrEqual(min)
    const c = chooseVoiceBaseline({ calibrated: null, profileStats: plenty, memoStats: memo, genderDefault })
    expect(c.source).toBe('automatic')
    const pooled = AUTO_BASELINE_INCLUDES_THIS_MEMO ? poolMemoVoiceStats([plenty, memo]) : plenty
    expect(c.automaticVoicedSec).toBeCloseTo(voicedSecondsOf(pooled), 9)
    c.vectors.mean.forEach((v, k) => expect(v).toBe(Math.fround(robustBaseline(pooled).mean[k]!)))
  })

  it('before that, reads the memo against itself (the measured fallback) and says how much speech there is', () => {
    const few = statsOf(min / 2, 12)
    const c = chooseVoiceBaseline({ calibrated: null, profileStats: few, memoStats: memo, genderDefault })
    expect(AUTO_BASELINE_FALLBACK).toBe('memo')
    expect(c.source).toBe('memo')
    const own = robustBaseline(memo)
    c.vectors.mean.forEach((v, k) => expect(v).toBe(Math.fround(own.mean[k]!)))
    c.vectors.std.forEach((v, k) => expect(v).toBe(Math.fround(own.std[k]!)))
    expect(c.automaticNeededSec).toBe(min)
    expect(c.automaticVoicedSec).toBeCloseTo(voicedSecondsOf(few) + (AUTO_BASELINE_INCLUDES_THIS_MEMO ? voicedSecondsOf(memo) : 0), 9)
  })

  it('falls back to the gender default when the memo itself holds no voice, or is not known', () => {
    expect(chooseVoiceBaseline({ calibrated: null, profileStats: null, memoStats: emptyMemoVoiceStats(), genderDefault })).toMatchObject({
      source: 'gender-default',
      vectors: genderDefault,
      automaticVoicedSec: 0
    })
    expect(chooseVoiceBaseline({ calibrated: null, profileStats: null, memoStats: null, genderDefault }).source).toBe('gender-default')
  })
})
