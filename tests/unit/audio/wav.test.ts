import { hasShared } from '../../helpers/shared-data'
import { AudioDecodeError, decodeWav, encodeWav16 } from '../../../src/shared/audio/wav'
import { AudioProcessingError } from '../../../src/shared/audio/errors'
import { FIXTURE_DIR, readFixtureBytes } from './fixtures'

interface WavSpec {
  formatTag?: number
  channels?: number
  sampleRate?: number
  bits: number
  /** Raw interleaved sample bytes for the data chunk. */
  data: Uint8Array
  extensible?: boolean
  /** Chunks placed between fmt and data, and after data. */
  before?: { id: string; body: Uint8Array }[]
  after?: { id: string; body: Uint8Array }[]
  dataSizeOverride?: number
}

function chunk(id: string, body: Uint8Array, declared = body.length): Uint8Array {
  const out = new Uint8Array(8 + body.length + (body.length & 1))
  const view = new DataView(out.buffer)
  for (let i = 0; i < 4; i++) out[i] = id.charCodeAt(i)
  view.setUint32(4, declared, true)
  out.set(body, 8)
  return out
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
  }
  return out
}

/** Builds a WAV independently of the code under test, from raw sample bytes. */
function buildWav(spec: WavSpec): Uint8Array {
  const channels = spec.channels ?? 1
  const sampleRate = spec.sampleRate ?? 16000
  const tag = spec.formatTag ?? 1
  const blockAlign = channels * Math.ceil(spec.bits / 8)
  const fmt = new Uint8Array(spec.extensible ? 40 : 16)
  const v = new DataView(fmt.buffer)
  v.setUint16(0, spec.extensible ? 0xfffe : tag, true)
  v.setUint16(2, channels, true)
  v.setUint32(4, sampleRate, true)
  v.setUint32(8, sampleRate * blockAlign, true)
  v.setUint16(12, blockAlign, true)
  v.setUint16(14, spec.bits, true)
  if (spec.extensible) {
    v.setUint16(16, 22, true)
    v.setUint16(18, spec.bits, true)
    v.setUint32(20, channels === 2 ? 3 : 4, true)
    v.setUint16(24, tag, true)
    fmt.set([0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71], 26)
  }
  const body = concat([
    new TextEncoder().encode('WAVE'),
    chunk('fmt ', fmt),
    ...(spec.before ?? []).map((c) => chunk(c.id, c.body)),
    chunk('data', spec.data, spec.dataSizeOverride ?? spec.data.length),
    ...(spec.after ?? []).map((c) => chunk(c.id, c.body))
  ])
  const riff = chunk('RIFF', body)
  return riff.subarray(0, 8 + body.length)
}

function le(bytesPer: number, values: number[], write: (v: DataView, o: number, x: number) => void): Uint8Array {
  const out = new Uint8Array(values.length * bytesPer)
  const view = new DataView(out.buffer)
  values.forEach((x, i) => write(view, i * bytesPer, x))
  return out
}
const int16 = (values: number[]): Uint8Array => le(2, values, (v, o, x) => v.setInt16(o, x, true))
const int24 = (values: number[]): Uint8Array =>
  le(3, values, (v, o, x) => {
    v.setUint8(o, x & 0xff)
    v.setUint8(o + 1, (x >> 8) & 0xff)
    v.setUint8(o + 2, (x >> 16) & 0xff)
  })
const int32 = (values: number[]): Uint8Array => le(4, values, (v, o, x) => v.setInt32(o, x, true))
const float32 = (values: number[]): Uint8Array => le(4, values, (v, o, x) => v.setFloat32(o, x, true))
const float64 = (values: number[]): Uint8Array => le(8, values, (v, o, x) => v.setFloat64(o, x, true))

function decodeError(bytes: Uint8Array): AudioDecodeError {
  try {
    decodeWav(bytes)
  } catch (e) {
    if (e instanceof AudioDecodeError) return e
    throw e
  }
  throw new Error('decodeWav accepted the input')
}

