import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DownloadError, downloadFile, type DownloadProgress } from '../../../src/main/models/download'
import { TestFileServer } from './helpers/file-server'

const SIZE = 1_500_000
let tmp: string
let server: TestFileServer
let url: string
let body: Buffer
let sha: string

/** Deterministic bytes (xorshift), so a wrong offset after a resume cannot go unnoticed. */
function pseudoRandom(n: number): Buffer {
  const out = Buffer.alloc(n)
  let x = 0x9e3779b9
  for (let i = 0; i < n; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out[i] = x & 0xff
  }
  return out
}

beforeEach(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'haru-download-'))
  body = pseudoRandom(SIZE)
  sha = createHash('sha256').update(body).digest('hex')
  writeFileSync(join(tmp, 'model.bin'), body)
  server = new TestFileServer(tmp)
  url = `${await server.start()}/model.bin`
})
afterEach(async () => {
  await server.close()
  rmSync(tmp, { recursive: true, force: true })
})

async function failure(promise: Promise<unknown>): Promise<DownloadError> {
  try {
    await promise
  } catch (e) {
    if (e instanceof DownloadError) return e
    throw e
  }
  throw new Error('expected the download to fail')
}

const dest = () => join(tmp, 'out', 'model.bin')
const sameAsServed = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex') === sha

describe('downloadFile', () => {
  it('downloads a whole file, verifies its SHA-256 and reports progress up to the total', async () => {
    const progress: DownloadProgress[] = []
    const result = await downloadFile(url, dest(), { expectedSha256: sha, onProgress: (p) => progress.push(p) })
    expect(result).toEqual({ path: dest(), bytes: SIZE, sha256: sha, resumed: false, skipped: false })
    expect(sameAsServed(dest())).toBe(true)
    expect(existsSync(`${dest()}.part`)).toBe(false)
    expect(progress[0]).toEqual({ bytes: 0, total: SIZE })
    expect(progress.at(-1)).toEqual({ bytes: SIZE, total: SIZE })
    expect(progress.every((p, i) => i === 0 || p.bytes >= progress[i - 1]!.bytes)).toBe(true)
    expect(server.requests).toHaveLength(1)
  })

  it('keeps the partial file when the connection is cut, and resumes it with a Range request', async () => {
    server.cutOnce.set('/model.bin', 400_000)
    const err = await failure(downloadFile(url, dest(), { expectedSha256: sha, retries: 0 }))
    expect(err.code).toBe('network')
    expect(existsSync(dest())).toBe(false)
    const kept = statSync(`${dest()}.part`).size
    expect(kept).toBeGreaterThan(0)
    expect(kept).toBeLessThanOrEqual(400_000)

    const result = await downloadFile(url, dest(), { expectedSha256: sha })
    expect(result.resumed).toBe(true)
    expect(server.requests.map((r) => [r.range, r.status])).toEqual([
      [undefined, 200],
      [`bytes=${kept}-`, 206]
    ])
    expect(sameAsServed(dest())).toBe(true)
  })

  it('retries by itself after a dropped connection (default retries)', async () => {
    server.cutOnce.set('/model.bin', 250_000)
    const result = await downloadFile(url, dest(), { expectedSha256: sha })
    expect(result).toMatchObject({ bytes: SIZE, resumed: true })
    expect(server.requests).toHaveLength(2)
    expect(server.requests[1]!.range).toMatch(/^bytes=\d+-$/)
    expect(sameAsServed(dest())).toBe(true)
  })

  it('starts over when the server ignores Range, still ending byte-identical', async () => {
    server.supportsRange = false
    server.cutOnce.set('/model.bin', 300_000)
    const result = await downloadFile(url, dest(), { expectedSha256: sha })
    expect(result.resumed).toBe(false)
    expect(server.requests.map((r) => r.status)).toEqual([200, 200])
    expect(server.requests[1]!.range).toBeDefined() // asked, but got the whole file
    expect(sameAsServed(dest())).toBe(true)
  })

  it('treats a complete .part (crash before the rename) as done when the server answers 416', async () => {
    await downloadFile(url, dest())
    rmSync(dest())
    writeFileSync(`${dest()}.part`, body)
    const result = await downloadFile(url, dest(), { expectedSha256: sha })
    expect(result.resumed).toBe(true)
    expect(server.requests.at(-1)).toMatchObject({ range: `bytes=${SIZE}-`, status: 416 })
    expect(sameAsServed(dest())).toBe(true)
  })

  it('deletes the download and leaves no final file when the checksum does not match', async () => {
    const wrong = createHash('sha256').update('other').digest('hex')
    const err = await failure(downloadFile(url, dest(), { expectedSha256: wrong }))
    expect(err.code).toBe('checksum')
    expect(err.message).toContain(`SHA-256 is ${sha}, expected ${wrong}`)
    expect(existsSync(dest())).toBe(false)
    expect(existsSync(`${dest()}.part`)).toBe(false)
  })

  it('cancels mid-file via AbortSignal, keeping the part for a later resume', async () => {
    server.stallAfter.set('/model.bin', 200_000)
    const controller = new AbortController()
    const err = await failure(
      downloadFile(url, dest(), {
        signal: controller.signal,
        onProgress: (p) => p.bytes >= 200_000 && controller.abort()
      })
    )
    expect(err.code).toBe('cancelled')
    expect(existsSync(dest())).toBe(false)
    expect(statSync(`${dest()}.part`).size).toBe(200_000)

    server.stallAfter.clear()
    const result = await downloadFile(url, dest(), { expectedSha256: sha })
    expect(result.resumed).toBe(true)
    expect(server.requests.at(-1)!.range).toBe('bytes=200000-')
    expect(sameAsServed(dest())).toBe(true)
  })

  it('refuses to start with an already-aborted signal', async () => {
    const err = await failure(downloadFile(url, dest(), { signal: AbortSignal.abort() }))
    expect(err.code).toBe('cancelled')
    expect(server.requests).toHaveLength(0)
  })

  it('gives up on a stalled response after stallTimeoutMs', async () => {
    server.stallAfter.set('/model.bin', 1000)
    const err = await failure(downloadFile(url, dest(), { stallTimeoutMs: 300, retries: 0 }))
    expect(err.code).toBe('network')
    expect(err.message).toContain('no data for 300 ms')
  })

  it('reports HTTP errors with their status, retrying only server errors', async () => {
    const missing = await failure(downloadFile(`${server.baseUrl}/absent.bin`, dest()))
    expect(missing).toMatchObject({ code: 'http-status', status: 404 })
    expect(server.requests).toHaveLength(1)
    server.failWith.set('/model.bin', 503)
    const busy = await failure(downloadFile(url, dest(), { retries: 1 }))
    expect(busy).toMatchObject({ code: 'http-status', status: 503 })
    expect(server.requests).toHaveLength(3)
  })

  it('reports an unreachable server as a network error', async () => {
    const deadUrl = url
    await server.close()
    const err = await failure(downloadFile(deadUrl, dest(), { retries: 0 }))
    expect(err.code).toBe('network')
  })

  it('reports an unwritable destination as a disk error', async () => {
    writeFileSync(join(tmp, 'blocker'), 'a file where a folder should be')
    const err = await failure(downloadFile(url, join(tmp, 'blocker', 'model.bin')))
    expect(err.code).toBe('disk')
  })

  it('skips the request when the final file already has the expected hash', async () => {
    await downloadFile(url, dest(), { expectedSha256: sha })
    const again = await downloadFile(url, dest(), { expectedSha256: sha })
    expect(again.skipped).toBe(true)
    expect(server.requests).toHaveLength(1)
  })
})
