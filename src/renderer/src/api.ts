import { decodeBridgeErrors } from '../../shared/api/bridge-errors'
import type { HaruApi } from '../../shared/api/contract'
import type { ApiErrorCode } from '../../shared/api/errors'

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

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
