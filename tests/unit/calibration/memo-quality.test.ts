import { describe, expect, it } from 'vitest'
import { checkMemoQuality, MEMO_QUALITY_RULES, memoQualityProblems } from '../../../src/shared/calibration/memo-quality'
import type { TakeMetrics } from '../../../src/shared/calibration/take-quality'
import { addNoise, overdrive, silence, syntheticVoice } from './signals'

describe('memo voice-quality check on generated audio', () => {
  it('passes a calm 20 s memo and measures it', () => {
    const q = checkMemoQuality(syntheticVoice({ seconds: 20, seed: 1, levelDb: -22, noiseDb: -65 }))
    expect(q).toMatchObject({ ok: true, reason: null, problems: [] })
    expect(q.metrics.voicedSec).toBeGreaterThan(12)
    expect(q.metrics.speechLevelDb!).toBeGreaterThan(-26)
    expect(q.metrics.clippedFraction).toBe(0)
  })

  it('calls digital silence and faint hiss silent', () => {
    expect(checkMemoQuality(silence(5))).toMatchObject({ ok: false, reason: 'silent', problems: ['silent'] })
    expect(checkMemoQuality(addNoise(silence(5), -65)).reason).toBe('silent')
  })

  it('flags speech too quiet to read (a microphone turned far down)', () => {
    const q = checkMemoQuality(syntheticVoice({ seconds: 10, seed: 2, levelDb: -49, noiseDb: -90 }))
    expect(q.reason).toBe('too-quiet')
    expect(q.metrics.speechLevelDb!).toBeLessThan(MEMO_QUALITY_RULES.minSpeechLevelDb)
    // Quiet but usable speech is not flagged: the automatic or calibrated baseline absorbs the level.
    expect(checkMemoQuality(syntheticVoice({ seconds: 10, seed: 2, levelDb: -38, noiseDb: -80 })).ok).toBe(true)
  })

  it('flags an overdriven (clipped) memo but not a few full-scale peaks', () => {
    const clipped = checkMemoQuality(overdrive(syntheticVoice({ seconds: 10, seed: 4 }), 24))
    expect(clipped.problems).toEqual(['clipped'])
    expect(clipped.metrics.clippedFraction).toBeGreaterThan(MEMO_QUALITY_RULES.maxClippedFraction)
    const voice = syntheticVoice({ seconds: 10, seed: 4 })
    for (let i = 0; i < 300; i++) voice[20_000 + i * 400] = 1
    const peaks = checkMemoQuality(voice)
    expect(peaks.metrics.clippedFraction).toBeCloseTo(300 / 160_000, 6)
    expect(peaks.ok).toBe(true)
  })

  it('flags too little voiced speech however long the recording', () => {
    const padded = new Float32Array(16000 * 8)
    padded.set(syntheticVoice({ seconds: 0.9, seed: 5, leadSec: 0.1 }), 16000 * 3)
    const q = checkMemoQuality(padded)
    expect(q.reason).toBe('too-little-speech')
    expect(q.metrics.voicedSec).toBeLessThan(MEMO_QUALITY_RULES.minVoicedSec)
    expect(q.metrics.voicedSec).toBeGreaterThan(0)
  })

  it('lists every problem, the most fundamental first', () => {
    const m: TakeMetrics = { durationSec: 5, voicedSec: 0.5, peakFrameDb: -3, noiseFloorDb: -60, speechLevelDb: -48, snrDb: 12, clippedFraction: 2 * MEMO_QUALITY_RULES.maxClippedFraction }
    expect(memoQualityProblems(m)).toEqual(['too-quiet', 'clipped', 'too-little-speech'])
    expect(memoQualityProblems({ ...m, peakFrameDb: -70 })).toEqual(['silent'])
    expect(memoQualityProblems({ ...m, voicedSec: 3, speechLevelDb: -20, clippedFraction: 0 })).toEqual([])
  })
})
