/**
 * Item 10 of issue 13, the browser harness: malformed %-encoding is a 400 (it was a 500 from an
 * uncaught URIError) and an API call must come from the harness's own origin (Origin was not
 * checked: the session cookie alone authorised a call). A real HTTP server on 127.0.0.1.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startWebHarness, type WebHarness } from '../../../src/web/server'
import { makeTempDir } from '../../helpers/temp-dir'

let tmp: ReturnType<typeof makeTempDir>
let harness: WebHarness
beforeEach(async () => {
  tmp = makeTempDir()
  const renderer = join(tmp.dir, 'renderer')
  mkdirSync(join(renderer, 'assets'), { recursive: true })
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><html><head></head><body>하루</body></html>')
  writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)')
  writeFileSync(join(tmp.dir, 'shim.js'), '/* shim */')
  harness = await startWebHarness({ dataDir: join(tmp.dir, 'data'), rendererDir: renderer, shimFile: join(tmp.dir, 'shim.js') })
})
afterEach(async () => {
  await harness.close()
  tmp.cleanup()
})

/** A raw request (fetch would normalise the path and refuse to send some headers). */
function send(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; body: string }> {
  const url = new URL(harness.url)
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers: { cookie: `haru_session=${harness.token}`, ...headers } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

const api = (channel: string, headers: Record<string, string>) =>
  send('POST', `/api/${channel}`, { 'x-haru-harness': '1', 'content-type': 'application/json', ...headers }, '{}')

describe('the browser harness', () => {
  it('answers malformed %-encoding with 400, on pages and on the API', async () => {
    expect((await send('GET', '/assets/%E0%A4%A.js')).status).toBe(400)
    expect((await api('%ZZprofiles-list', { origin: harness.url })).status).toBe(400)
    // Well-formed requests still work.
    expect((await send('GET', '/assets/app.js')).status).toBe(200)
  })

  it('serves the API only to its own origin', async () => {
    const own = await api('profiles-list', { origin: harness.url })
    expect(own.status).toBe(200)
    expect(JSON.parse(own.body)).toEqual({ ok: true, data: [] })
    expect((await api('profiles-list', { origin: 'http://evil.example' })).status).toBe(403)
    expect((await api('profiles-list', { origin: 'null' })).status).toBe(403)
    expect((await api('profiles-list', {})).status).toBe(403)
  })
})
