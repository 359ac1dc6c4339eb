import { basename, dirname, join } from 'node:path'
import { existsSync } from 'node:fs'
import { resampleTo } from '../../shared/audio'
import { ANALYSIS_BOUNDS, decodeWavBytes } from '../audio/read-wav'
import type { TranscribeRequest } from '../../shared/analysis/protocol'
import { WHISPER_FILES } from '../../shared/asr'

/**
 * The one seam between Haru and a speech-to-text engine: 16 kHz mono samples in, text out.
 * Whisper through `@huggingface/transformers` is the implementation; no model can be fetched on
 * the machines this project is built on, so this code path runs only where a user downloaded one.
 */
export interface Transcriber {
  transcribe(samples16k: Float32Array): Promise<string>
}

export class AsrError extends Error {
  constructor(
    readonly code: 'asr-model-missing' | 'asr-model-invalid' | 'asr-failed',
    message: string
  ) {
    super(message)
  }
}

async function createWhisperTranscriber(modelDir: string): Promise<Transcriber> {
  const missing = WHISPER_FILES.filter((f) => !existsSync(join(modelDir, ...f.split('/'))))
  if (missing.length) throw new AsrError('asr-model-missing', `no complete Whisper model in ${modelDir} (missing ${missing.join(', ')}); download one in Settings`)
  const { env, pipeline } = await import('@huggingface/transformers')
  // Local files only: a transcription must never reach the network.
  env.allowRemoteModels = false
  env.allowLocalModels = true
  env.localModelPath = dirname(modelDir)
  let asr: Awaited<ReturnType<typeof pipeline<'automatic-speech-recognition'>>>
  try {
    asr = await pipeline('automatic-speech-recognition', basename(modelDir), { dtype: 'q8', local_files_only: true })
  } catch (err) {
    throw new AsrError('asr-model-invalid', `the Whisper model in ${modelDir} cannot be loaded: ${(err as Error).message}`)
  }
  return {
    async transcribe(samples) {
      const out = await asr(samples, { language: 'korean', task: 'transcribe', chunk_length_s: 30, stride_length_s: 5 })
      return (Array.isArray(out) ? out.map((o) => o.text).join(' ') : out.text).trim()
    }
  }
}

const transcribers = new Map<string, Promise<Transcriber>>()

export async function transcribeWav(req: TranscribeRequest): Promise<{ text: string }> {
  const transcriber = transcribers.get(req.modelDir) ?? createWhisperTranscriber(req.modelDir)
  if (!transcribers.has(req.modelDir)) {
    transcriber.catch(() => transcribers.delete(req.modelDir))
    transcribers.set(req.modelDir, transcriber)
  }
  const wav = decodeWavBytes(req.wav, ANALYSIS_BOUNDS)
  const samples = wav.sampleRate === 16000 ? wav.samples : await resampleTo(wav.samples, wav.sampleRate, 16000)
  return { text: await (await transcriber).transcribe(samples) }
}
