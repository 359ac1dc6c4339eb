import { existsSync, readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { HaruApiError, type ApiErrorParams, type ApiErrorReason } from '../../shared/api/errors'
import { ASR_MODELS, hubBaseUrl, WHISPER_FILES, type AsrModelInfo } from '../../shared/asr'
import { DownloadError } from '../models/download'
import { downloadFileSet } from '../models/file-set'

/**
 * Where transcription models live and which one is used: downloaded into
 * `<data>/models/asr/<id>/` (complete only once `haru-asr.json` is written after every file
 * passed its checks), or any folder the user points the app at (`<data>/asr.json`).
 */

const MARKER = 'haru-asr.json'
const asrRoot = (dataDir: string): string => join(dataDir, 'models', 'asr')
const choiceFile = (dataDir: string): string => join(dataDir, 'asr.json')

export function missingWhisperFiles(dir: string): string[] {
  return WHISPER_FILES.filter((f) => !existsSync(join(dir, ...f.split('/'))))
}

export function modelInfo(modelId: string): AsrModelInfo {
  const info = ASR_MODELS.find((m) => m.id === modelId)
  if (!info) throw new HaruApiError('not-found', `unknown transcription model "${modelId}" (known: ${ASR_MODELS.map((m) => m.id).join(', ')})`)
  return info
}

export const downloadedModelDir = (dataDir: string, modelId: string): string => join(asrRoot(dataDir), modelId)

export function isDownloaded(dataDir: string, modelId: string): boolean {
  return existsSync(join(downloadedModelDir(dataDir, modelId), MARKER))
}

/** The folder transcription uses now, or null when there is none (the UI then offers a download). */
export function activeAsrDir(dataDir: string): string | null {
  if (existsSync(choiceFile(dataDir))) {
    // A damaged choice file is no choice (it must never turn every status call into an error).
    let dir: unknown = null
    try {
      dir = (JSON.parse(readFileSync(choiceFile(dataDir), 'utf8')) as { dir?: unknown }).dir
    } catch {
      dir = null
    }
    if (typeof dir === 'string' && missingWhisperFiles(dir).length === 0) return dir
  }
  const downloaded = ASR_MODELS.find((m) => isDownloaded(dataDir, m.id))
  return downloaded ? downloadedModelDir(dataDir, downloaded.id) : null
}

/** Uses a model folder already on disk (e.g. copied from another computer); refused when files are missing. */
export function useAsrFolder(dataDir: string, folder: string): string {
  const dir = resolve(folder)
  const missing = missingWhisperFiles(dir)
  if (missing.length) throw HaruApiError.because('invalid-input', `${dir} is not a Whisper model folder: missing ${missing.join(', ')}`, 'not-a-whisper-folder', { folder: dir })
  mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  writeFileSync(choiceFile(dataDir), JSON.stringify({ dir }), { mode: 0o600 })
  return dir
}

export interface PlannedFile {
  file: string
  bytes: number | null
  sha256: string | null
}

/**
 * Asks the server for each file's size (and the hub's SHA-256, which it sends as the linked ETag
 * of large files) before downloading, so the user sees the real size and every file is verified.
 */
export async function planDownload(baseUrl: string, signal?: AbortSignal): Promise<PlannedFile[]> {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`
  return Promise.all(
    WHISPER_FILES.map(async (file) => {
      const res = await fetch(new URL(file, base), { method: 'HEAD', redirect: 'follow', signal })
      if (!res.ok) throw HaruApiError.because('unavailable', `${file}: the model server answered HTTP ${res.status}`, 'download-http', { status: res.status })
      const size = Number(res.headers.get('x-linked-size') ?? res.headers.get('content-length'))
      const etag = (res.headers.get('x-linked-etag') ?? '').replace(/"/g, '')
      return { file, bytes: Number.isFinite(size) && size > 0 ? size : null, sha256: /^[0-9a-f]{64}$/.test(etag) ? etag : null }
    })
  )
}

export interface AsrDownloadJob {
  modelId: string
  state: 'running' | 'done' | 'failed' | 'cancelled'
  bytes: number
  total: number | null
  file: string | null
  error: string | null
  /** Why it failed, for a message in the UI's language (`error` keeps the raw detail). */
  reason: ApiErrorReason | null
  params: ApiErrorParams | null
}

/** Turns a download failure into a reason the UI explains: offline, the server's refusal, a bad file. */
export function downloadFailureReason(err: unknown): { reason: ApiErrorReason | null; params: ApiErrorParams | null } {
  if (err instanceof HaruApiError && err.reason) return { reason: err.reason, params: err.params ?? null }
  if (err instanceof DownloadError) {
    if (err.code === 'network') return { reason: 'offline', params: null }
    if (err.code === 'http-status' && err.status !== undefined) return { reason: 'download-http', params: { status: err.status } }
    if (err.code === 'checksum') return { reason: 'download-corrupt', params: { file: err.url.split('/').pop() ?? err.url } }
    return { reason: null, params: null }
  }
  // fetch() itself (the size check before downloading) fails with a TypeError when nothing answers.
  if (err instanceof TypeError && /fetch failed/i.test(err.message)) return { reason: 'offline', params: null }
  return { reason: null, params: null }
}

interface RunningJob extends AsrDownloadJob {
  abort: AbortController
}

const jobs = new Map<string, RunningJob>()
const jobKey = (dataDir: string, modelId: string): string => `${resolve(dataDir)}\u0000${modelId}`

export function downloadJob(dataDir: string, modelId: string): AsrDownloadJob | null {
  const job = jobs.get(jobKey(dataDir, modelId))
  if (!job) return null
  const { abort: _abort, ...visible } = job
  return visible
}

/**
 * Starts downloading a model in the background (resolves at once with the job). Partial files are
 * kept on cancel or failure, so starting again resumes where it stopped.
 */
export function startAsrDownload(dataDir: string, modelId: string, baseUrl = hubBaseUrl(modelInfo(modelId).repo)): AsrDownloadJob {
  const key = jobKey(dataDir, modelId)
  if (jobs.get(key)?.state === 'running') return downloadJob(dataDir, modelId)!
  const job: RunningJob = { modelId, state: 'running', bytes: 0, total: null, file: null, error: null, reason: null, params: null, abort: new AbortController() }
  jobs.set(key, job)
  const dir = downloadedModelDir(dataDir, modelId)
  void (async () => {
    const plan = await planDownload(baseUrl, job.abort.signal)
    job.total = plan.every((p) => p.bytes !== null) ? plan.reduce((n, p) => n + p.bytes!, 0) : null
    const done = new Map<string, number>()
    const results = await downloadFileSet({
      baseUrl,
      files: WHISPER_FILES,
      destDir: dir,
      signal: job.abort.signal,
      expectedSha256: Object.fromEntries(plan.filter((p) => p.sha256).map((p) => [p.file, p.sha256!])),
      onProgress: (p) => {
        done.set(p.file, p.bytes)
        job.file = p.file
        job.bytes = [...done.values()].reduce((a, b) => a + b, 0)
      }
    })
    writeFileSync(join(dir, MARKER), JSON.stringify({ modelId, files: Object.fromEntries(results.map((r, i) => [WHISPER_FILES[i], r.sha256])), completedAt: new Date().toISOString() }), { mode: 0o600 })
    job.state = 'done'
  })().catch((err: unknown) => {
    job.state = job.abort.signal.aborted ? 'cancelled' : 'failed'
    job.error = err instanceof Error ? err.message : String(err)
    if (job.state === 'failed') Object.assign(job, downloadFailureReason(err))
  })
  return downloadJob(dataDir, modelId)!
}

export function cancelAsrDownload(dataDir: string, modelId: string): void {
  jobs.get(jobKey(dataDir, modelId))?.abort.abort()
}

export function removeAsrModel(dataDir: string, modelId: string): void {
  rmSync(downloadedModelDir(dataDir, modelId), { recursive: true, force: true })
}
