import { mkdir, open, rename, rm, stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import { sha256File } from './sha256'

/**
 * HTTP(S) downloads of model files: bytes land in `<file>.part` (kept on failure or cancel so
 * the next attempt resumes with a Range request), are verified against an optional SHA-256 and
 * only then renamed to the final name, so a final file is always complete.
 */

export type DownloadErrorCode = 'network' | 'http-status' | 'checksum' | 'cancelled' | 'disk'

export class DownloadError extends Error {
  override readonly name = 'DownloadError'
  constructor(
    readonly code: DownloadErrorCode,
    readonly url: string,
    message: string,
    options?: { cause?: unknown; status?: number }
  ) {
    super(`${message} (${url})`, options?.cause === undefined ? undefined : { cause: options.cause })
    this.status = options?.status
  }
  /** The HTTP status for 'http-status' errors. */
  readonly status: number | undefined
}

export interface DownloadProgress {
  /** Bytes of the file on disk so far, including bytes kept from an earlier attempt. */
  bytes: number
  /** Full size, when the server says. */
  total: number | null
}

export interface DownloadOptions {
  signal?: AbortSignal
  onProgress?: (progress: DownloadProgress) => void
  /** Lower-case hex; a mismatch deletes the download and fails with 'checksum'. */
  expectedSha256?: string
  /** Extra attempts (each resuming where the last stopped) after a dropped connection or a 5xx. Default 3. */
  retries?: number
  /** Give up on a response that sends nothing for this long. Default 30 s. */
  stallTimeoutMs?: number
  headers?: Record<string, string>
}

export interface DownloadResult {
  path: string
  bytes: number
  sha256: string
  /** Whether any bytes came from an earlier, interrupted attempt. */
  resumed: boolean
  /** The final file was already present with the expected hash; nothing was fetched. */
  skipped: boolean
}

const isDiskError = (e: unknown) => typeof (e as NodeJS.ErrnoException)?.code === 'string' && !(e instanceof DownloadError)

async function sizeOf(path: string): Promise<number> {
  return (await stat(path).catch(() => null))?.size ?? 0
}

function parseContentRange(header: string | null): { start: number; total: number | null } | null {
  const m = header ? /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(header.trim()) : null
  if (!m) return null
  return { start: Number(m[1]), total: m[2] === '*' ? null : Number(m[2]) }
}

interface Attempt {
  url: string
  part: string
  options: DownloadOptions
}

/** One request; resolves when `.part` holds the whole file, returns whether it resumed. */
async function attempt({ url, part, options }: Attempt): Promise<boolean> {
  if (options.signal?.aborted) throw new DownloadError('cancelled', url, 'download cancelled')
  const have = await sizeOf(part)
  const controller = new AbortController()
  const onAbort = () => controller.abort()
  options.signal?.addEventListener('abort', onAbort, { once: true })
  let stalled = false
  let stallTimer: NodeJS.Timeout | undefined
  const armStallTimer = () => {
    clearTimeout(stallTimer)
    stallTimer = setTimeout(() => {
      stalled = true
      controller.abort()
    }, options.stallTimeoutMs ?? 30_000)
  }
  const failure = (e: unknown, what: string): DownloadError => {
    if (options.signal?.aborted) return new DownloadError('cancelled', url, 'download cancelled', { cause: e })
    if (stalled) return new DownloadError('network', url, `no data for ${options.stallTimeoutMs ?? 30_000} ms`, { cause: e })
    return new DownloadError('network', url, `${what}: ${(e as Error).message}`, { cause: e })
  }

  try {
    armStallTimer()
    // identity: a compressed transfer would make byte offsets (Range) and Content-Length meaningless.
    const headers: Record<string, string> = { 'accept-encoding': 'identity', ...options.headers }
    if (have > 0) headers.range = `bytes=${have}-`
    let res: Response
    try {
      res = await fetch(url, { headers, signal: controller.signal, redirect: 'follow' })
    } catch (e) {
      throw failure(e, 'request failed')
    }

    let offset = 0
    let total: number | null = null
    if (res.status === 416 && have > 0) {
      // The part is at least as long as the file: complete if the sizes agree, otherwise stale.
      await res.body?.cancel()
      const total = /^bytes \*\/(\d+)$/.exec(res.headers.get('content-range')?.trim() ?? '')?.[1]
      if (total !== undefined && Number(total) === have) return true
      await rm(part, { force: true })
      throw new DownloadError('network', url, 'server refused to resume a stale partial file; restarting')
    }
    if (!res.ok) {
      await res.body?.cancel()
      throw new DownloadError('http-status', url, `server answered HTTP ${res.status} ${res.statusText}`, { status: res.status })
    }
    if (res.status === 206) {
      const range = parseContentRange(res.headers.get('content-range'))
      if (!range || range.start !== have) {
        await res.body?.cancel()
        await rm(part, { force: true })
        throw new DownloadError('network', url, 'server sent a different range than requested; restarting')
      }
      offset = have
      total = range.total
    } else {
      const length = res.headers.get('content-length')
      total = length !== null && /^\d+$/.test(length) ? Number(length) : null
    }

    const file = await open(part, offset > 0 ? 'a' : 'w', 0o600)
    let bytes = offset
    try {
      options.onProgress?.({ bytes, total })
      if (res.body) {
        const reader = res.body.getReader()
        for (;;) {
          let chunk: Awaited<ReturnType<typeof reader.read>>
          try {
            chunk = await reader.read()
          } catch (e) {
            throw failure(e, `connection lost after ${bytes} bytes`)
          }
          if (chunk.done) break
          armStallTimer()
          await file.write(chunk.value)
          bytes += chunk.value.length
          options.onProgress?.({ bytes, total })
        }
      }
      await file.sync()
    } finally {
      await file.close()
    }
    if (total !== null && bytes !== total) {
      throw new DownloadError('network', url, `connection closed after ${bytes} of ${total} bytes`)
    }
    return offset > 0
  } finally {
    clearTimeout(stallTimer)
    options.signal?.removeEventListener('abort', onAbort)
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true })
  })
}

