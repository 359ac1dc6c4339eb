import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { AnalysisHeartbeat, AnalysisRequest } from '../../shared/analysis/protocol'
import type { SpawnWorker } from './host'

/** The worker's TypeScript entry, run through tsx: the CLI and tests use the real code, unbuilt. */
export const WORKER_SOURCE_ENTRY = fileURLToPath(new URL('../../analysis/worker.ts', import.meta.url))

/**
 * V8 flags of the analysis process. A 1 MB young generation (Node's default grows to 16 MB per
 * semi-space): its large arrays are typed-array backing stores outside that space anyway, and the
 * process stays ≈ 10 MB smaller after a long memo (bench/analysis-footprint.ts).
 */
export const ANALYSIS_V8_FLAGS = ['--max-semi-space-size=1']

/** Spawns the analysis process with Node's `child_process.fork` (tests, CLI, browser harness). */
export function spawnNodeWorker(entry = WORKER_SOURCE_ENTRY): SpawnWorker {
  return () => {
    const child = fork(entry, [], {
      execArgv: [...ANALYSIS_V8_FLAGS, ...(entry.endsWith('.ts') ? ['--import', 'tsx'] : [])],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced'
    })
    return {
      pid: child.pid,
      send: (message: AnalysisRequest | AnalysisHeartbeat) => child.send(message),
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.on('exit', (code) => listener(code)),
      kill: () => child.kill()
    }
  }
}
