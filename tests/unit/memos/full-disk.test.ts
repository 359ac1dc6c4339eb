import { copyFileSync, existsSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { HaruApiError } from '../../../src/shared/api/errors'
import { decodeWav, encodeWav16 } from '../../../src/shared/audio'
import { pcmPath } from '../../../src/main/memos/recordings'
import { useTestService } from '../../helpers/test-service'

/**
 * A full disk while recording: Linux's /dev/full answers every write with ENOSPC, so the recording's
 * file is swapped for a link to it. The chunk must be refused as `storage-full` (the recorder keeps
 * it queued and retries), nothing half-written may stay behind, and the retry must succeed.
 */
const hasDevFull = existsSync('/dev/full')

const app = useTestService()

function second(offset: number): { b64: string; samples: Float32Array } {
  const samples = Float32Array.from({ length: 16000 }, (_, i) => ((((i + offset) * 37) % 2001) - 1000) / 32768)
  return { b64: Buffer.from(encodeWav16(samples, 16000).subarray(44)).toString('base64'), samples }
}

describe.runIf(hasDevFull)('recording onto a full disk', () => {
  it('refuses the chunk as storage-full, keeps the recording aligned, and accepts the retry', async () => {
    const p = await app.api.profiles.create({ name: '하루' })
    const { recordingId } = await app.api.memos.begin({ profileId: p.id, entryDate: '2026-11-25', sampleRate: 16000 })
    const first = second(0)
    const next = second(16000)
    await app.api.memos.appendChunk({ recordingId, seq: 0, pcm16: first.b64 })

    const path = pcmPath(app.dir, recordingId)
    const kept = join(app.dir, 'kept.pcm')
    copyFileSync(path, kept)
    rmSync(path)
    symlinkSync('/dev/full', path)
    const err = (await app.api.memos.appendChunk({ recordingId, seq: 1, pcm16: next.b64 }).catch((e: unknown) => e)) as HaruApiError
    expect(err.code).toBe('storage-full')
    expect(err.message).toMatch(/disk is full/)

    // Space is back: the same chunk is sent again and lands right after the first.
    rmSync(path)
    copyFileSync(kept, path)
    expect(await app.api.memos.appendChunk({ recordingId, seq: 1, pcm16: next.b64 })).toEqual({ seq: 1, durationSec: 2 })
    const memo = await app.api.memos.finish({ recordingId })
    expect(memo.durationSec).toBe(2)
    const { samples } = decodeWav(readFileSync(join(app.dir, memo.filePath)))
    expect(Array.from(samples.subarray(0, 16000))).toEqual(Array.from(first.samples))
    expect(Array.from(samples.subarray(16000))).toEqual(Array.from(next.samples))
  })
})
