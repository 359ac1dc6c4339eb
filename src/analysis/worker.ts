/**
 * Entry of the analysis process: owns the tokenizer, the MFCC front end and the ONNX sessions, so
 * heavy work never blocks the main process or the UI. Runs as an Electron utility process
 * (`process.parentPort`) and, unchanged, under Node's `child_process.fork` (`process.send`).
 */
import { ANALYSIS_PROTOCOL_VERSION, isHeartbeat, type AnalysisMessageFromWorker, type AnalysisRequest } from '../shared/analysis/protocol'
import { fileProblem } from '../main/files/fs-errors'
import { runOperation } from './operations'

interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void
  postMessage(message: unknown): void
}
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort

function post(message: AnalysisMessageFromWorker): void {
  if (parentPort) parentPort.postMessage(message)
  else process.send?.(message)
}

async function handle(message: unknown): Promise<void> {
  // Answered from the message loop: a main thread stuck in an endless loop never gets here.
  if (isHeartbeat(message)) return post({ kind: 'heartbeat', n: message.n })
  const request = message as AnalysisRequest
  if (typeof request !== 'object' || request === null || request.kind !== 'request' || typeof request.seq !== 'number') return
  try {
    const result = await runOperation(request.op, request.payload)
    post({ kind: 'reply', seq: request.seq, ok: true, result })
  } catch (err) {
    const code = typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : 'internal'
    // A file that cannot be read is reported in a sentence (its code kept), not as "EISDIR: illegal operation…".
    const message = fileProblem(err)?.message ?? (err instanceof Error ? err.message : String(err))
    post({ kind: 'reply', seq: request.seq, ok: false, error: { code, message } })
  }
}

if (parentPort) parentPort.on('message', (event) => void handle(event.data))
else if (process.send) process.on('message', (message) => void handle(message))
else {
  console.error('analysis worker: start me as a utility process or with child_process.fork')
  process.exit(1)
}

// Without a parent there is nobody to serve: exit instead of lingering as an orphan.
process.on('disconnect', () => process.exit(0))

post({ kind: 'ready', pid: process.pid, protocol: ANALYSIS_PROTOCOL_VERSION })
