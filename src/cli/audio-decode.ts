/**
 * Phone voice notes for `haru memos add`: MP3, Ogg (Opus or Vorbis) and FLAC are decoded here with
 * the audiojs WebAssembly decoders (see README, "Dependencies"); M4A/AAC with the system's ffmpeg
 * (every free AAC decoder on npm is GPL FAAD2, which an MIT app must not bundle). The audio is mixed
 * to mono and handed to the app's own import as a 16-bit WAV, so from there on a phone memo is stored
 * and analysed exactly like a WAV one. The app does the same in its page with the browser's decoder.
 */
import { MAX_IMPORT_BYTES } from '../shared/api/memos-schemas'
import { decodeWithFfmpeg } from './ffmpeg-decode'
import { detectContainer, type AudioContainer } from '../shared/audio/container'
import { encodeWav16 } from '../shared/audio/wav'

interface Decoded {
  channelData: Float32Array[]
  sampleRate: number
}
type Decoder = (bytes: Uint8Array) => Promise<Decoded>

/** Loaded on first use: each is a WebAssembly module that only this command needs. */
const DECODERS: Record<Exclude<AudioContainer, 'wav'>, { name: string; load(bytes: Uint8Array): Promise<Decoder> }> = {
  mp4: { name: 'M4A/AAC', load: async () => decodeWithFfmpeg },
  aac: { name: 'AAC', load: async () => decodeWithFfmpeg },
  mp3: { name: 'MP3', load: async () => (await import('@audio/decode-mp3')).default },
  flac: { name: 'FLAC', load: async () => (await import('@audio/decode-flac')).default },
  ogg: {
    name: 'Ogg',
    // Opus (most phone recorders) or Vorbis: the first page says which.
    load: async (bytes) => (isOpus(bytes) ? (await import('@audio/decode-opus')).default : (await import('@audio/decode-vorbis')).default)
  }
}

const isOpus = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 64)).includes('OpusHead')

export const SUPPORTED_FORMATS = 'WAV, M4A/AAC, MP3, OGG/Opus, FLAC'

/** A file `haru memos add` cannot turn into audio; nothing is stored. */
export class AudioImportError extends Error {
  constructor(
    readonly code: 'unsupported-format' | 'undecodable' | 'too-long',
    message: string
  ) {
    super(message)
    this.name = 'AudioImportError'
  }
}

/** Averages the channels (a phone's stereo is the same voice twice, or a second microphone). */
export function mixToMono(channels: Float32Array[]): Float32Array {
  if (channels.length === 1) return channels[0]!
  const length = Math.min(...channels.map((c) => c.length))
  const mono = new Float32Array(length)
  for (const c of channels) for (let i = 0; i < length; i++) mono[i]! += c[i]! / channels.length
  return mono
}

export interface DecodedMemo {
  container: AudioContainer
  /** A WAV to give to `memos.import`: the file itself for a WAV, else its decoded audio as 16-bit mono. */
  wav: Uint8Array
  sampleRate: number | null
  durationSec: number | null
}

/** Turns a phone's audio file into what the import takes; refuses, naming the file, what it cannot decode. */
export async function decodeForImport(bytes: Uint8Array, name: string): Promise<DecodedMemo> {
  if (bytes.length === 0) throw new AudioImportError('undecodable', `cannot import ${name}: the file is empty (0 bytes); nothing was stored`)
  const container = detectContainer(bytes)
  if (container === 'wav') return { container, wav: bytes, sampleRate: null, durationSec: null }
  if (!container) throw new AudioImportError('unsupported-format', `${name} is not an audio file Haru can read (${SUPPORTED_FORMATS}); nothing was stored`)
  const decoder = DECODERS[container]
  let decoded: Decoded
  try {
    decoded = await (await decoder.load(bytes))(bytes)
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') {
      throw new AudioImportError('unsupported-format', `${name} is ${decoder.name}: haru memos add decodes it with ffmpeg, which is not installed (the app imports it without); nothing was stored`)
    }
    throw new AudioImportError('undecodable', `${name} could not be decoded as ${decoder.name} (${(err as Error).message}); nothing was stored`)
  }
  const samples = decoded?.channelData?.length ? mixToMono(decoded.channelData) : new Float32Array(0)
  if (samples.length === 0 || !(decoded.sampleRate > 0)) {
    throw new AudioImportError('undecodable', `${name} has no audio Haru can decode as ${decoder.name} (damaged or empty); nothing was stored`)
  }
  const wav = encodeWav16(samples, decoded.sampleRate)
  if (wav.length > MAX_IMPORT_BYTES) {
    const minutes = Math.floor(MAX_IMPORT_BYTES / 2 / decoded.sampleRate / 60)
    throw new AudioImportError('too-long', `${name} is too long to import (${(samples.length / decoded.sampleRate / 60).toFixed(0)} minutes; at most about ${minutes} at its rate); nothing was stored`)
  }
  return { container, wav, sampleRate: decoded.sampleRate, durationSec: samples.length / decoded.sampleRate }
}
