import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { HaruApiError } from '../shared/api/errors'
import { openHaruService, type HaruService } from '../main/api/service'
import { packageVersion } from '../main/app-version'
import { CONTENT_SECURITY_POLICY } from '../main/csp'

/**
 * Development and test harness: serves the built renderer to an ordinary browser and carries the
 * very same API (the same handler maps and dispatcher as Electron's IPC) over HTTP. Loopback only,
 * random port, random session token. Never part of the packaged app.
 */

const MAX_BODY_BYTES = 16 * 1024 * 1024
const COOKIE = 'haru_session'
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2'
}

export interface WebHarness {
  url: string
  /** URL that logs a browser in (sets the session cookie) and lands on the app. */
  loginUrl: string
  token: string
  service: HaruService
  close(): Promise<void>
}

export interface WebHarnessOptions {
  dataDir: string
  rendererDir?: string
  shimFile?: string
  port?: number
  /** Analyse past records in the background, as the app does (default true). */
  backgroundAnalysis?: boolean
  /** What one auto-lock "minute" lasts (e2e tests shorten it). */
  autoLockUnitMs?: number
  /** Warm start (as the desktop app does after its window shows) once the server listens; default off. */
  warmStart?: boolean
}

export async function startWebHarness(opts: WebHarnessOptions): Promise<WebHarness> {
  const repo = resolve(new URL('../..', import.meta.url).pathname)
  const rendererDir = opts.rendererDir ?? join(repo, 'out', 'renderer')
  const shimFile = opts.shimFile ?? join(repo, 'out', 'web', 'shim.js')
  const token = randomBytes(24).toString('hex')
  const service = openHaruService({ dataDir: opts.dataDir, appVersion: packageVersion(), transport: 'web', backgroundAnalysis: opts.backgroundAnalysis ?? true, autoLockUnitMs: opts.autoLockUnitMs })
  const [indexHtml, shimJs] = await Promise.all([readFile(join(rendererDir, 'index.html'), 'utf8'), readFile(shimFile)]).catch(
    (err: Error) => {
      service.close()
      throw new Error(`the renderer is not built (${err.message}); run \`npm run build\` first`)
    }
  )
  // The shim must run before the app's module script, so it goes first in <head>.
  const page = indexHtml.replace('<head>', '<head>\n    <script src="/__haru/shim.js"></script>')

  let origin = ''
  const server = createServer((req, res) => {
    void handle(req, res).catch((err) => {
      console.error('[haru web] request failed', err)
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'internal error')
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // A DNS-rebinding page would arrive with a foreign Host header.
    if (req.headers.host !== new URL(origin).host) return send(res, 421, 'text/plain; charset=utf-8', 'wrong host')
    const url = new URL(req.url ?? '/', origin)

    if (url.pathname === '/' && url.searchParams.has('token')) {
      if (!sameSecret(url.searchParams.get('token') ?? '', token)) return send(res, 403, 'text/plain; charset=utf-8', 'bad token')
      res.writeHead(303, { location: '/', 'set-cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/` })
      return void res.end()
    }
    if (!sameSecret(readCookie(req, COOKIE), token)) return send(res, 401, 'text/plain; charset=utf-8', 'open the URL with ?token= printed by `npm run web`')

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST' || req.headers['x-haru-harness'] !== '1') return send(res, 405, 'text/plain; charset=utf-8', 'POST only')
      // Browsers send Origin with every POST: only the harness's own page may call the API.
      if (req.headers.origin !== origin) return send(res, 403, 'text/plain; charset=utf-8', 'wrong origin')
      const channel = decodePath(url.pathname.slice('/api/'.length))
      if (channel === null) return send(res, 400, 'text/plain; charset=utf-8', 'malformed %-encoding')
      const body = await readBody(req)
      const result =
        body === null
          ? { ok: false as const, error: new HaruApiError('invalid-input', `request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB`).toData() }
          : await service.dispatch(channel, parseJson(body))
      return send(res, 200, MIME['.json']!, JSON.stringify(result))
    }
    if (url.pathname === '/__haru/shim.js') return send(res, 200, MIME['.js']!, shimJs)
    if (url.pathname === '/' || url.pathname === '/index.html') return send(res, 200, MIME['.html']!, page)
    return serveStatic(url.pathname, res)
  }

  async function serveStatic(pathname: string, res: ServerResponse): Promise<void> {
    const decoded = decodePath(pathname)
    if (decoded === null) return send(res, 400, 'text/plain; charset=utf-8', 'malformed %-encoding')
    const file = normalize(join(rendererDir, decoded))
    if (!file.startsWith(rendererDir + sep)) return send(res, 404, 'text/plain; charset=utf-8', 'not found')
    try {
      send(res, 200, MIME[extname(file)] ?? 'application/octet-stream', await readFile(file))
    } catch {
      send(res, 404, 'text/plain; charset=utf-8', 'not found')
    }
  }

  await new Promise<void>((ok) => server.listen(opts.port ?? 0, '127.0.0.1', ok))
  if (opts.warmStart) void service.warmUp().catch((err: Error) => console.warn(`[haru web] warm start: ${err.message}`))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: origin,
    loginUrl: `${origin}/?token=${token}`,
    token,
    service,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>((ok) => server.close(() => ok()))
      service.close()
    }
  }
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'content-type': type,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer'
  })
  res.end(body)
}

/** decodeURIComponent without the throw: malformed %-encoding is the client's error (400), not ours. */
function decodePath(path: string): string | null {
  try {
    return decodeURIComponent(path)
  } catch {
    return null
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

function readCookie(req: IncomingMessage, name: string): string {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=')
    if (k === name) return v.join('=')
  }
  return ''
}

/** Resolves with the body, or null once it passes the size cap (the rest is drained, not kept). */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_BODY_BYTES) chunks.push(chunk)
    })
    req.on('end', () => ok(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')))
    req.on('error', fail)
  })
}

/** Malformed JSON becomes a value the contract rejects, so it gets the same typed error as any bad payload. */
function parseJson(body: string): unknown {
  try {
    return JSON.parse(body)
  } catch {
    return Symbol('malformed JSON')
  }
}
