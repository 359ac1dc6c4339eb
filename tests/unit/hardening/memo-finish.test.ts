/**
 * Defects 1 and 2 of issue 13, on real files: the disk states a crash inside `memos.finish` or
 * `memos.appendChunk` leaves behind, and what the next start makes of them. The states are made
 * the way the crash makes them (the recording's files put back beside a finished memo; a metadata
 * write that fails after the audio was written). Real SIGKILLs at every step are in
 * crash-points.test.ts.
 */
import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { HaruApiError } from '../../../src/shared/api/errors'
import { decodeWav } from '../../../src/shared/audio'
import { openHaruService } from '../../../src/main/api/service'
import { createHaruApi } from '../../../src/shared/api/client'
import { pcmPath } from '../../../src/main/memos/recordings'
import { firstSignalMismatch, signalChunkBase64, SIGNAL_RATE } from '../../helpers/pcm-signal'
import { useTestService } from '../../helpers/test-service'

const app = useTestService()

async function recordSeconds(seconds: number) {
  const p = await app.api.profiles.create({ name: '하루' })
  const { recordingId } = await app.api.memos.begin({ profileId: p.id, entryDate: '2026-11-24', sampleRate: SIGNAL_RATE })
  for (let seq = 0; seq < seconds; seq++) await app.api.memos.appendChunk({ recordingId, seq, pcm16: signalChunkBase64(seq) })
  return { profileId: p.id, recordingId }
}

/** Reopens the data folder as the next start does. */
function restart() {
  app.service.close()
  const service = openHaruService({ dataDir: app.dir, appVersion: 't', transport: 'web' })
  return { service, api: createHaruApi(service.dispatch) }
}

async function allMemos(api: ReturnType<typeof createHaruApi>, profileId: number) {
  const entries = await api.entries.list({ profileId })
  return (await Promise.all(entries.map((e) => api.memos.list({ entryId: e.id })))).flat()
}

describe('a crash inside memos.finish (defect 1)', () => {
  it('after the memo row is written but before the recording is removed: the next start keeps one memo and offers nothing', async () => {
    const { profileId, recordingId } = await recordSeconds(3)
    const recordings = join(app.dir, 'recordings')
    const saved = join(app.dir, 'saved-recordings')
    cpSync(recordings, saved, { recursive: true })
    const memo = await app.api.memos.finish({ recordingId })
    // What the kill leaves: the memo and its WAV, and the recording still on disk.
    rmSync(recordings, { recursive: true, force: true })
    cpSync(saved, recordings, { recursive: true })
    rmSync(saved, { recursive: true })

    const next = restart()
    try {
      expect(await next.api.memos.orphans({ profileId })).toEqual([])
      const memos = await allMemos(next.api, profileId)
      expect(memos.map((m) => m.id)).toEqual([memo.id])
      expect(readdirSync(recordings).filter((f) => f.startsWith(recordingId))).toEqual([])
      // Finishing it again (a retry after the crash) is refused: there is no second memo on the same WAV.
      const again = (await next.api.memos.finish({ recordingId }).catch((e: unknown) => e)) as HaruApiError
      expect(again.code).toBe('not-found')
      await next.api.memos.delete({ memoId: memo.id })
      expect(await allMemos(next.api, profileId)).toEqual([])
    } finally {
      next.service.close()
    }
  })

  it('after the audio is removed but before its metadata is: no 0 s orphan, and the memo is whole', async () => {
    const { profileId, recordingId } = await recordSeconds(2)
    const meta = join(app.dir, 'recordings', `${recordingId}.json`)
    const metaCopy = readFileSync(meta)
    const memo = await app.api.memos.finish({ recordingId })
    // The neighbouring window: the PCM is gone, its metadata is not.
    writeFileSync(meta, metaCopy)

    const next = restart()
    try {
      expect(await next.api.memos.orphans({ profileId })).toEqual([])
      expect(existsSync(meta)).toBe(false)
      const [only] = await allMemos(next.api, profileId)
      expect(only).toMatchObject({ id: memo.id, durationSec: 2 })
      const wav = decodeWav(readFileSync(join(app.dir, memo.filePath)))
      expect(wav.samples.length).toBe(2 * SIGNAL_RATE)
      expect(firstSignalMismatch(wav.samples)).toBe(-1)
    } finally {
      next.service.close()
    }
  })

  it('after the WAV is written but before the row: the recording is offered again, once, and keeping it makes one memo', async () => {
    const { profileId, recordingId } = await recordSeconds(2)
    const recordings = join(app.dir, 'recordings')
    const saved = join(app.dir, 'saved-recordings')
    cpSync(recordings, saved, { recursive: true })
    const memo = await app.api.memos.finish({ recordingId })
    const wavBytes = readFileSync(join(app.dir, memo.filePath))
    await app.api.memos.delete({ memoId: memo.id })
    // The kill's state: the WAV under its final name, no row, the recording still there.
    writeFileSync(join(app.dir, memo.filePath), wavBytes)
    rmSync(recordings, { recursive: true, force: true })
    cpSync(saved, recordings, { recursive: true })

    const next = restart()
    try {
      const orphans = await next.api.memos.orphans({ profileId })
      expect(orphans).toEqual([expect.objectContaining({ recordingId, durationSec: 2 })])
      const kept = await next.api.memos.finish({ recordingId })
      expect(await allMemos(next.api, profileId)).toEqual([kept])
      expect(await next.api.memos.orphans({ profileId })).toEqual([])
    } finally {
      next.service.close()
    }
  })
})

