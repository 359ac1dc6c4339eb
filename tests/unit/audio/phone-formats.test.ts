import { readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AudioImportError, decodeForImport } from '../../../src/cli/audio-decode'
import { detectContainer, memoDayOf, recordedDay } from '../../../src/shared/audio/container'
import { decodeWav, resampleTo } from '../../../src/shared/audio'
import { aligned, envelopeCorrelation, mfccDistance, snrDb } from '../../helpers/audio-compare'
import { hasAudioTools, makePhoneMemos, OTHER_SENTENCE, PHONE_FORMATS, type PhoneFormat } from '../../helpers/phone-audio'
import { makeTempDir } from '../../helpers/temp-dir'

/**
 * Phone voice notes decoded for `haru memos add`, compared with the WAV they were made from.
 *
 * Tolerances. Lossy codecs keep how speech sounds, not its waveform, so three measures are used
 * after aligning the decoded audio on the WAV (cross-correlation, ±50 ms for codec delay):
 * - the loudness envelope (RMS per 20 ms) correlates ≥ 0.99 with the WAV's (measured 0.998–1.000
 *   for the four lossy codecs at phone bitrates; a different sentence: 0.10);
 * - the MFCC the voice model reads (c1..c12, each in units of the WAV's own spread over frames)
 *   differ by at most 0.4 RMS (measured 0.17–0.25; a different sentence: 1.31);
 * - the waveform SNR is ≥ 12 dB for AAC, MP3 and Vorbis at 64 kbps and ≥ 8 dB for Opus at 32 kbps
 *   (measured 21–23 dB and 13.6 dB; a different sentence: −2.9 dB). They sit 5–9 dB under what
 *   Debian's encoders give, so an encoder update does not break them, and far above chance.
 * FLAC is lossless: at most one 16-bit step apart. Every decoder here is gapless (encoder delay
 * and padding trimmed), so the length matches the WAV's within 30 ms.
 */
const ready = hasAudioTools()
const tmp = makeTempDir('haru-phone-')
let files: ReturnType<typeof makePhoneMemos>
let other: ReturnType<typeof makePhoneMemos>
let reference: { samples: Float32Array; sampleRate: number }

const MIN_SNR_DB: Record<Exclude<PhoneFormat, 'flac'>, number> = { m4a: 12, mp3: 12, vorbis: 12, opus: 8 }

async function decodedAtReferenceRate(path: string): Promise<Float32Array> {
  const { wav } = await decodeForImport(new Uint8Array(readFileSync(path)), path)
  const decoded = decodeWav(wav)
  return decoded.sampleRate === reference.sampleRate ? decoded.samples : resampleTo(decoded.samples, decoded.sampleRate, reference.sampleRate)
}

beforeAll(() => {
  if (!ready) return
  files = makePhoneMemos(tmp.dir, { stamp: '2026-09-14T12:00:00Z' })
  other = makePhoneMemos(tmp.dir, { sentence: OTHER_SENTENCE, prefix: 'other-' })
  reference = decodeWav(new Uint8Array(readFileSync(files.wav)))
}, 120_000) // ten files through ffmpeg and sox, on a loaded machine
afterAll(() => tmp.cleanup())

describe.skipIf(!ready)('phone voice notes: decoding for import', () => {
  it.each(PHONE_FORMATS.filter((f) => f !== 'flac'))('%s decodes to the same speech as the WAV it was made from', async (format) => {
    const decoded = await decodedAtReferenceRate(files[format])
    expect(Math.abs(decoded.length - reference.samples.length) / reference.sampleRate).toBeLessThan(0.03)
    const { a, b, lag } = aligned(reference.samples, decoded, reference.sampleRate)
    expect(Math.abs(lag)).toBeLessThan(0.05 * reference.sampleRate)
    expect(envelopeCorrelation(a, b, reference.sampleRate)).toBeGreaterThanOrEqual(0.99)
    expect(mfccDistance(a, b, reference.sampleRate)).toBeLessThanOrEqual(0.4)
    expect(snrDb(a, b)).toBeGreaterThanOrEqual(MIN_SNR_DB[format as Exclude<PhoneFormat, 'flac'>])
  })

  it('FLAC is lossless: at most one 16-bit step from the WAV', async () => {
    const decoded = await decodedAtReferenceRate(files.flac)
    expect(decoded.length).toBe(reference.samples.length)
    let worst = 0
    for (let i = 0; i < decoded.length; i++) worst = Math.max(worst, Math.abs(decoded[i]! - reference.samples[i]!))
    expect(worst * 32768).toBeLessThanOrEqual(1)
  })

  it('the same measures tell another sentence apart (the tolerances can fail)', async () => {
    const decoded = await decodedAtReferenceRate(other.m4a)
    const { a, b } = aligned(reference.samples, decoded, reference.sampleRate)
    expect(envelopeCorrelation(a, b, reference.sampleRate)).toBeLessThan(0.5)
    expect(mfccDistance(a, b, reference.sampleRate)).toBeGreaterThan(0.8)
    expect(snrDb(a, b)).toBeLessThan(3)
  })

  it('refuses, by name, a file that is no audio or is damaged', async () => {
    const noise = new Uint8Array(4096).map((_, i) => (i * 7919) % 251)
    await expect(decodeForImport(noise, 'memo.m4a')).rejects.toMatchObject({ name: 'AudioImportError', code: 'unsupported-format', message: expect.stringMatching(/^memo\.m4a is not an audio file/) })
    await expect(decodeForImport(new TextEncoder().encode('hello'), 'notes.mp3')).rejects.toBeInstanceOf(AudioImportError)
    // An M4A cut short: ffmpeg writes the index (moov) last, so the audio cannot be found.
    const m4a = readFileSync(files.m4a)
    await expect(decodeForImport(new Uint8Array(m4a.subarray(0, Math.floor(m4a.length * 0.6))), 'cut.m4a')).rejects.toMatchObject({ code: 'undecodable', message: expect.stringContaining('cut.m4a') })
  })
})

describe.skipIf(!ready)('phone voice notes: the recording day', () => {
  it('reads the container format by its bytes and the recording date each phone format carries', () => {
    const read = (path: string) => new Uint8Array(readFileSync(path))
    expect(PHONE_FORMATS.map((f) => detectContainer(read(files[f])))).toEqual(['mp4', 'mp3', 'ogg', 'ogg', 'flac'])
    for (const f of PHONE_FORMATS) expect([f, recordedDay(read(files[f]))]).toEqual([f, '2026-09-14'])
    expect(recordedDay(read(other.m4a))).toBeNull()
    expect(recordedDay(read(files.wav))).toBeNull()
  })

  it("falls back to the file's modification day, and never to an impossible one", () => {
    const bytes = new Uint8Array(readFileSync(other.mp3))
    const path = join(tmp.dir, 'touched.mp3')
    writeFileSync(path, bytes)
    utimesSync(path, new Date(2026, 7, 3, 10), new Date(2026, 7, 3, 10))
    const now = new Date(2026, 10, 30)
    expect(memoDayOf(bytes, new Date(2026, 7, 3, 10).getTime(), now)).toEqual({ day: '2026-08-03', source: 'modified' })
    expect(memoDayOf(bytes, new Date(2027, 0, 1).getTime(), now)).toEqual({ day: '2026-11-30', source: 'today' })
    // A recording date from the future (a wrong phone clock) is not believed either.
    expect(recordedDay(new Uint8Array(readFileSync(files.m4a)), new Date(2026, 0, 1))).toBeNull()
  })
})
