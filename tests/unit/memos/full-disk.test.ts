import { copyFileSync, existsSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHaruApi } from '../../../src/shared/api/client'
import type { HaruApiError } from '../../../src/shared/api/errors'
import { decodeWav, encodeWav16 } from '../../../src/shared/audio'
import { openHaruService, type HaruService } from '../../../src/main/api/service'
import { pcmPath } from '../../../src/main/memos/recordings'
import { makeTempDir } from '../../helpers/temp-dir'

/**
 * A full disk while recording: Linux's /dev/full answers every write with ENOSPC, so the recording's
 * file is swapped for a link to it. The chunk must be refused as `storage-full` (the recorder keeps
 * it queued and retries), nothing half-written may stay behind, and the retry must succeed.
 */
const hasDevFull = existsSync('/dev/full')

let tmp: ReturnType<typeof makeTempDir>
let service: HaruService
let api: ReturnType<typeof createHaruApi>
beforeEach(() => {
  tmp = makeTempDir()
  service = openHaruService({ dataDir: tmp.dir, appVersion: 't', transport: 'web' })
  api = createHaruApi(service.dispatch)
})
afterEach(() => {
  service.close()
  tmp.cleanup()
})

function second(offset: number): { b64: string; samples: Float32Array } {
  const samples = Float32Array.from({ length: 16000 }, (_, i) => ((((i + offset) * 37) % 2001) - 1000) / 32768)
  return { b64: Buffer.from(encodeWav16(samples, 16000).subarray(44)).toString('base64'), samples }
}

describe.runIf(hasDevFull)('recording onto a full disk', () => {
  it('refuses the chunk as storage-full, keeps the recording aligned, and accepts the retry', async () => {
    const p = await api.profiles.create({ name: '하루' })
    const { recordingId } = await api.memos.begin({ profileId: p.id, entryDate: '2026-11-25', sampleRate: 16000 })
    const first = second(0)
    const next = second(16000)
    await api.memos.appendChunk({ recordingId, seq: 0, pcm16: first.b64 })

    const path = pcmPath(tmp.dir, recordingId)
    const kept = join(tmp.dir, 'kept.pcm')
    copyFileSync(path, kept)
    rmSync(path)
    symlinkSync('/dev/full', path)
    const err = (await api.memos.appendChunk({ recordingId, seq: 1, pcm16: next.b64 }).catch((e: unknown) => e)) as HaruApiError
    expect(err.code).toBe('storage-full')
    expect(err.message).toMatch(/disk is full/)

    // Space is back: the same chunk is sent again and lands right after the first.
    rmSync(path)
    copyFileSync(kept, path)
    expect(await api.memos.appendChunk({ recordingId, seq: 1, pcm16: next.b64 })).toEqual({ seq: 1, durationSec: 2 })
    const memo = await api.memos.finish({ recordingId })
    expect(memo.durationSec).toBe(2)
    const { samples } = decodeWav(readFileSync(join(tmp.dir, memo.filePath)))
    expect(Array.from(samples.subarray(0, 16000))).toEqual(Array.from(first.samples))
    expect(Array.from(samples.subarray(16000))).toEqual(Array.from(next.samples))
  })
})