describe('decodeWav: sample formats', () => {
  it('8-bit PCM is unsigned around 128', () => {
    const w = decodeWav(buildWav({ bits: 8, data: Uint8Array.from([0, 64, 128, 192, 255]) }))
    expect(Array.from(w.samples)).toEqual([-1, -0.5, 0, 0.5, 127 / 128])
  })

  it('16-bit PCM scales by 1/32768', () => {
    const w = decodeWav(buildWav({ bits: 16, data: int16([-32768, -16384, 0, 1, 32767]), sampleRate: 22050 }))
    expect(Array.from(w.samples)).toEqual([-1, -0.5, 0, 1 / 32768, 32767 / 32768])
    expect(w).toMatchObject({ sampleRate: 22050, channels: 1, durationSec: 5 / 22050 })
  })

  it('24-bit PCM scales by 1/2^23, sign included', () => {
    const w = decodeWav(buildWav({ bits: 24, data: int24([-8388608, -1, 0, 1, 4194304, 8388607]) }))
    expect(Array.from(w.samples)).toEqual([-1, -1 / 8388608, 0, 1 / 8388608, 0.5, Math.fround(8388607 / 8388608)])
  })

  it('32-bit PCM goes through float32 like libsndfile (2^31−1 reads as 1.0)', () => {
    const w = decodeWav(buildWav({ bits: 32, data: int32([-2147483648, 0, 1073741824, 2147483647, 300]) }))
    expect(Array.from(w.samples)).toEqual([-1, 0, 0.5, 1, 300 / 2147483648])
  })

  it('32-bit float is kept as is, out-of-range values included', () => {
    const w = decodeWav(buildWav({ formatTag: 3, bits: 32, data: float32([0.25, -0.75, 1.5]) }))
    expect(Array.from(w.samples)).toEqual([0.25, -0.75, 1.5])
  })

  it('64-bit float is rounded to float32', () => {
    const w = decodeWav(buildWav({ formatTag: 3, bits: 64, data: float64([0.1, -0.3]) }))
    expect(Array.from(w.samples)).toEqual([Math.fround(0.1), Math.fround(-0.3)])
  })

  it('WAVE_FORMAT_EXTENSIBLE PCM and float decode through their SubFormat', () => {
    const pcm = decodeWav(buildWav({ extensible: true, channels: 2, bits: 16, data: int16([16384, -16384, 32767, 32767]) }))
    expect(pcm.channels).toBe(2)
    expect(Array.from(pcm.samples)).toEqual([0, 32767 / 32768])
    const flt = decodeWav(buildWav({ extensible: true, formatTag: 3, bits: 32, data: float32([0.5, -0.25]) }))
    expect(Array.from(flt.samples)).toEqual([0.5, -0.25])
  })

  it('mixes any channel count to mono by averaging in float32', () => {
    const w = decodeWav(buildWav({ channels: 3, bits: 16, data: int16([3, 6, 9, -32768, -32768, 32767]) }))
    expect(w.channels).toBe(3)
    expect(w.samples.length).toBe(2)
    expect(w.samples[0]).toBe(Math.fround(18 / 32768 / 3))
    expect(w.samples[1]).toBe(Math.fround((-1 - 1 + 32767 / 32768) / 3))
  })

  it('honours odd chunk padding and chunks after the data', () => {
    const w = decodeWav(
      buildWav({
        bits: 8,
        data: Uint8Array.from([128, 255, 0]), // odd data size: pad byte follows
        before: [{ id: 'LIST', body: Uint8Array.from([1, 2, 3]) }],
        after: [{ id: 'junk', body: new Uint8Array(7).fill(0x7f) }]
      })
    )
    expect(Array.from(w.samples)).toEqual([0, 127 / 128, -1])
  })

  it('reads to the end when a streaming writer left the data size as 0xFFFFFFFF', () => {
    const w = decodeWav(buildWav({ bits: 16, data: int16([100, 200, 300]), dataSizeOverride: 0xffffffff }))
    expect(Array.from(w.samples)).toEqual([100 / 32768, 200 / 32768, 300 / 32768])
  })

  it('drops a trailing partial frame', () => {
    const w = decodeWav(buildWav({ channels: 2, bits: 16, data: concat([int16([10, 20]), Uint8Array.from([1, 2])]) }))
    expect(Array.from(w.samples)).toEqual([15 / 32768])
  })
})

describe('decodeWav: bad input raises AudioDecodeError with a stable code', () => {
  const valid = buildWav({ bits: 16, data: int16([1, 2, 3, 4]) })

  it.each([
    ['0 bytes', new Uint8Array(0), 'empty'],
    ['a valid header with no samples', buildWav({ bits: 16, data: new Uint8Array(0) }), 'empty'],
    ['an MP3 (ID3 tag)', new TextEncoder().encode('ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000 some mp3 frames'), 'not-wav'],
    ['text', new TextEncoder().encode('hello, this is not audio at all'), 'not-wav'],
    ['a RIFF that is not WAVE (AVI)', concat([new TextEncoder().encode('RIFF'), new Uint8Array(4), new TextEncoder().encode('AVI LIST')]), 'not-wav'],
    ['only "RIF"', new TextEncoder().encode('RIF'), 'truncated'],
    ['a header cut inside fmt', valid.subarray(0, 30), 'truncated'],
    ['a header cut before the data chunk', valid.subarray(0, 36), 'truncated'],
    ['data cut short of its declared size', valid.subarray(0, valid.length - 3), 'truncated'],
    ['IMA ADPCM', buildWav({ formatTag: 0x11, bits: 4, data: new Uint8Array(8) }), 'unsupported-format'],
    ['µ-law', buildWav({ formatTag: 7, bits: 8, data: new Uint8Array(8) }), 'unsupported-format'],
    ['64-bit integer PCM', buildWav({ bits: 64, data: new Uint8Array(16) }), 'unsupported-format'],
    ['16-bit "float"', buildWav({ formatTag: 3, bits: 16, data: new Uint8Array(8) }), 'unsupported-format'],
    ['big-endian RIFX', concat([new TextEncoder().encode('RIFX'), valid.subarray(4)]), 'unsupported-format'],
    ['0 channels', buildWav({ channels: 0, bits: 16, data: new Uint8Array(8) }), 'malformed'],
    ['no data chunk', concat([new TextEncoder().encode('RIFF'), Uint8Array.of(28, 0, 0, 0), valid.subarray(8, 36)]), 'malformed']
  ] as const)('%s → %s', (_label, bytes, code) => {
    const err = decodeError(bytes)
    expect(err.code).toBe(code)
    expect(err.name).toBe('AudioDecodeError')
    expect(err.message.length).toBeGreaterThan(10)
  })

  it('random bytes never crash with anything but AudioDecodeError', () => {
    let seed = 12345
    const rand = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) & 0xff
    for (let n = 0; n < 200; n++) {
      const bytes = Uint8Array.from({ length: 1 + (n % 60) }, rand)
      if (n % 2) bytes.set(new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000WAVE').subarray(0, bytes.length))
      try {
        decodeWav(bytes)
      } catch (e) {
        expect(e).toBeInstanceOf(AudioDecodeError)
      }
    }
  })
})

