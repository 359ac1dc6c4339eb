import { decodeBridgeErrors } from '../../shared/api/bridge-errors'
import type { HaruApi } from '../../shared/api/contract'
import type { ApiErrorCode } from '../../shared/api/errors'
import { describeError } from './errors/describe-error'
import { translator } from './i18n/translate'

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
 * What to tell the user in one line where only a string fits: the sentence in the UI's language
 * chosen by the error's code or reason. Where an error is shown, prefer <ErrorNotice>, which also
 * offers the service's raw detail under "자세히".
 */
export function errorMessage(err: unknown): string {
  return describeError(err, translator(document.documentElement.lang === 'en' ? 'en' : 'ko')).headline
}
