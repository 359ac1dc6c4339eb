import { encodeWav16, resampleTo } from '../../shared/audio'
import type { NormalizeRecordingRequest, NormalizeRecordingResult } from '../../shared/analysis/protocol'
import { MAX_IMPORT_MINUTES } from '../../shared/api/memos-schemas'
import { MODEL_SAMPLE_RATE } from './engine'
import { decodeWavBytes } from './read-wav'

/** An imported memo is held to the documented import limit (60 minutes; recordings stop at 10). */
const IMPORT_BOUNDS = { maxSeconds: MAX_IMPORT_MINUTES * 60, limit: `an imported voice memo may be at most ${MAX_IMPORT_MINUTES} minutes` }

/**
 * An imported (or non-16 kHz) recording becomes what Haru stores for every memo: mono 16-bit WAV
 * at 16 kHz, returned as bytes for main to write (sealed in an encrypted diary). Runs in the
 * analysis process because resampling minutes of audio takes seconds. A file that cannot be
 * decoded, or whose header declares a rate outside 8–192 kHz or more than the import limit,
 * throws the decoder's typed error (before decoding).
 */
export async function normalizeRecording(req: NormalizeRecordingRequest): Promise<NormalizeRecordingResult> {
  const wav = decodeWavBytes(req.data, IMPORT_BOUNDS)
  if (wav.samples.length === 0) throw Object.assign(new Error('the recording has no audio samples'), { code: 'empty' })
  const samples = wav.sampleRate === MODEL_SAMPLE_RATE ? wav.samples : await resampleTo(wav.samples, wav.sampleRate, MODEL_SAMPLE_RATE)
  return {
    wav: encodeWav16(samples, MODEL_SAMPLE_RATE),
    durationSec: samples.length / MODEL_SAMPLE_RATE,
    sampleRate: MODEL_SAMPLE_RATE,
    sourceRate: wav.sampleRate,
    channels: wav.channels
  }
}
