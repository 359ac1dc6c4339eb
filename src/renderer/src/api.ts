import { decodeBridgeErrors } from '../../shared/api/bridge-errors'
import type { HaruApi } from '../../shared/api/contract'
import { API_ERROR_CODES, type ApiErrorCode } from '../../shared/api/errors'
import { en, ko } from './i18n/messages'

declare global {
  interface Window {
    /** Exposed by the Electron preload, or by the browser harness shim; same object either way. */
    haru: HaruApi
  }
}

let decoded: { from: HaruApi; api: HaruApi } | null = null

export function haruApi(): HaruApi {
  if (!window.haru) throw new Error('Haru API is missing: the page was opened outside the app')
  if (decoded?.from !== window.haru) decoded = { from: window.haru, api: decodeBridgeErrors(window.haru) }
  return decoded.api
}

export function errorCode(err: unknown): ApiErrorCode | 'unknown' {
  const code = (err as { code?: unknown })?.code
  return typeof code === 'string' ? (code as ApiErrorCode) : 'unknown'
}

/**
 * What to tell the user: a sentence in the UI's language chosen by the error's code, then the
 * service's own (English, specific) detail in parentheses. Plain errors keep their message.
 */
export function errorMessage(err: unknown): string {
  const detail = err instanceof Error ? err.message : String(err)
  const code = errorCode(err)
  if (!(API_ERROR_CODES as readonly string[]).includes(code)) return detail
  const dictionary = document.documentElement.lang === 'en' ? en : ko
  return `${dictionary[`apiError.${code as ApiErrorCode}`]} (${detail})`
}
