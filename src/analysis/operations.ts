import { readFileSync } from 'node:fs'
import type { AnalysisOperation, AnalysisOperations } from '../shared/analysis/protocol'

const startedAt = Date.now()

/**
 * This process's peak resident memory, MB. On Linux from /proc (VmHWM): `resourceUsage().maxRSS`
 * of a forked child starts at its parent's high-water mark, so it would report the parent's memory.
 */
function peakRssMb(): number {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]
    if (kb) return Number(kb) / 1024
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024
}

type Handler<Op extends AnalysisOperation> = (payload: AnalysisOperations[Op][0]) => Promise<AnalysisOperations[Op][1]>

/**
 * Every operation the analysis process serves. Engines are imported lazily, so the process is
 * ready (handshake) before any model or WASM module loads, and loads each only when first used.
 */
const handlers: { [Op in AnalysisOperation]: Handler<Op> } = {
  ping: async () => ({ pid: process.pid, uptimeMs: Date.now() - startedAt, maxRssMb: peakRssMb() }),
  'analyze-audio': async (payload) => (await import('./audio/engine')).analyzeAudioFile(payload),
  'analyze-text': async (payload) => (await import('./text-operation')).analyzeTextWithPack(payload),
  'embed-text': async (payload) => (await import('./text-operation')).embedTextWithPack(payload),
  'warm-text': async (payload) => (await import('./text-operation')).warmTextPack(payload),
  mfcc: async (payload) => (await import('./audio/engine')).mfccOfWav(payload.wav),
  'normalize-recording': async (payload) => (await import('./audio/normalize')).normalizeRecording(payload),
  transcribe: async (payload) => (await import('./asr/transcriber')).transcribeWav(payload),
  'calibration-take': async (payload) => (await import('./calibration-operation')).analyzeCalibrationTake(payload),
  'train-adapter': async (payload) => (await import('./adaptation-operation')).trainAdapterWithPack(payload)
}

export class UnknownOperationError extends Error {
  readonly code = 'unknown-operation'
}

export function runOperation(op: string, payload: unknown): Promise<unknown> {
  const handler = (handlers as Record<string, (p: unknown) => Promise<unknown>>)[op]
  if (!handler) return Promise.reject(new UnknownOperationError(`unknown analysis operation "${op}"`))
  return handler(payload)
}
