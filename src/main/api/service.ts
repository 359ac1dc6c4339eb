import { join } from 'node:path'
import { channels } from '../../shared/api/contract'
import { HaruApiError } from '../../shared/api/errors'
import { OPEN_WHILE_LOCKED } from '../../shared/api/lock-schemas'
import { AnalysisHost, type SpawnWorker } from '../analysis/host'
import { AnalysisQueue } from '../analysis-queue/queue'
import { dispatchWithQueueKicks } from '../analysis-queue/kicks'
import { openDatabase, type Db } from '../db/open'
import { spawnNodeWorker } from '../analysis/spawn-node'
import { DiaryFiles } from '../files/diary-files'
import { recoverConversion } from '../lock/convert-apply'
import { DiaryLock } from '../lock/diary-lock'
import { lockHandlers } from '../lock/handlers'
import type { DiaryKeys } from '../lock/keys'
import type { KdfCost } from '../lock/kdf'
import type { KeyKeeper } from '../lock/remember'
import { recoverRecordings } from '../memos/finish'
import { recordingInProgress } from '../memos/live-recordings'
import { resourcesDir } from '../resources-dir'
import { warmStart, type WarmStartReport } from '../analysis/warm-start'
import { createDispatcher, type Dispatch } from './dispatch'
import { handlers, type HandlerContext } from './handlers'

export interface HaruService {
  dispatch: Dispatch
  /** The open diary's database; throws `locked` while the diary is locked. */
  readonly db: Db
  readonly dataDir: string
  readonly analysis: AnalysisHost
  readonly queue: AnalysisQueue
  /** The open diary's audio files (sealed or plain); throws `locked` while the diary is locked. */
  readonly files: DiaryFiles
  /** The folder's lock: status, unlock, lock (Electron calls `lock.lock` on sleep and screen lock). */
  readonly lock: DiaryLock
  /**
   * Starts the analysis process and loads the likely text pack ahead of the first request
   * (warm-start.ts). A locked diary has nothing to warm yet (no database to choose a profile
   * from, no analysis process until it opens): that is a `locked` error, which callers log.
   */
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
  /** The OS keychain for "remember on this computer" (Electron's safeStorage; absent elsewhere). */
  keeper?: KeyKeeper
  /** What one auto-lock "minute" lasts; only tests shorten it. */
  autoLockUnitMs?: number
  /** Tests only: a cheaper Argon2id for new passphrase wraps (the kill tests). */
  kdfCost?: KdfCost
}

/** An open diary: its database, files, analysis process and queue, and the dispatcher over them. */
interface Session {
  db: Db
  files: DiaryFiles
  analysis: AnalysisHost
  queue: AnalysisQueue
  dispatch: Dispatch
  closed: boolean
  warmUp(): Promise<WarmStartReport>
  close(): void
}

function openSession(opts: HaruServiceOptions, lock: DiaryLock, keys: DiaryKeys | null): Session {
  const db = openDatabase(opts.dataDir, keys?.database ?? null)
  const files = new DiaryFiles(opts.dataDir, keys?.files ?? null)
  try {
    // A finish a crash interrupted is completed or rolled back before anything can list or finish it.
    recoverRecordings({ db, dataDir: opts.dataDir, files })
  } catch (err) {
    db.close()
    files.dispose()
    throw err
  }
  const analysis = new AnalysisHost({ spawn: opts.spawnAnalysis ?? spawnNodeWorker(), log: (m) => console.warn(m) })
  const resources = opts.resourcesDir ?? resourcesDir()
  const queue = new AnalysisQueue({ work: { db, dataDir: opts.dataDir, resourcesDir: resources, analysis: analysis.background, files }, quietMs: opts.queueQuietMs })
  const ctx: HandlerContext = {
    db,
    dataDir: opts.dataDir,
    files,
    lock,
    resourcesDir: resources,
    appVersion: opts.appVersion,
    transport: opts.transport,
    analysis,
    queue,
    exportsDir: opts.exportsDir ?? join(opts.dataDir, 'exports'),
    revealInFolder: opts.revealInFolder
  }
  if (opts.backgroundAnalysis) queue.start()
  const inner = dispatchWithQueueKicks(createDispatcher(handlers, ctx), queue)
  const session: Session = {
    db,
    files,
    analysis,
    queue,
    closed: false,
    // A call that was still running when the diary locked fails as `locked`, not as a closed database.
    dispatch: async (channel, payload) => {
      const result = await inner(channel, payload)
      return session.closed && !result.ok ? { ok: false, error: new HaruApiError('locked', 'the diary was locked while this was being done').toData() } : result
    },
    warmUp: () => warmStart(ctx),
    close: () => {
      session.closed = true
      queue.close()
      analysis.close()
      db.close()
      files.dispose()
    }
  }
  return session
}

/**
 * One data folder plus the API over it; each transport (Electron, harness, CLI) opens one. The
 * folder's lock decides whether a diary session is open: a plain folder opens at once, an
 * encrypted one when it is unlocked, and until then the dispatcher answers `lock.status` and
 * `lock.unlock` only (everything else: `locked`).
 */
export function openHaruService(opts: HaruServiceOptions): HaruService {
  // A conversion (encryption on or off) a crash interrupted is finished or undone before anything reads the folder.
  recoverConversion(opts.dataDir)
  let session: Session | null = null
  const lock: DiaryLock = new DiaryLock(
    opts.dataDir,
    {
      open: (keys) => {
        session?.close()
        session = openSession(opts, lock, keys)
      },
      close: () => {
        session?.close()
        session = null
      },
      recordingInProgress: () => recordingInProgress(opts.dataDir)
    },
    { keeper: opts.keeper, autoLockUnitMs: opts.autoLockUnitMs, kdfCost: opts.kdfCost }
  )
  lock.start()
  const lockDispatch = createDispatcher({ lock: lockHandlers }, { lock })

  const dispatch: Dispatch = async (channel, payload) => {
    const target = channels.get(channel)
    if (!target) return lockDispatch(channel, payload) // unknown-channel, whatever the state
    if (target.domain === 'lock' && (OPEN_WHILE_LOCKED.has(`lock.${target.verb}`) || session)) return lockDispatch(channel, payload)
    if (session) return session.dispatch(channel, payload)
    if (lock.isConverting) {
      return { ok: false, error: HaruApiError.because('unavailable', "the diary's encryption is being turned on or off; wait until it is done", 'lock-converting').toData() }
    }
    return { ok: false, error: new HaruApiError('locked', 'the diary is locked; unlock it with its passphrase').toData() }
  }

  const open = (): Session => {
    if (!session) throw new HaruApiError('locked', 'the diary is locked; unlock it with its passphrase')
    return session
  }
  return {
    dispatch,
    get db() {
      return open().db
    },
    get files() {
      return open().files
    },
    get analysis() {
      return open().analysis
    },
    get queue() {
      return open().queue
    },
    dataDir: opts.dataDir,
    lock,
    warmUp: async () => open().warmUp(),
    close: () => {
      lock.close()
      session?.close()
      session = null
    }
  }
}
