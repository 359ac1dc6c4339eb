import type { HaruApi } from './contract'
import { HaruApiError, isApiErrorData, type ApiErrorData } from './errors'

/**
 * Electron's contextBridge rebuilds a rejected Error from its message alone (electron/electron#28346),
 * so a typed error would reach the page as a bare Error without `code` or `issues`. The preload packs
 * the error's data into the message and the page unpacks it (`fromBridgeError`).
 */
const BRIDGE_PREFIX = 'HARU_API_ERROR:'

export function toBridgeError(data: ApiErrorData): Error {
  return new Error(BRIDGE_PREFIX + JSON.stringify(data))
}

/** The typed error a bridged rejection carried; anything else comes back unchanged. */
export function fromBridgeError(err: unknown): unknown {
  const message = (err as { message?: unknown })?.message
  if (typeof message !== 'string') return err
  const at = message.indexOf(BRIDGE_PREFIX)
  if (at < 0) return err
  try {
    const data: unknown = JSON.parse(message.slice(at + BRIDGE_PREFIX.length))
    return isApiErrorData(data) ? HaruApiError.fromData(data) : err
  } catch {
    return err
  }
}

type ApiCall = (input?: unknown) => Promise<unknown>

/** The same API object shape with every method passed through `wrap`. */
export function mapApiCalls(api: HaruApi, wrap: (call: ApiCall) => ApiCall): HaruApi {
  const out: Record<string, Record<string, ApiCall>> = {}
  for (const [domain, verbs] of Object.entries(api as unknown as Record<string, Record<string, ApiCall>>)) {
    out[domain] = {}
    for (const [verb, call] of Object.entries(verbs)) out[domain][verb] = wrap(call)
  }
  return out as unknown as HaruApi
}

/**
 * The page's view of the bridged API: the same object shape, with every rejection unpacked back
 * into a typed HaruApiError. Harmless over the harness, whose errors are typed already.
 */
export function decodeBridgeErrors(api: HaruApi): HaruApi {
  return mapApiCalls(api, (call) => (input) =>
    call(input).catch((err: unknown) => {
      throw fromBridgeError(err)
    })
  )
}
