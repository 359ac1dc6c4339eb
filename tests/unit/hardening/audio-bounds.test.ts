/**
 * Defect 5 of issue 13: imported audio is bounded from its header, before it is decoded. A 2 MB
 * WAV declaring 63 Hz became a 4.4-hour memo (3.3 GB of memory, 102 s); an 8 kHz 8-bit file of
 * 115 MB became 482 MB. Rates outside 8–192 kHz and memos longer than the 10-minute recording
 * limit are refused, quickly, and nothing is stored.
 */
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { HaruApiError } from '../../../src/shared/api/errors'
import { useTestService } from '../../helpers/test-service'

const app = useTestService()

/** A mono 8-bit PCM WAV: `frames` samples of a quiet tone, at whatever rate the header claims. */
function wav8(sampleRate: number, frames: number): Buffer {
  const out = Buffer.alloc(44 + frames)
  out.write('RIFF', 0, 'ascii')
  out.writeUInt32LE(36 + frames, 4)
  out.write('WAVEfmt ', 8, 'ascii')
  out.writeUInt32LE(16, 16)
  out.writeUInt16LE(1, 20)
  out.writeUInt16LE(1, 22)
  out.writeUInt32LE(sampleRate, 24)
  out.writeUInt32LE(sampleRate, 28)
  out.writeUInt16LE(1, 32)
  out.writeUInt16LE(8, 34)
  out.write('data', 36, 'ascii')
  out.writeUInt32LE(frames, 40)
  for (let i = 0; i < frames; i++) out[44 + i] = 128 + Math.round(20 * Math.sin(i / 7))
  return out
}

async function importWav(bytes: Buffer): Promise<{ error: HaruApiError | null; memos: number }> {
  const p = (await app.api.profiles.list())[0] ?? (await app.api.profiles.create({ name: '지민' }))
  const error = (await app.api.memos.import({ profileId: p.id, entryDate: '2026-11-20', fileName: 'x.wav', dataBase64: bytes.toString('base64') }).then(
    () => null,
    (e: unknown) => e
  )) as HaruApiError | null
  const memos = (app.service.db.prepare('SELECT count(*) AS n FROM voice_memos').get() as { n: number }).n
  return { error, memos }
}

const storedAudio = () => (existsSync(join(app.dir, 'memos')) ? readdirSync(join(app.dir, 'memos'), { recursive: true }) : []).filter((f) => String(f).endsWith('.wav'))

describe('imported audio is bounded from its header (defect 5)', () => {
  it('refuses a WAV that declares 63 Hz', async () => {
    const r = await importWav(wav8(63, 20_000))
    expect(r.error?.code).toBe('invalid-input')
    expect(r.error?.message).toMatch(/63 Hz.*8,?000.*192,?000 Hz/)
    expect(r.memos).toBe(0)
    expect(storedAudio()).toEqual([])
  })

  it('refuses a rate above 192 kHz', async () => {
    const r = await importWav(wav8(400_000, 40_000))
    expect(r.error?.message).toMatch(/400,?000 Hz/)
    expect(r.memos).toBe(0)
  })

  it('refuses a memo longer than the 60-minute import limit (an 8 kHz 8-bit file of 29 MB)', async () => {
    const r = await importWav(wav8(8000, 3610 * 8000))
    expect(r.error?.code).toBe('invalid-input')
    expect(r.error?.message).toMatch(/60 minutes/)
    expect(r.memos).toBe(0)
    expect(storedAudio()).toEqual([])
  })

  it('still imports an ordinary 8 kHz memo', async () => {
    const r = await importWav(wav8(8000, 3 * 8000))
    expect(r.error).toBeNull()
    expect(r.memos).toBe(1)
  })
})
