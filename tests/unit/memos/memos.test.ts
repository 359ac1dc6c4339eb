import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHaruApi } from '../../../src/shared/api/client'
import type { HaruApiError } from '../../../src/shared/api/errors'
import { decodeWav, encodeWav16 } from '../../../src/shared/audio'
import { openHaruService, type HaruService } from '../../../src/main/api/service'
import { hasShared, sharedPath } from '../../helpers/shared-data'
import { makeTempDir } from '../../helpers/temp-dir'

let tmp: ReturnType<typeof makeTempDir>
let service: HaruService
let api: ReturnType<typeof createHaruApi>
const open = () => {
  service = openHaruService({ dataDir: tmp.dir, appVersion: 't', transport: 'web' })
  api = createHaruApi(service.dispatch)
}
beforeEach(() => {
  tmp = makeTempDir()
  open()
})
afterEach(() => {
  service.close()
  tmp.cleanup()
})

/** One second of a 16 kHz tone as 16-bit PCM, base64, like the recorder sends. */
function chunk(seconds = 1, freq = 220): { b64: string; samples: Float32Array } {
  const samples = Float32Array.from({ length: 16000 * seconds }, (_, i) => Math.round(0.3 * Math.sin((2 * Math.PI * freq * i) / 16000) * 32768) / 32768)
  return { b64: Buffer.from(encodeWav16(samples, 16000).subarray(44)).toString('base64'), samples }
}
const rows = (table: string) => (service.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n

describe('voice memo storage', () => {
  it('records in chunks, finishes into a WAV and a memo on a new (text-less) entry', async () => {
    const p = await api.profiles.create({ name: '하루' })
    const { recordingId } = await api.memos.begin({ profileId: p.id, entryDate: '2026-11-25', sampleRate: 16000 })
    const a = chunk(1, 220)
    const b = chunk(1, 330)
    expect(await api.memos.appendChunk({ recordingId, seq: 0, pcm16: a.b64 })).toEqual({ seq: 0, durationSec: 1 })
    expect(await api.memos.appendChunk({ recordingId, seq: 1, pcm16: b.b64 })).toEqual({ seq: 1, durationSec: 2 })
    // A resent chunk (the reply was lost) is not written twice; a gap is refused.
    expect((await api.memos.appendChunk({ recordingId, seq: 1, pcm16: b.b64 })).durationSec).toBe(2)
    await expect(api.memos.appendChunk({ recordingId, seq: 5, pcm16: b.b64 })).rejects.toMatchObject({ code: 'conflict' })
    const memo = await api.memos.finish({ recordingId })
    expect(memo).toMatchObject({ entryDate: '2026-11-25', durationSec: 2, sampleRate: 16000, transcript: null })
    const file = readFileSync(join(tmp.dir, memo.filePath))
    const wav = decodeWav(new Uint8Array(file))
    expect(wav.sampleRate).toBe(16000)
    expect(wav.samples.length).toBe(32000)
    // Byte for byte: the stored WAV is the header plus exactly the PCM that was sent, in order.
    expect(file.subarray(44).equals(Buffer.concat([Buffer.from(a.b64, 'base64'), Buffer.from(b.b64, 'base64')]))).toBe(true)
    expect(wav.samples[100]).toBeCloseTo(a.samples[100]!, 6)
    const entry = await api.entries.getByDate({ profileId: p.id, entryDate: '2026-11-25' })
    expect(entry?.text).toBe('')
    expect(await api.memos.list({ entryId: entry!.id })).toEqual([memo])
    expect(readdirSync(join(tmp.dir, 'recordings'))).toEqual([])
    const audio = await api.memos.audio({ memoId: memo.id })
    expect(Buffer.from(audio.wavBase64, 'base64').equals(readFileSync(join(tmp.dir, memo.filePath)))).toBe(true)
  })

  it('recovers a recording interrupted by a crash', async () => {
    const p = await api.profiles.create({ name: '하루' })
    const { recordingId } = await api.memos.begin({ profileId: p.id, entryDate: '2026-11-24', sampleRate: 16000 })
    await api.memos.appendChunk({ recordingId, seq: 0, pcm16: chunk(1).b64 })
    await api.memos.appendChunk({ recordingId, seq: 1, pcm16: chunk(1).b64 })
    service.close() // the app dies without finishing
    open()
    const orphans = await api.memos.orphans({ profileId: p.id })
    expect(orphans).toEqual([expect.objectContaining({ recordingId, entryDate: '2026-11-24', durationSec: 2 })])
    const memo = await api.memos.finish({ recordingId })
    expect(memo.durationSec).toBe(2)
    expect(await api.memos.orphans({ profileId: p.id })).toEqual([])
  })

  it('discards a recording and deletes audio with its entry', async () => {
    const p = await api.profiles.create({ name: '하루' })
    const r1 = await api.memos.begin({ profileId: p.id, entryDate: '2026-11-23', sampleRate: 16000 })
    await api.memos.appendChunk({ recordingId: r1.recordingId, seq: 0, pcm16: chunk(1).b64 })
    await api.memos.discard({ recordingId: r1.recordingId })
    expect(await api.memos.orphans({ profileId: p.id })).toEqual([])
    await expect(api.memos.finish({ recordingId: r1.recordingId })).rejects.toMatchObject({ code: 'not-found' })

    const r2 = await api.memos.begin({ profileId: p.id, entryDate: '2026-11-23', sampleRate: 16000 })
    await api.memos.appendChunk({ recordingId: r2.recordingId, seq: 0, pcm16: chunk(1).b64 })
    const memo = await api.memos.finish({ recordingId: r2.recordingId })
    const file = join(tmp.dir, memo.filePath)
    expect(existsSync(file)).toBe(true)
    await api.entries.delete({ id: memo.entryId })
    expect(existsSync(file)).toBe(false)
    expect(rows('voice_memos')).toBe(0)
  })

  it('refuses an empty recording and keeps nothing', async () => {
    const p = await api.profiles.create({ name: '하루' })
    const { recordingId } = await api.memos.begin({ profileId: p.id, entryDate: '2026-11-25', sampleRate: 16000 })
    await expect(api.memos.finish({ recordingId })).rejects.toThrow(/recording is empty/)
    expect(rows('voice_memos')).toBe(0)
    expect(rows('entries')).toBe(0)
  })

  it.skipIf(!hasShared('fixtures/audio'))('imports a 44.1 kHz WAV as 16 kHz mono, and refuses a corrupt file without storing anything', async () => {
    const p = await api.profiles.create({ name: '하루' })
    const wav = readFileSync(sharedPath('fixtures/audio/ko_hope_s160_p50_44100.wav'))
    const memo = await api.memos.import({ profileId: p.id, entryDate: '2026-11-20', fileName: 'hope.wav', dataBase64: wav.toString('base64') })
    expect(memo.sampleRate).toBe(16000)
    expect(memo.durationSec).toBeCloseTo(3.111, 2)
    expect(decodeWav(new Uint8Array(readFileSync(join(tmp.dir, memo.filePath)))).sampleRate).toBe(16000)

    const corrupt = Buffer.concat([wav.subarray(0, 40), Buffer.from('not audio at all')])
    const err = (await api.memos.import({ profileId: p.id, entryDate: '2026-11-21', fileName: 'bad.wav', dataBase64: corrupt.toString('base64') }).catch((e: unknown) => e)) as HaruApiError
    expect(err.code).toBe('invalid-input')
    expect(err.message).toMatch(/cannot be imported/)
    expect(rows('voice_memos')).toBe(1)
    expect(await api.entries.getByDate({ profileId: p.id, entryDate: '2026-11-21' })).toBeNull()
    // Nothing of either file is left in recordings/ (the import no longer passes through it at all).
    const recordings = join(tmp.dir, 'recordings')
    expect(existsSync(recordings) ? readdirSync(recordings) : []).toEqual([])
  })
})
