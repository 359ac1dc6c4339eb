import { AudioDecodeError, AudioProcessingError } from './errors'

export { AudioDecodeError } from './errors'

export interface DecodedWav {
  sampleRate: number
  /** Channels in the file; `samples` is always their mono mix. */
  channels: number
  /** Mono float32 samples, scaled like libsndfile (16-bit `s` → `s/32768`). */
  samples: Float32Array
  durationSec: number
}

const WAVE_FORMAT_PCM = 0x0001
const WAVE_FORMAT_IEEE_FLOAT = 0x0003
const WAVE_FORMAT_EXTENSIBLE = 0xfffe
/** Bytes 2..15 shared by every KSDATAFORMAT_SUBTYPE_* GUID; bytes 0..1 carry the format tag. */
const KSDATAFORMAT_GUID_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71]
/** Streaming writers put this in the data size when they cannot seek back to patch it. */
const UNKNOWN_SIZE = 0xffffffff

interface Format {
  encoding: 'pcm' | 'float'
  channels: number
  sampleRate: number
  /** Bytes per sample container (1..4 for PCM, 4 or 8 for float). */
  bytesPerSample: number
  blockAlign: number
}

function fourcc(view: DataView, offset: number): string {
  return String.fromCharCode(view.getUint8(offset), view.getUint8(offset + 1), view.getUint8(offset + 2), view.getUint8(offset + 3))
}

function parseFmt(view: DataView, offset: number, size: number): Format {
  if (size < 16) throw new AudioDecodeError('malformed', `WAV fmt chunk is ${size} bytes; at least 16 are required`)
  let tag = view.getUint16(offset, true)
  const channels = view.getUint16(offset + 2, true)
  const sampleRate = view.getUint32(offset + 4, true)
  const blockAlign = view.getUint16(offset + 12, true)
  const bits = view.getUint16(offset + 14, true)

  if (tag === WAVE_FORMAT_EXTENSIBLE) {
    if (size < 40) throw new AudioDecodeError('malformed', `WAVE_FORMAT_EXTENSIBLE fmt chunk is ${size} bytes; 40 are required`)
    const guid = offset + 24
    for (let i = 0; i < KSDATAFORMAT_GUID_TAIL.length; i++) {
      if (view.getUint8(guid + 2 + i) !== KSDATAFORMAT_GUID_TAIL[i]) {
        throw new AudioDecodeError('unsupported-format', 'WAVE_FORMAT_EXTENSIBLE with a non-standard SubFormat GUID is not supported')
      }
    }
    tag = view.getUint16(guid, true)
  }
  if (channels === 0) throw new AudioDecodeError('malformed', 'WAV header declares 0 channels')
  if (sampleRate === 0) throw new AudioDecodeError('malformed', 'WAV header declares a sample rate of 0 Hz')

  const encoding = tag === WAVE_FORMAT_PCM ? 'pcm' : tag === WAVE_FORMAT_IEEE_FLOAT ? 'float' : null
  if (encoding === null) {
    throw new AudioDecodeError(
      'unsupported-format',
      `WAV format tag 0x${tag.toString(16).padStart(4, '0')} is not supported (only PCM and IEEE float)`
    )
  }
  // The container size comes from blockAlign when it is consistent: a 12-bit PCM file still
  // stores each sample in 2 bytes, left-justified, which scaling by the container handles.
  const minBytes = Math.ceil(bits / 8)
  const fromAlign = blockAlign / channels
  const bytesPerSample = Number.isInteger(fromAlign) && fromAlign >= minBytes && fromAlign > 0 ? fromAlign : minBytes
  const ok = encoding === 'pcm' ? bytesPerSample >= 1 && bytesPerSample <= 4 : bytesPerSample === 4 || bytesPerSample === 8
  if (!ok || bits === 0) {
    throw new AudioDecodeError('unsupported-format', `${bits}-bit ${encoding === 'pcm' ? 'PCM' : 'float'} WAV is not supported`)
  }
  return { encoding, channels, sampleRate, bytesPerSample, blockAlign: bytesPerSample * channels }
}

