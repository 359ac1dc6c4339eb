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

/**
 * The page's view of the bridged API: the same object shape, with every rejection unpacked back
 * into a typed HaruApiError. Harmless over the harness, whose errors are typed already.
 */
export function decodeBridgeErrors(api: HaruApi): HaruApi {
  const out: Record<string, Record<string, unknown>> = {}
  for (const [domain, verbs] of Object.entries(api as unknown as Record<string, Record<string, (input?: unknown) => Promise<unknown>>>)) {
    out[domain] = {}
    for (const [verb, call] of Object.entries(verbs)) {
      out[domain][verb] = (input?: unknown) =>
        call(input).catch((err: unknown) => {
          throw fromBridgeError(err)
        })
    }
  }
  return out as unknown as HaruApi
}
