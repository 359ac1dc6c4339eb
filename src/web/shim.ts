import { createHaruApi } from '../shared/api/client'
import { HaruApiError, type ApiResult } from '../shared/api/errors'

/**
 * Browser-harness stand-in for the Electron preload: the same `window.haru` object, carried over
 * HTTP to the harness server instead of IPC. The session cookie set by `/?token=…` authenticates;
 * the custom header makes every call a non-simple request that another origin cannot forge.
 */
async function httpTransport(channel: string, input: unknown): Promise<ApiResult<unknown>> {
  let response: Response
  try {
    response = await fetch(`/api/${channel}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-haru-harness': '1' },
      body: JSON.stringify(input)
    })
  } catch {
    return { ok: false, error: HaruApiError.because('unavailable', 'the Haru service is not reachable', 'service-unreachable').toData() }
  }
  try {
    return (await response.json()) as ApiResult<unknown>
  } catch {
    return { ok: false, error: new HaruApiError('unavailable', `the Haru service answered HTTP ${response.status}`).toData() }
  }
}

window.haru = createHaruApi(httpTransport)
