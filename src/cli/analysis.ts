import { AnalysisHost } from '../main/analysis/host'
import { spawnNodeWorker } from '../main/analysis/spawn-node'

/** Runs one analysis-process session for a CLI command: the same process code the app uses. */
export async function withAnalysisHost<T>(fn: (host: AnalysisHost) => Promise<T>): Promise<T> {
  const host = new AnalysisHost({ spawn: spawnNodeWorker(), backoffMs: [0] })
  try {
    return await fn(host)
  } finally {
    host.close()
  }
}
