import { describe, expect, it } from 'vitest'
import { ASR_MODELS } from '../../../src/shared/asr'
import { en, ko } from '../../../src/renderer/src/i18n/messages'

/** Issue 11 item 12: the English UI showed "Whisper base (다국어, 빠름)" and Korean jargon without a plain word. */
const HANGUL = /[\u3131-\u318e\uac00-\ud7a3]/
/** English strings that may hold Korean: the switch to Korean, and example search words (the diary itself is Korean). */
const MAY_HOLD_KOREAN = new Set(['nav.language', 'search.placeholder'])

describe('English and Korean strings', () => {
  it('has no Korean in any English string', () => {
    const korean = Object.entries(en).filter(([k, v]) => !MAY_HOLD_KOREAN.has(k) && HANGUL.test(v))
    expect(korean).toEqual([])
  })

  it('names every transcription model in both languages (never the shipped Korean name in English)', () => {
    for (const m of ASR_MODELS) {
      const key = `settings.asrModel.${m.id}`
      expect((ko as Record<string, string>)[key], key).toBeTruthy()
      expect((en as Record<string, string>)[key], key).toBeTruthy()
      expect(HANGUL.test((en as Record<string, string>)[key]!)).toBe(false)
    }
  })

  it('explains the calibration chart in plain words, not bare jargon', () => {
    expect(ko['voice.chart.caption']).not.toMatch(/계수\(0–12\)/)
    expect((ko as Record<string, string>)['voice.chart.explain']).toMatch(/목소리/)
    expect((en as Record<string, string>)['voice.chart.explain']).toMatch(/voice/)
  })
})
