import { utilityProcess } from 'electron'
import type { AnalysisHeartbeat, AnalysisRequest } from '../../shared/analysis/protocol'
import type { SpawnWorker } from './host'
import { ANALYSIS_V8_FLAGS } from './spawn-node'
// electron-vite builds the worker as its own entry and gives its path, resolved at run time.
import workerPath from '../../analysis/worker?modulePath'

/** Spawns the analysis process as an Electron utility process (its own OS process, no renderer). */
export function spawnElectronWorker(): SpawnWorker {
  return () => {
    const child = utilityProcess.fork(workerPath, [], { serviceName: 'Haru analysis', stdio: 'inherit', execArgv: ANALYSIS_V8_FLAGS })
    return {
      get pid() {
        return child.pid
      },
      send: (message: AnalysisRequest | AnalysisHeartbeat) => child.postMessage(message),
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.on('exit', (code) => listener(code)),
      kill: () => void child.kill()
    }
  }
}
