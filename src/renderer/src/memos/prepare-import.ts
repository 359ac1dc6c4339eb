/**
 * A file the writer drops or picks, made ready for `memos.import`: WAV goes as it is (decoded in the
 * analysis process); phone formats (M4A/AAC, MP3, Ogg/Opus, FLAC…) are decoded here by the
 * browser's own decoder (Web Audio `decodeAudioData`; the page's CSP forbids WebAssembly), mixed
 * to mono at 16 kHz and sent as a 16-bit WAV. The memo's day is the container's recording date,
 * else the file's last-modified day (`File.lastModified`), as `haru memos add` does.
 */
import { detectContainer, memoDayOf, type MemoDaySource } from '../../../shared/audio/container'
import { encodeWav16 } from '../../../shared/audio/wav'

/** The voice model's rate: decoding straight to it keeps the upload a third of 48 kHz's. */
const DECODE_RATE = 16_000
/** An hour at 16 kHz is 115 MB of WAV, within what `memos.import` accepts (120 MB). */
export { MAX_IMPORT_MINUTES } from '../../../shared/api/limits'
import { MAX_IMPORT_MINUTES } from '../../../shared/api/limits'

export class MemoImportError extends Error {
  constructor(readonly code: 'unsupported' | 'undecodable' | 'tooLong') {
    super(code)
    this.name = 'MemoImportError'
  }
}

export interface PreparedImport {
  wav: Uint8Array
  day: string
  dayFrom: MemoDaySource
}

function mono(buffer: AudioBuffer): Float32Array {
  if (buffer.numberOfChannels === 1) return buffer.getChannelData(0)
  const out = new Float32Array(buffer.length)
  for (let c = 0; c < buffer.numberOfChannels; c++) {
    const channel = buffer.getChannelData(c)
    for (let i = 0; i < out.length; i++) out[i]! += channel[i]! / buffer.numberOfChannels
  }
  return out
}

export async function prepareMemoImport(file: File): Promise<PreparedImport> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  const { day, source } = memoDayOf(bytes, file.lastModified)
  const container = detectContainer(bytes)
  if (container === 'wav') return { wav: bytes, day, dayFrom: source }
  if (container === null) throw new MemoImportError('unsupported')
  let decoded: AudioBuffer
  try {
    // decodeAudioData takes the buffer over (detaches it): give it a copy.
    decoded = await new OfflineAudioContext(1, 1, DECODE_RATE).decodeAudioData(bytes.slice().buffer)
  } catch {
    throw new MemoImportError('undecodable')
  }
  if (decoded.length === 0) throw new MemoImportError('undecodable')
  if (decoded.duration > MAX_IMPORT_MINUTES * 60) throw new MemoImportError('tooLong')
  return { wav: encodeWav16(mono(decoded), decoded.sampleRate), day, dayFrom: source }
}
