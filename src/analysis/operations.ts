import type { AnalysisOperation, AnalysisOperations } from '../shared/analysis/protocol'

const startedAt = Date.now()

type Handler<Op extends AnalysisOperation> = (payload: AnalysisOperations[Op][0]) => Promise<AnalysisOperations[Op][1]>

/**
 * Every operation the analysis process serves. Engines are imported lazily, so the process is
 * ready (handshake) before any model or WASM module loads, and loads each only when first used.
 */
const handlers: { [Op in AnalysisOperation]: Handler<Op> } = {
  ping: async () => ({ pid: process.pid, uptimeMs: Date.now() - startedAt, maxRssMb: process.resourceUsage().maxRSS / 1024 }),
  'analyze-audio': async (payload) => (await import('./audio/engine')).analyzeAudioFile(payload),
  'analyze-text': async (payload) => (await import('./text-operation')).analyzeTextWithPack(payload),
  mfcc: async (payload) => (await import('./audio/engine')).mfccOfFile(payload.wavPath),
  'normalize-recording': async (payload) => (await import('./audio/normalize')).normalizeRecording(payload),
  transcribe: async (payload) => (await import('./asr/transcriber')).transcribeFile(payload),
  'calibration-take': async (payload) => (await import('./calibration-operation')).analyzeCalibrationTake(payload)
}

export class UnknownOperationError extends Error {
  readonly code = 'unknown-operation'
}

export function runOperation(op: string, payload: unknown): Promise<unknown> {
  const handler = (handlers as Record<string, (p: unknown) => Promise<unknown>>)[op]
  if (!handler) return Promise.reject(new UnknownOperationError(`unknown analysis operation "${op}"`))
  return handler(payload)
}