const retryable = (e: DownloadError) => e.code === 'network' || (e.code === 'http-status' && (e.status === 429 || (e.status ?? 0) >= 500))

export async function downloadFile(url: string, destPath: string, options: DownloadOptions = {}): Promise<DownloadResult> {
  const part = `${destPath}.part`
  const expected = options.expectedSha256?.toLowerCase()
  try {
    if (options.signal?.aborted) throw new DownloadError('cancelled', url, 'download cancelled')
    if (expected && (await sizeOf(destPath)) > 0 && (await sha256File(destPath)) === expected) {
      const bytes = await sizeOf(destPath)
      return { path: destPath, bytes, sha256: expected, resumed: false, skipped: true }
    }
    await mkdir(dirname(destPath), { recursive: true, mode: 0o700 })

    let resumed = false
    for (let tries = 0; ; tries++) {
      try {
        resumed = (await attempt({ url, part, options })) || resumed
        break
      } catch (e) {
        if (!(e instanceof DownloadError) || !retryable(e) || tries >= (options.retries ?? 3) || options.signal?.aborted) throw e
        await sleep(Math.min(200 * 2 ** tries, 5_000), options.signal)
      }
    }

    const sha256 = await sha256File(part)
    if (expected && sha256 !== expected) {
      await rm(part, { force: true })
      throw new DownloadError('checksum', url, `SHA-256 is ${sha256}, expected ${expected}; the download was deleted`)
    }
    const bytes = await sizeOf(part)
    await rename(part, destPath)
    return { path: destPath, bytes, sha256, resumed, skipped: false }
  } catch (e) {
    if (e instanceof DownloadError) throw e
    if (isDiskError(e)) throw new DownloadError('disk', url, `cannot write ${part}: ${(e as Error).message}`, { cause: e })
    throw e
  }
}

/** Drops a leftover partial download, e.g. when the user abandons it. */
export async function discardPartialDownload(destPath: string): Promise<void> {
  await rm(`${destPath}.part`, { force: true })
}
