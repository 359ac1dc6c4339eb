import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHaruApi } from '../../../src/shared/api/client'
import { WHISPER_FILES } from '../../../src/shared/asr'
import { openHaruService, type HaruService } from '../../../src/main/api/service'
import { activeAsrDir, downloadedModelDir, planDownload } from '../../../src/main/asr/asr-models'
import { TestFileServer } from '../models/helpers/file-server'
import { makeTempDir } from '../../helpers/temp-dir'

/** A stand-in Whisper folder on a local HTTP server: the real download code, small files. */
function buildModelFolder(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>()
  WHISPER_FILES.forEach((f, i) => {
    const body = Buffer.alloc(50_000 + i * 1000, i + 1)
    mkdirSync(dirname(join(root, 'whisper-base', f)), { recursive: true })
    writeFileSync(join(root, 'whisper-base', f), body)
    files.set(f, body)
  })
  return files
}

let tmp: ReturnType<typeof makeTempDir>
let server: TestFileServer
let service: HaruService
let api: ReturnType<typeof createHaruApi>
let files: Map<string, Buffer>

beforeEach(async () => {
  tmp = makeTempDir()
  const served = join(tmp.dir, 'served')
  files = buildModelFolder(served)
  server = new TestFileServer(served)
  await server.start()
  for (const [f, body] of files) {
    server.extraHeaders.set(`/whisper-base/${f}`, { 'x-linked-etag': `"${createHash('sha256').update(body).digest('hex')}"` })
  }
  process.env.HARU_ASR_BASE_URL = server.baseUrl
  service = openHaruService({ dataDir: join(tmp.dir, 'data'), appVersion: 't', transport: 'web' })
  api = createHaruApi(service.dispatch)
})
afterEach(async () => {
  delete process.env.HARU_ASR_BASE_URL
  service.close()
  await server.close()
  tmp.cleanup()
})

async function waitForJob() {
  for (let i = 0; i < 200; i++) {
    const job = (await api.asr.status()).models.find((m) => m.id === 'whisper-base')!.job
    if (job && job.state !== 'running') return job
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error('download did not finish')
}

describe('transcription model download', () => {
  it('plans sizes and hashes, downloads every file verified, and makes it the active model', async () => {
    const plan = await planDownload(`${server.baseUrl}/whisper-base/`)
    expect(plan.map((p) => p.bytes)).toEqual(WHISPER_FILES.map((f) => files.get(f)!.length))
    expect(plan.every((p) => /^[0-9a-f]{64}$/.test(p.sha256 ?? ''))).toBe(true)

    expect((await api.asr.status()).activeDir).toBeNull()
    await api.asr.download({ modelId: 'whisper-base' })
    const job = await waitForJob()
    expect(job).toMatchObject({ state: 'done', error: null, total: [...files.values()].reduce((n, b) => n + b.length, 0) })
    expect(job.bytes).toBe(job.total)
    const dir = downloadedModelDir(service.dataDir, 'whisper-base')
    for (const [f, body] of files) expect(readFileSync(join(dir, ...f.split('/'))).equals(body)).toBe(true)
    const status = await api.asr.status()
    expect(status.activeDir).toBe(dir)
    expect(status.models.find((m) => m.id === 'whisper-base')!.downloaded).toBe(true)
  })

  it('resumes an interrupted file and refuses a corrupted one', async () => {
    server.cutOnce.set('/whisper-base/onnx/encoder_model_quantized.onnx', 20_000)
    await api.asr.download({ modelId: 'whisper-base' })
    const resumed = await waitForJob()
    expect(resumed.error).toBeNull()
    expect(resumed.state).toBe('done')
    expect(server.requests.some((r) => r.path.endsWith('encoder_model_quantized.onnx') && r.range === 'bytes=20000-')).toBe(true)

    const other = makeTempDir()
    const svc = openHaruService({ dataDir: other.dir, appVersion: 't', transport: 'web' })
    const api2 = createHaruApi(svc.dispatch)
    server.extraHeaders.set('/whisper-base/tokenizer.json', { 'x-linked-etag': `"${'0'.repeat(64)}"` })
    await api2.asr.download({ modelId: 'whisper-base' })
    let job = null
    for (let i = 0; i < 200 && (!job || job.state === 'running'); i++) {
      await new Promise((r) => setTimeout(r, 25))
      job = (await api2.asr.status()).models[0]!.job
    }
    expect(job).toMatchObject({ state: 'failed' })
    expect(job!.error).toMatch(/SHA-256|checksum/i)
    expect(activeAsrDir(other.dir)).toBeNull()
    expect(existsSync(join(downloadedModelDir(other.dir, 'whisper-base'), 'tokenizer.json'))).toBe(false)
    svc.close()
    other.cleanup()
  })

  it('uses a model folder on disk only when it is complete, and says clearly when there is none', async () => {
    await expect(api.asr.useFolder({ path: tmp.dir })).rejects.toThrow(/not a Whisper model folder: missing config\.json/)
    const status = await api.asr.useFolder({ path: join(tmp.dir, 'served', 'whisper-base') })
    expect(status.activeDir).toBe(join(tmp.dir, 'served', 'whisper-base'))
    await expect(api.asr.download({ modelId: 'whisper-huge' })).rejects.toMatchObject({ code: 'not-found' })
  })

  it('transcribing without a model is a clear error, not a crash', async () => {
    const p = await api.profiles.create({ name: '하루' })
    const { recordingId } = await api.memos.begin({ profileId: p.id, entryDate: '2026-11-25', sampleRate: 16000 })
    await api.memos.appendChunk({ recordingId, seq: 0, pcm16: Buffer.alloc(32000).toString('base64') })
    const memo = await api.memos.finish({ recordingId })
    await expect(api.memos.transcribe({ memoId: memo.id })).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/no transcription model yet/) })
    // A folder that has the files but no real model: the transcriber refuses it with its own code.
    await api.asr.useFolder({ path: join(tmp.dir, 'served', 'whisper-base') })
    await expect(api.memos.transcribe({ memoId: memo.id })).rejects.toMatchObject({ message: expect.stringMatching(/cannot be loaded/) })
  })
})
