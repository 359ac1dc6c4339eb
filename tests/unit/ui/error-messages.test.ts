import { describe, expect, it } from 'vitest'
import { API_ERROR_CODES, API_ERROR_REASONS, HaruApiError, type ApiErrorReason } from '../../../src/shared/api/errors'
import { describeError } from '../../../src/renderer/src/errors/describe-error'
import { en, ko } from '../../../src/renderer/src/i18n/messages'
import { translator } from '../../../src/renderer/src/i18n/translate'

/**
 * Every error the API can return is told in the UI's language, specifically, with its parameters;
 * the service's own (English) detail goes to a "자세히 / Details" disclosure, never the headline.
 * Codes and reasons added later by anyone fail here until they get both messages.
 */
const dictionaries = { ko, en } as const
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
const HANGUL = /[\u3131-\u318e\uac00-\ud7a3]/

describe('API error messages', () => {
  it('has a message for every error code in both locales', () => {
    for (const code of API_ERROR_CODES) {
      for (const [locale, dict] of Object.entries(dictionaries)) {
        const message = (dict as Record<string, string>)[`apiError.${code}`]
        expect(message, `apiError.${code} in ${locale}`).toBeTruthy()
      }
      expect(HANGUL.test((en as Record<string, string>)[`apiError.${code}`]!), `English apiError.${code} has Korean`).toBe(false)
    }
  })

  it('has a message for every reason, with the same parameters the reason carries, in both locales', () => {
    for (const [reason, params] of Object.entries(API_ERROR_REASONS) as [ApiErrorReason, readonly string[]][]) {
      for (const [locale, dict] of Object.entries(dictionaries)) {
        const message = (dict as Record<string, string>)[`apiError.reason.${reason}`]
        expect(message, `apiError.reason.${reason} in ${locale}`).toBeTruthy()
        expect(placeholders(message!), `apiError.reason.${reason} in ${locale}`).toEqual([...params].sort())
      }
    }
  })

  it('puts the code message first in the UI language and the raw detail in the disclosure', () => {
    for (const locale of ['ko', 'en'] as const) {
      const t = translator(locale)
      for (const code of API_ERROR_CODES) {
        const view = describeError(new HaruApiError(code, 'raw english detail from the service'), t)
        expect(view.code).toBe(code)
        expect(view.headline).toBe(t(`apiError.${code}`))
        expect(view.headline).not.toContain('raw english detail')
        expect(view.detail).toContain('raw english detail from the service')
      }
    }
  })

  it('names the thing in a specific message (a profile that exists, a missing transcription model)', () => {
    const ko_ = translator('ko')
    const en_ = translator('en')
    const exists = HaruApiError.because('conflict', 'a profile named "지민" already exists', 'profile-exists', { name: '지민' })
    expect(describeError(exists, ko_).headline).toContain('지민')
    expect(describeError(exists, ko_).headline).not.toMatch(/already exists/)
    expect(describeError(exists, en_).headline).toMatch(/"지민".*already/)
    const noModel = HaruApiError.because('unavailable', 'no transcription model yet', 'no-transcription-model')
    expect(describeError(noModel, ko_).headline).toMatch(/받아쓰기 모델/)
    expect(describeError(noModel, ko_).headline).not.toBe(ko_('apiError.unavailable'))
    // A reason survives the wire (plain data) and the Electron bridge's message packing.
    expect(HaruApiError.fromData(exists.toData())).toMatchObject({ reason: 'profile-exists', params: { name: '지민' } })
  })

  it('tells a plain (non-API) failure generically, keeping its message as the detail', () => {
    const view = describeError(new TypeError('Failed to fetch'), translator('ko'))
    expect(view.code).toBe('unknown')
    expect(view.headline).toBe(translator('ko')('apiError.unknown'))
    expect(view.detail).toBe('Failed to fetch')
  })
})