describe('encodeWav16', () => {
  it('round-trips 16-bit-grid samples exactly and clamps the rest', () => {
    const grid = Float32Array.from([0, 1 / 32768, -1, 32767 / 32768, -12345 / 32768])
    const back = decodeWav(encodeWav16(grid, 16000))
    expect(back).toMatchObject({ sampleRate: 16000, channels: 1 })
    expect(Array.from(back.samples)).toEqual(Array.from(grid))
    const wild = decodeWav(encodeWav16(Float32Array.from([1.5, -3, 1, Number.NaN, 0.5]), 8000))
    expect(Array.from(wild.samples)).toEqual([32767 / 32768, -1, 32767 / 32768, 0, 0.5])
  })

  it('writes a canonical 44-byte header', () => {
    const bytes = encodeWav16(new Float32Array(3), 44100)
    expect(bytes.length).toBe(44 + 6)
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('RIFF')
    expect(new DataView(bytes.buffer).getUint32(24, true)).toBe(44100)
  })

  it('rejects an invalid sample rate', () => {
    expect(() => encodeWav16(new Float32Array(1), 0)).toThrow(AudioProcessingError)
    expect(() => encodeWav16(new Float32Array(1), 44.1)).toThrow(AudioProcessingError)
  })
})

describe.skipIf(!hasShared(FIXTURE_DIR))('decodeWav on the fixtures', () => {
  it('reads only the data chunk of M0001_114169.wav (a bext chunk follows it)', () => {
    const bytes = readFixtureBytes('M0001_114169.wav')
    const w = decodeWav(bytes)
    expect(w.sampleRate).toBe(48000)
    expect(w.channels).toBe(1)
    expect(w.samples.length).toBe(201270)
    expect(w.durationSec).toBeCloseTo(4.193, 3)
    // The last sample is the int16 just before the bext chunk header, not metadata.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    expect(w.samples[201269]).toBe(view.getInt16(44 + 201269 * 2, true) / 32768)
    expect(new TextDecoder().decode(bytes.subarray(44 + 201270 * 2, 44 + 201270 * 2 + 4))).toBe('bext')
  })

  it('mixes the stereo fixture to (L+R)/2 with L equal to ko_angry', () => {
    const bytes = readFixtureBytes('ko_angry_stereo_16k.wav')
    const stereo = decodeWav(bytes)
    const mono = decodeWav(readFixtureBytes('ko_angry_s190_p70_16k.wav'))
    expect(stereo.channels).toBe(2)
    expect(stereo.samples.length).toBe(46804)
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    let leftMismatch = 0
    let mixMismatch = 0
    let channelsDiffer = 0
    for (let i = 0; i < stereo.samples.length; i++) {
      const l = view.getInt16(44 + i * 4, true) / 32768
      const r = view.getInt16(46 + i * 4, true) / 32768
      if (l !== mono.samples[i]) leftMismatch++
      if (l !== r) channelsDiffer++
      if (stereo.samples[i] !== Math.fround(Math.fround(l + r) / 2)) mixMismatch++
    }
    expect(leftMismatch).toBe(0)
    expect(mixMismatch).toBe(0)
    expect(channelsDiffer).toBeGreaterThan(30000) // R really is a different channel (silent parts aside)
  })

  it('a fixture cut mid-data is reported as truncated', () => {
    const bytes = readFixtureBytes('short_0p10s_16k.wav')
    expect(decodeError(bytes.subarray(0, 1000)).code).toBe('truncated')
  })
})
