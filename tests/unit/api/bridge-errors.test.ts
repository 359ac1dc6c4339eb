import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { decodeBridgeErrors, fromBridgeError, mapApiCalls, toBridgeError } from '../../../src/shared/api/bridge-errors'
import { createHaruApi } from '../../../src/shared/api/client'
import type { HaruApi } from '../../../src/shared/api/contract'
import { HaruApiError } from '../../../src/shared/api/errors'
import { openHaruService, type HaruService } from '../../../src/main/api/service'
import { makeTempDir } from '../../helpers/temp-dir'

let tmp: ReturnType<typeof makeTempDir>
let service: HaruService
beforeEach(() => {
  tmp = makeTempDir()
  service = openHaruService({ dataDir: tmp.dir, appVersion: '0.0.0-test', transport: 'electron' })
})
afterEach(() => {
  service.close()
  tmp.cleanup()
})

/** What contextBridge does to a rejected promise: a new Error in the page's world with the message only. */
const acrossContextBridge = (api: HaruApi): HaruApi =>
  mapApiCalls(api, (call) => (input) =>
    call(input).catch((err: Error) => {
      throw new Error(err.message)
    })
  )

describe('typed errors across the Electron context bridge', () => {
  it('reach the page with their code and issues, as the preload packs and the page unpacks them', async () => {
    const preload = createHaruApi((channel, input) => service.dispatch(channel, input), toBridgeError)
    const page = decodeBridgeErrors(acrossContextBridge(preload))
    const err = await page.profiles.create({ name: '' }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(HaruApiError)
    expect((err as HaruApiError).code).toBe('invalid-input')
    expect((err as HaruApiError).issues?.[0]?.path).toBe('name')
    expect((err as HaruApiError).message).not.toContain('HARU_API_ERROR')

    const missing = await page.entries.get({ id: 999 }).catch((e: unknown) => e)
    expect((missing as HaruApiError).code).toBe('not-found')
    // Successful calls are untouched.
    expect((await page.profiles.create({ name: '지민' })).name).toBe('지민')
  })

  it('are lost without the packing (why it exists)', async () => {
    const plain = acrossContextBridge(createHaruApi((channel, input) => service.dispatch(channel, input)))
    const err = await plain.profiles.create({ name: '' }).catch((e: unknown) => e)
    expect((err as { code?: string }).code).toBeUndefined()
  })

  it('leaves errors that are not packed as they are', () => {
    const typed = new HaruApiError('conflict', 'x')
    expect(fromBridgeError(typed)).toBe(typed)
    const other = new Error('Error invoking remote method: HARU_API_ERROR:{not json')
    expect(fromBridgeError(other)).toBe(other)
    const prefixed = new Error(`Error invoking remote method 'x': ${toBridgeError({ code: 'storage-full', message: 'full' }).message}`)
    expect((fromBridgeError(prefixed) as HaruApiError).code).toBe('storage-full')
  })
})
