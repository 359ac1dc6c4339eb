import { createServer } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openHaruService, type HaruService } from '../../../src/main/api/service'
import { createHaruApi } from '../../../src/shared/api/client'
import { makeTempDir } from '../../helpers/temp-dir'
import { TestFileServer } from '../models/helpers/file-server'

/**
 * Issue 11 item 6: a Whisper download with no network said only "fetch failed". A failed job now
 * carries a reason the UI has a message for (offline; the server refused), plus the raw detail.
 */
let tmp: ReturnType<typeof makeTempDir>
let service: HaruService
let api: ReturnType<typeof createHaruApi>

beforeEach(() => {
  tmp = makeTempDir()
  service = openHaruService({ dataDir: tmp.dir, appVersion: 't', transport: 'web' })
  api = createHaruApi(service.dispatch)
})
afterEach(() => {
  delete process.env.HARU_ASR_BASE_URL
  service.close()
  tmp.cleanup()
})

/** A loopback port nobody listens on: connecting is refused, as with no network. */
async function closedPort(): Promise<number> {
  const s = createServer()
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
  const port = (s.address() as { port: number }).port
  await new Promise<void>((r) => s.close(() => r()))
  return port
}

async function finishedJob() {
  for (let i = 0; i < 200; i++) {
    const job = (await api.asr.status()).models.find((m) => m.id === 'whisper-base')!.job
    if (job && job.state !== 'running') return job
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error('download never finished')
}

describe('why a transcription model download failed', () => {
  it('says "offline" when the server cannot be reached, keeping the raw detail', async () => {
    process.env.HARU_ASR_BASE_URL = `http://127.0.0.1:${await closedPort()}`
    await api.asr.download({ modelId: 'whisper-base' })
    const job = await finishedJob()
    expect(job).toMatchObject({ state: 'failed', reason: 'offline' })
    expect(job.error).toBeTruthy()
  })

  it('says which HTTP status the model server answered', async () => {
    const server = new TestFileServer(tmp.dir) // serves nothing under /whisper-base: 404
    await server.start()
    try {
      process.env.HARU_ASR_BASE_URL = server.baseUrl
      await api.asr.download({ modelId: 'whisper-base' })
      const job = await finishedJob()
      expect(job).toMatchObject({ state: 'failed', reason: 'download-http', params: { status: 404 } })
    } finally {
      await server.close()
    }
  })

  it('gives reasons the UI can explain: no transcription model, a profile name that exists', async () => {
    const profile = await api.profiles.create({ name: '지민' })
    await expect(api.profiles.create({ name: '지민' })).rejects.toMatchObject({ code: 'conflict', reason: 'profile-exists', params: { name: '지민' } })
    const entry = (await api.entries.create({ profileId: profile.id, entryDate: '2026-03-01', text: '메모' })).id
    const memo = service.db
      .prepare("INSERT INTO voice_memos (entry_id, file_path, duration_sec, sample_rate, created_at) VALUES (?, 'memos/x.wav', 1, 16000, '2026-03-01T00:00:00Z') RETURNING id")
      .pluck()
      .get(entry) as number
    await expect(api.memos.transcribe({ memoId: memo })).rejects.toMatchObject({ code: 'unavailable', reason: 'no-transcription-model' })
    await expect(api.entries.create({ profileId: profile.id, entryDate: '2026-03-01', text: '또' })).rejects.toMatchObject({
      code: 'conflict',
      reason: 'entry-exists',
      params: { date: '2026-03-01' }
    })
  })
})