/** Reads one sample as float32 with libsndfile's scaling (8-bit is unsigned, centred on 128). */
function sampleReader(format: Format, view: DataView): (offset: number) => number {
  if (format.encoding === 'float') {
    return format.bytesPerSample === 4 ? (o) => view.getFloat32(o, true) : (o) => Math.fround(view.getFloat64(o, true))
  }
  switch (format.bytesPerSample) {
    case 1:
      return (o) => (view.getUint8(o) - 128) / 128
    case 2:
      return (o) => view.getInt16(o, true) / 32768
    case 3:
      return (o) => ((view.getUint8(o + 2) << 24) | (view.getUint8(o + 1) << 16) | (view.getUint8(o) << 8)) / 2147483648
    default:
      // libsndfile converts the int32 to float first, so keep its 24-bit rounding.
      return (o) => Math.fround(view.getInt32(o, true)) / 2147483648
  }
}

/** What a WAV's header says, read without decoding a sample. */
export interface WavInfo {
  sampleRate: number
  channels: number
  frames: number
  durationSec: number
}

/**
 * The header of a WAV: rate, channels and length, so a file can be refused (a 63 Hz rate, four
 * hours of audio) before decoding costs gigabytes. Throws the same errors `decodeWav` would.
 */
export function inspectWav(bytes: Uint8Array): WavInfo {
  const { format, frames } = readLayout(bytes)
  return { sampleRate: format.sampleRate, channels: format.channels, frames, durationSec: frames / format.sampleRate }
}

/**
 * Decodes a RIFF/WAVE file to mono float32 samples exactly as `librosa.load(path, sr=None)` does
 * (libsndfile scaling, channels averaged in float32). Only the declared `data` chunk is read, so
 * metadata chunks after it (`bext`, `LIST`, `id3 `) are never mistaken for audio.
 */
export function decodeWav(bytes: Uint8Array): DecodedWav {
  const { format, frames, dataOffset, view } = readLayout(bytes)
  const samples = mixToMono(view, dataOffset, frames, format)
  return { sampleRate: format.sampleRate, channels: format.channels, samples, durationSec: frames / format.sampleRate }
}

function readLayout(bytes: Uint8Array): { format: Format; frames: number; dataOffset: number; view: DataView } {
  if (bytes.length === 0) throw new AudioDecodeError('empty', 'the audio file is empty (0 bytes)')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const head = bytes.length >= 4 ? fourcc(view, 0) : ''
  if (bytes.length < 12) {
    const isRiffPrefix = 'RIFF'.startsWith(String.fromCharCode(...bytes.subarray(0, 4)))
    throw isRiffPrefix
      ? new AudioDecodeError('truncated', `the WAV file ends after ${bytes.length} bytes, inside its RIFF header`)
      : new AudioDecodeError('not-wav', 'this is not a WAV file (no RIFF/WAVE header)')
  }
  if (head === 'RIFX' || head === 'RF64') {
    throw new AudioDecodeError('unsupported-format', `${head} WAV files (big-endian or 64-bit sizes) are not supported`)
  }
  if (head !== 'RIFF' || fourcc(view, 8) !== 'WAVE') {
    throw new AudioDecodeError('not-wav', 'this is not a WAV file (no RIFF/WAVE header)')
  }

  let format: Format | null = null
  let dataOffset = -1
  let dataSize = 0
  let offset = 12
  while (offset + 8 <= bytes.length) {
    const id = fourcc(view, offset)
    const size = view.getUint32(offset + 4, true)
    const body = offset + 8
    if (id === 'fmt ') {
      if (body + Math.min(size, 40) > bytes.length) {
        throw new AudioDecodeError('truncated', 'the WAV file ends inside its fmt chunk')
      }
      format = parseFmt(view, body, size)
    } else if (id === 'data' && dataOffset < 0) {
      dataOffset = body
      if (size === UNKNOWN_SIZE) {
        dataSize = bytes.length - body
      } else if (body + size > bytes.length) {
        const missing = body + size - bytes.length
        throw new AudioDecodeError('truncated', `the WAV data chunk declares ${size} bytes but the file ends ${missing} bytes early`)
      } else {
        dataSize = size
      }
    }
    if (format && dataOffset >= 0) break
    // Chunks are word-aligned: an odd-sized chunk is followed by one pad byte.
    offset = body + size + (size & 1)
  }

  if (!format || dataOffset < 0) {
    const missing = !format ? 'fmt' : 'data'
    const riffEnd = view.getUint32(4, true) + 8
    throw riffEnd > bytes.length
      ? new AudioDecodeError('truncated', `the WAV file ends before its ${missing} chunk`)
      : new AudioDecodeError('malformed', `the WAV file has no ${missing} chunk`)
  }

  const frames = Math.floor(dataSize / format.blockAlign)
  if (frames === 0) throw new AudioDecodeError('empty', 'the WAV file contains no audio samples')
  return { format, frames, dataOffset, view }
}

