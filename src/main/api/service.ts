import { AnalysisHost, type SpawnWorker } from '../analysis/host'
import { join } from 'node:path'
import { AnalysisQueue } from '../analysis-queue/queue'
import { dispatchWithQueueKicks } from '../analysis-queue/kicks'
import { openDatabase, type Db } from '../db/open'
import { spawnNodeWorker } from '../analysis/spawn-node'
import { resourcesDir } from '../resources-dir'
import { warmStart, type WarmStartReport } from '../analysis/warm-start'
import { createDispatcher, type Dispatch } from './dispatch'
import { handlers, type HandlerContext } from './handlers'
import { recoverRecordings } from '../memos/finish'

export interface HaruService {
  dispatch: Dispatch
  db: Db
  dataDir: string
  analysis: AnalysisHost
  queue: AnalysisQueue
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
  /**
   * Analyse past records by themselves (the app and the harness). Off for one-shot CLI commands and
   * tests, where the queue works only when asked (`haru analyze --pending`, `queue.resume`).
   */
  backgroundAnalysis?: boolean
  /** How long the queue leaves an entry or memo the writer just saved to the page's own analysis (default 20 s). */
  queueQuietMs?: number
}

/** One diary database plus the API over it; each transport (Electron, harness, CLI) opens one. */
export function openHaruService(opts: HaruServiceOptions): HaruService {
  const db = openDatabase(opts.dataDir)
  // A finish a crash interrupted is completed or rolled back before anything can list or finish it.
  recoverRecordings({ db, dataDir: opts.dataDir })
  const analysis = new AnalysisHost({ spawn: opts.spawnAnalysis ?? spawnNodeWorker(), log: (m) => console.warn(m) })
  const resources = opts.resourcesDir ?? resourcesDir()
  const queue = new AnalysisQueue({ work: { db, dataDir: opts.dataDir, resourcesDir: resources, analysis: analysis.background }, quietMs: opts.queueQuietMs })
  const ctx: HandlerContext = {
    db,
    dataDir: opts.dataDir,
    resourcesDir: resources,
    appVersion: opts.appVersion,
    transport: opts.transport,
    analysis,
    queue,
    exportsDir: opts.exportsDir ?? join(opts.dataDir, 'exports'),
    revealInFolder: opts.revealInFolder
  }
  if (opts.backgroundAnalysis) queue.start()
  return {
    dispatch: dispatchWithQueueKicks(createDispatcher(handlers, ctx), queue),
    db,
    dataDir: opts.dataDir,
    analysis,
    queue,
    warmUp: () => warmStart(ctx),
    close: () => {
      queue.close()
      analysis.close()
      db.close()
    }
  }
}
