import { openDatabase, type Db } from '../db/open'
import { createDispatcher, type Dispatch } from './dispatch'
import { handlers, type HandlerContext } from './handlers'

export interface HaruService {
  dispatch: Dispatch
  db: Db
  dataDir: string
  close(): void
}

/** One diary database plus the API over it; each transport (Electron, harness, CLI) opens one. */
export function openHaruService(opts: { dataDir: string; appVersion: string; transport: HandlerContext['transport'] }): HaruService {
  const db = openDatabase(opts.dataDir)
  const ctx: HandlerContext = { db, dataDir: opts.dataDir, appVersion: opts.appVersion, transport: opts.transport }
  return {
    dispatch: createDispatcher(handlers, ctx),
    db,
    dataDir: opts.dataDir,
    close: () => db.close()
  }
}
