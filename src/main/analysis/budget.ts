import type { AnalysisOperation, AnalysisOperations } from '../../shared/analysis/protocol'

/**
 * How long one analysis request may take before it is given up and the process restarted, sized
 * to the work instead of one 120 s limit for everything (a stuck request used to hold up every
 * analysis behind it for two minutes). A process that hangs outright is caught sooner, by its
 * heartbeat (host.ts); this limit catches one that still answers heartbeats but never replies.
 *
 * The allowances are one to two orders of magnitude above what the work takes here (README
 * benchmarks: 60 s of audio ≈ 0.2 s in full mode; a 1 MB paste ≈ 0.7 s of text analysis), so a
 * slow or busy computer never trips them; the floor covers starting the process and loading a model.
 */
const FLOOR_MS = 15_000
/** The fewest bytes one second of WAV can take (8 kHz, 8-bit, mono): the most audio a file can hold. */
const MIN_BYTES_PER_AUDIO_SECOND = 8000

/** Audio travels as bytes (protocol.ts); anything else (a malformed payload) gets the floor. */
function audioSecondsAtMost(bytes: unknown): number {
  return bytes instanceof Uint8Array ? bytes.length / MIN_BYTES_PER_AUDIO_SECOND : 0
}

export function operationBudgetMs<Op extends AnalysisOperation>(op: Op, payload: AnalysisOperations[Op][0]): number {
  switch (op) {
    case 'ping':
      return 5_000
    case 'analyze-text':
      return FLOOR_MS + 0.5 * (payload as AnalysisOperations['analyze-text'][0]).text.length
    case 'analyze-audio':
    case 'mfcc':
    case 'calibration-take':
      return FLOOR_MS + 100 * audioSecondsAtMost((payload as { wav: Uint8Array }).wav)
    case 'normalize-recording':
      return FLOOR_MS + 100 * audioSecondsAtMost((payload as AnalysisOperations['normalize-recording'][0]).data)
    case 'transcribe':
      // Whisper on a CPU runs near real time at worst: the model load plus three times the audio.
      return 60_000 + 3_000 * audioSecondsAtMost((payload as AnalysisOperations['transcribe'][0]).wav)
    default:
      return 120_000
  }
}
