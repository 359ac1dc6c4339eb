import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { decodeWav, encodeWav16, resampleTo } from '../../shared/audio'
import type { NormalizeRecordingRequest, NormalizeRecordingResult } from '../../shared/analysis/protocol'
import { MODEL_SAMPLE_RATE } from './engine'

/**
 * An imported (or non-16 kHz) recording becomes what Haru stores for every memo: mono 16-bit WAV
 * at 16 kHz. Runs in the analysis process because resampling minutes of audio takes seconds.
 * A file that cannot be decoded throws the decoder's typed error and writes nothing.
 */
export async function normalizeRecording(req: NormalizeRecordingRequest): Promise<NormalizeRecordingResult> {
  const wav = decodeWav(new Uint8Array(await readFile(req.inPath)))
  if (wav.samples.length === 0) throw Object.assign(new Error('the recording has no audio samples'), { code: 'empty' })
  const samples = wav.sampleRate === MODEL_SAMPLE_RATE ? wav.samples : await resampleTo(wav.samples, wav.sampleRate, MODEL_SAMPLE_RATE)
  await mkdir(dirname(req.outPath), { recursive: true })
  const tmp = `${req.outPath}.tmp`
  await writeFile(tmp, encodeWav16(samples, MODEL_SAMPLE_RATE))
  await rename(tmp, req.outPath)
  return { durationSec: samples.length / MODEL_SAMPLE_RATE, sampleRate: MODEL_SAMPLE_RATE, sourceRate: wav.sampleRate, channels: wav.channels }
}
