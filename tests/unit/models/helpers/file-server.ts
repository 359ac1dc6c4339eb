import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'

/**
 * A real HTTP server on 127.0.0.1 (random port) serving files from a folder, with switches to
 * misbehave the way networks do: cut the connection mid-file, stall, refuse Range, fail.
 */
export class TestFileServer {
  readonly requests: { path: string; range: string | undefined; status: number }[] = []
  /** path → cut the connection after this many body bytes, on the next response only. */
  readonly cutOnce = new Map<string, number>()
  /** path → send this many body bytes, then go silent (until the server closes). */
  readonly stallAfter = new Map<string, number>()
  /** path → answer with this status instead of the file. */
  readonly failWith = new Map<string, number>()
  /** path → extra response headers (e.g. the hub's x-linked-etag holding a file's SHA-256). */
  readonly extraHeaders = new Map<string, Record<string, string>>()
  supportsRange = true
  private server: Server | undefined

  constructor(private readonly root: string) {}

  get baseUrl(): string {
    const { port } = this.server!.address() as AddressInfo
    return `http://127.0.0.1:${port}`
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res))
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    return this.baseUrl
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections()
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve())
  }

  private reply(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string | number>): void {
    this.requests.push({ path: req.url ?? '', range: req.headers.range, status })
    const extra = this.extraHeaders.get(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)) ?? {}
    res.writeHead(status, { ...headers, ...extra })
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    const status = this.failWith.get(path)
    if (status) {
      this.reply(req, res, status, { 'content-type': 'text/plain' })
      res.end('nope')
      return
    }
    let body: Buffer
    try {
      body = readFileSync(join(this.root, path))
    } catch {
      this.reply(req, res, 404, {})
      res.end()
      return
    }
    let start = 0
    const range = this.supportsRange ? /^bytes=(\d+)-$/.exec(req.headers.range ?? '') : null
    if (range) {
      start = Number(range[1])
      if (start >= body.length) {
        this.reply(req, res, 416, { 'content-range': `bytes */${body.length}` })
        res.end()
        return
      }
      this.reply(req, res, 206, {
        'content-range': `bytes ${start}-${body.length - 1}/${body.length}`,
        'content-length': body.length - start,
        'accept-ranges': 'bytes'
      })
    } else {
      this.reply(req, res, 200, { 'content-length': body.length, 'accept-ranges': this.supportsRange ? 'bytes' : 'none' })
    }
    const rest = body.subarray(start)
    // A HEAD response has no body to cut or stall.
    if (req.method === 'HEAD') return void res.end()
    const cut = this.cutOnce.get(path)
    if (cut !== undefined) {
      this.cutOnce.delete(path)
      res.write(rest.subarray(0, cut), () => setTimeout(() => res.socket?.destroy(), 20))
      return
    }
    const stall = this.stallAfter.get(path)
    if (stall !== undefined) {
      res.write(rest.subarray(0, stall)) // and never end: the client must time out or cancel
      return
    }
    res.end(rest)
  }
}
