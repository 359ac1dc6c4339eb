import { AnalysisHost, type SpawnWorker } from '../analysis/host'
import { join } from 'node:path'
import { openDatabase, type Db } from '../db/open'
import { spawnNodeWorker } from '../analysis/spawn-node'
import { resourcesDir } from '../resources-dir'
import { warmStart, type WarmStartReport } from '../analysis/warm-start'
import { createDispatcher, type Dispatch } from './dispatch'
import { handlers, type HandlerContext } from './handlers'

export interface HaruService {
  dispatch: Dispatch
  db: Db
  dataDir: string
  analysis: AnalysisHost
  /** Starts the analysis process and loads the likely text pack ahead of the first request (warm-start.ts). */
  warmUp(): Promise<WarmStartReport>
  close(): void
}

export interface HaruServiceOptions {
  dataDir: string
  appVersion: string
  transport: HandlerContext['transport']
  /** How to start the analysis process (utility process in Electron, fork elsewhere); it starts on first use. */
  spawnAnalysis?: SpawnWorker
  resourcesDir?: string
  /** Where backups from the app are written; default `<dataDir>/exports` (Electron: Documents/Haru exports). */
  exportsDir?: string
  /** Electron only: show a file in the system file manager. */
  revealInFolder?: (absolutePath: string) => void
}

/** One diary database plus the API over it; each transport (Electron, harness, CLI) opens one. */
export function openHaruService(opts: HaruServiceOptions): HaruService {
  const db = openDatabase(opts.dataDir)
  const analysis = new AnalysisHost({ spawn: opts.spawnAnalysis ?? spawnNodeWorker(), log: (m) => console.warn(m) })
  const ctx: HandlerContext = {
    db,
    dataDir: opts.dataDir,
    resourcesDir: opts.resourcesDir ?? resourcesDir(),
    appVersion: opts.appVersion,
    transport: opts.transport,
    analysis,
    exportsDir: opts.exportsDir ?? join(opts.dataDir, 'exports'),
    revealInFolder: opts.revealInFolder
  }
  return {
    dispatch: createDispatcher(handlers, ctx),
    db,
    dataDir: opts.dataDir,
    analysis,
    warmUp: () => warmStart(ctx),
    close: () => {
      analysis.close()
      db.close()
    }
  }
}
