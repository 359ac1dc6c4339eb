import { checkAudioBounds, type AudioBounds } from '../../shared/audio/bounds'
import { decodeWav, inspectWav, type DecodedWav } from '../../shared/audio/wav'

/** A WAV Haru will decode is at most this large (10 minutes at 192 kHz in 32-bit stereo is 922 MB; nothing Haru makes comes close). */
export const MAX_WAV_FILE_BYTES = 1024 * 2 ** 20

export class WavTooLargeError extends Error {
  readonly code = 'unusable-file'
}

/**
 * Every WAV the analysis process decodes comes through here, as bytes main sent (the process
 * reads no files of the diary): of bounded size, with a header declaring a sane rate and length
 * (checked before decoding, which costs 4 bytes per sample per channel and more to resample).
 * Then it is decoded.
 */
export function decodeWavBytes(bytes: Uint8Array, bounds: AudioBounds): DecodedWav {
  if (bytes.length > MAX_WAV_FILE_BYTES) throw new WavTooLargeError(`the recording is too large (${Math.round(bytes.length / 2 ** 20)} MB; at most ${MAX_WAV_FILE_BYTES / 2 ** 20} MB)`)
  checkAudioBounds(inspectWav(bytes), bounds)
  return decodeWav(bytes)
}

/** Analyses of arbitrary files (the CLI's analyze-audio, mfcc; transcription): an hour at most. */
export const ANALYSIS_BOUNDS: AudioBounds = { maxSeconds: 3600, limit: 'Haru analyses recordings of at most one hour' }