/** Averages channels in float32 like numpy's `np.mean(y, axis=0)` on a float32 array. */
function mixToMono(view: DataView, dataOffset: number, frames: number, format: Format): Float32Array {
  const read = sampleReader(format, view)
  const { channels, bytesPerSample, blockAlign } = format
  const out = new Float32Array(frames)
  if (channels === 1) {
    for (let i = 0; i < frames; i++) out[i] = read(dataOffset + i * blockAlign)
    return out
  }
  for (let i = 0; i < frames; i++) {
    const frame = dataOffset + i * blockAlign
    let sum = read(frame)
    for (let c = 1; c < channels; c++) sum = Math.fround(sum + read(frame + c * bytesPerSample))
    out[i] = sum / channels
  }
  return out
}

/** The 44-byte header of a mono 16-bit PCM WAV holding `dataBytes` bytes of samples. */
export function wav16Header(dataBytes: number, sampleRate: number): Uint8Array {
  if (!Number.isInteger(sampleRate) || sampleRate <= 0 || sampleRate > 0xffffffff) {
    throw new AudioProcessingError('invalid-sample-rate', `a WAV sample rate must be a positive integer, got ${sampleRate}`)
  }
  const bytes = new Uint8Array(44)
  const view = new DataView(bytes.buffer)
  const ascii = (offset: number, text: string): void => {
    for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i))
  }
  ascii(0, 'RIFF')
  view.setUint32(4, 36 + dataBytes, true)
  ascii(8, 'WAVE')
  ascii(12, 'fmt ')
  view.setUint32(16, 16, true)
  view.setUint16(20, WAVE_FORMAT_PCM, true)
  view.setUint16(22, 1, true)
  view.setUint32(24, sampleRate, true)
  view.setUint32(28, sampleRate * 2, true)
  view.setUint16(32, 2, true)
  view.setUint16(34, 16, true)
  ascii(36, 'data')
  view.setUint32(40, dataBytes, true)
  return bytes
}

/**
 * Writes mono 16-bit PCM. Scales by 32768 (not libsndfile's 32767 on write) so that
 * `decodeWav(encodeWav16(x))` returns exactly `x` whenever `x` is already on the 16-bit grid,
 * i.e. a recording survives a save/load round trip bit for bit; values outside [-1, 1) clamp.
 */
export function encodeWav16(samples: Float32Array, sampleRate: number): Uint8Array {
  const dataBytes = samples.length * 2
  const bytes = new Uint8Array(44 + dataBytes)
  bytes.set(wav16Header(dataBytes, sampleRate))
  const view = new DataView(bytes.buffer)
  for (let i = 0; i < samples.length; i++) {
    const v = Math.round(samples[i]! * 32768)
    // NaN would otherwise become 0 silently through setInt16; make it explicit.
    view.setInt16(44 + i * 2, Number.isNaN(v) ? 0 : v > 32767 ? 32767 : v < -32768 ? -32768 : v, true)
  }
  return bytes
}
