import { checkAudioBounds, type AudioBounds } from '../../shared/audio/bounds'
import { decodeWav, inspectWav, type DecodedWav } from '../../shared/audio/wav'
import { readRegularFile } from '../../main/files/regular-file'

/** A WAV Haru will decode is at most this large (10 minutes at 192 kHz in 32-bit stereo is 922 MB; nothing Haru makes comes close). */
export const MAX_WAV_FILE_BYTES = 1024 * 2 ** 20

/**
 * Every WAV the analysis process decodes comes through here: a regular file (a pipe or a link to
 * /dev/zero is refused before a byte is read), of bounded size, whose header declares a sane rate
 * and length (checked before decoding, which costs 4 bytes per sample per channel and more to
 * resample). Then it is decoded.
 */
export async function readWavFile(path: string, bounds: AudioBounds): Promise<DecodedWav> {
  const bytes = new Uint8Array(await readRegularFile(path, { maxBytes: MAX_WAV_FILE_BYTES }))
  checkAudioBounds(inspectWav(bytes), bounds)
  return decodeWav(bytes)
}

/** Analyses of arbitrary files (the CLI's analyze-audio, mfcc; transcription): an hour at most. */
export const ANALYSIS_BOUNDS: AudioBounds = { maxSeconds: 3600, limit: 'Haru analyses recordings of at most one hour' }
