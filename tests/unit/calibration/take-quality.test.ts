import { describe, expect, it } from 'vitest'
import { analyzeTake } from '../../../src/shared/calibration/analyze-take'
import { TAKE_RULES } from '../../../src/shared/calibration/rules'
import { takeProblems, type TakeMetrics } from '../../../src/shared/calibration/take-quality'
import { addNoise, overdrive, silence, syntheticVoice, tone } from './signals'

describe('calibration take checks on generated audio', () => {
  it('accepts a calm 4 s voice and measures it', () => {
    const take = analyzeTake(syntheticVoice({ seconds: 4, seed: 1, levelDb: -20, noiseDb: -70 }))
    expect(take.problems).toEqual([])
    expect(take.accepted).toBe(true)
    expect(take.metrics.durationSec).toBe(4)
    // 0.3 s lead-in and short gaps between syllables are not voiced.
    expect(take.metrics.voicedSec).toBeGreaterThan(2.5)
    expect(take.metrics.voicedSec).toBeLessThan(3.8)
    expect(take.metrics.noiseFloorDb).toBeCloseTo(-70, 0)
    expect(take.metrics.speechLevelDb!).toBeGreaterThan(-23)
    expect(take.metrics.speechLevelDb!).toBeLessThan(-17)
    expect(take.metrics.clippedFraction).toBe(0)
    // The statistics cover exactly the voiced frames: one per 512-sample hop.
    expect(take.stats.frames).toBe(Math.round((take.metrics.voicedSec * 16000) / 512))
    expect(take.stats.mean).toHaveLength(13)
  })

  it('calls digital silence silent, and nothing else', () => {
    const take = analyzeTake(silence(4))
    expect(take).toMatchObject({ accepted: false, problems: ['silent'] })
    expect(take.metrics.voicedSec).toBe(0)
    expect(take.stats.frames).toBe(0)
  })

  it('calls a microphone that only hears faint hiss silent', () => {
    expect(analyzeTake(addNoise(silence(4), -65)).problems).toEqual(['silent'])
  })

  it('refuses speech too quiet to describe a voice', () => {
    const take = analyzeTake(syntheticVoice({ seconds: 4, seed: 2, levelDb: -49, noiseDb: -90 }))
    expect(take.problems[0]).toBe('too-quiet')
    expect(take.metrics.speechLevelDb!).toBeLessThan(TAKE_RULES.minSpeechLevelDb)
  })

  it('refuses speech buried in room noise', () => {
    const take = analyzeTake(syntheticVoice({ seconds: 4, seed: 3, levelDb: -30, noiseDb: -37 }))
    expect(take.problems).toContain('noisy')
    expect(take.metrics.snrDb!).toBeLessThan(TAKE_RULES.minSnrDb)
    // White noise alone has speech-like energy everywhere and no quiet moment at all.
    expect(analyzeTake(addNoise(silence(3), -30)).problems).toEqual(['noisy'])
  })

  it('refuses an overdriven (clipped) take but tolerates a few full-scale peaks', () => {
    const clipped = analyzeTake(overdrive(syntheticVoice({ seconds: 4, seed: 4 }), 24))
    expect(clipped.problems).toEqual(['clipped'])
    expect(clipped.metrics.clippedFraction).toBeGreaterThan(0.05)
    const voice = syntheticVoice({ seconds: 4, seed: 4 })
    for (let i = 0; i < 30; i++) voice[20_000 + i * 1000] = 1
    const fewPeaks = analyzeTake(voice)
    expect(fewPeaks.metrics.clippedFraction).toBeCloseTo(30 / 64_000, 6)
    expect(fewPeaks.accepted).toBe(true)
  })

  it('refuses a take with less than 1.5 s of voiced speech', () => {
    const short = analyzeTake(syntheticVoice({ seconds: 1.4, seed: 5 }))
    expect(short.problems).toEqual(['too-short'])
    expect(short.metrics.voicedSec).toBeLessThan(1.5)
    // Long silence does not make up for it: what counts is voiced time.
    const padded = new Float32Array(16000 * 6)
    padded.set(syntheticVoice({ seconds: 1.4, seed: 5 }), 16000)
    expect(analyzeTake(padded).problems).toEqual(['too-short'])
  })

  it('lists every broken rule, the first being the one to explain', () => {
    const m: TakeMetrics = { durationSec: 1, voicedSec: 0.8, peakFrameDb: -3, noiseFloorDb: -60, speechLevelDb: -10, snrDb: 50, clippedFraction: 0.02 }
    expect(takeProblems(m)).toEqual(['clipped', 'too-short'])
    expect(takeProblems({ ...m, speechLevelDb: -48, snrDb: 12 })).toEqual(['too-quiet', 'clipped', 'too-short'])
    expect(takeProblems({ ...m, voicedSec: 0 })).toEqual(['silent'])
  })

  it('a steady tone passes no take as "voice" over its own level: it has no quiet moment', () => {
    expect(analyzeTake(tone(4, 220, -20)).problems).toEqual(['noisy'])
  })
})