describe('a crash inside memos.delete', () => {
  it('after the row is deleted but before the file: the next start removes the audio the user deleted', async () => {
    const { profileId, recordingId } = await recordSeconds(1)
    const memo = await app.api.memos.finish({ recordingId })
    const wav = join(app.dir, memo.filePath)
    const bytes = readFileSync(wav)
    await app.api.memos.delete({ memoId: memo.id })
    writeFileSync(wav, bytes) // the kill's state: row gone, file still there
    // A file younger than a minute may belong to an import in another process; this one is older.
    const old = new Date(Date.now() - 5 * 60_000)
    utimesSync(wav, old, old)
    const next = restart()
    try {
      expect(existsSync(wav)).toBe(false)
      expect(await allMemos(next.api, profileId)).toEqual([])
    } finally {
      next.service.close()
    }
  })
})

describe('a chunk written but not acknowledged (defect 2)', () => {
  it('is stored once when the recorder resends it after its metadata write failed', async () => {
    const p = await app.api.profiles.create({ name: '하루' })
    const { recordingId } = await app.api.memos.begin({ profileId: p.id, entryDate: '2026-11-24', sampleRate: SIGNAL_RATE })
    await app.api.memos.appendChunk({ recordingId, seq: 0, pcm16: signalChunkBase64(0) })
    // The metadata is written through `<id>.json.tmp`; a folder in its place makes that write fail
    // after the audio of chunk 1 has been written and fsynced, as a full disk can.
    const obstacle = join(app.dir, 'recordings', `${recordingId}.json.tmp`)
    mkdirSync(obstacle)
    const failed = (await app.api.memos.appendChunk({ recordingId, seq: 1, pcm16: signalChunkBase64(1) }).catch((e: unknown) => e)) as HaruApiError
    expect(failed.code).toBe('storage')
    expect(failed.message).not.toMatch(/EISDIR/)
    rmSync(obstacle, { recursive: true })

    // The recorder keeps the chunk queued and sends the same seq again.
    expect(await app.api.memos.appendChunk({ recordingId, seq: 1, pcm16: signalChunkBase64(1) })).toEqual({ seq: 1, durationSec: 2 })
    expect(await app.api.memos.appendChunk({ recordingId, seq: 2, pcm16: signalChunkBase64(2) })).toEqual({ seq: 2, durationSec: 3 })
    // A resend of an acknowledged chunk changes nothing either.
    expect(await app.api.memos.appendChunk({ recordingId, seq: 1, pcm16: signalChunkBase64(1) })).toEqual({ seq: 1, durationSec: 3 })
    const memo = await app.api.memos.finish({ recordingId })
    expect(memo.durationSec).toBe(3)
    const wav = decodeWav(readFileSync(join(app.dir, memo.filePath)))
    expect(wav.samples.length).toBe(3 * SIGNAL_RATE)
    expect(firstSignalMismatch(wav.samples)).toBe(-1)
  })

  it('a recording file longer than its acknowledged chunks (a crash after the audio, before the metadata) is trimmed before the resend', async () => {
    const p = await app.api.profiles.create({ name: '하루' })
    const { recordingId } = await app.api.memos.begin({ profileId: p.id, entryDate: '2026-11-24', sampleRate: SIGNAL_RATE })
    await app.api.memos.appendChunk({ recordingId, seq: 0, pcm16: signalChunkBase64(0) })
    // Chunk 1's audio reaches the disk, its acknowledgement does not.
    appendFileSync(pcmPath(app.dir, recordingId), Buffer.from(signalChunkBase64(1), 'base64'))
    expect(await app.api.memos.appendChunk({ recordingId, seq: 1, pcm16: signalChunkBase64(1) })).toEqual({ seq: 1, durationSec: 2 })
    const memo = await app.api.memos.finish({ recordingId })
    expect(memo.durationSec).toBe(2)
    expect(firstSignalMismatch(decodeWav(readFileSync(join(app.dir, memo.filePath))).samples)).toBe(-1)
  })
})
