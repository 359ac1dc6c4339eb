import type { ApiHandlers } from '../../shared/api/contract'
import type { AnalysisHost } from '../analysis/host'
import type { Db } from '../db/open'
import { createEntry, deleteEntry, getEntry, getEntryByDate, listEntries, updateEntryText } from '../repos/entries'
import { createProfile, listProfiles } from '../repos/profiles'

/** What every handler may use; each transport (IPC, HTTP harness, CLI) builds one. */
export interface HandlerContext {
  db: Db
  dataDir: string
  /** Holds `models/` with the shipped model packs. */
  resourcesDir: string
  /** The analysis process (tokenizer, MFCC, ONNX); started on first use. */
  analysis: AnalysisHost
  appVersion: string
  transport: 'electron' | 'web'
}

/** The single implementation of the API; inputs arrive already validated by the dispatcher. */
export const handlers: ApiHandlers<HandlerContext> = {
  app: {
    info: (_input, ctx) => ({ version: ctx.appVersion, dataDir: ctx.dataDir, transport: ctx.transport })
  },
  profiles: {
    list: (_input, { db }) => listProfiles(db),
    create: ({ name, gender }, { db }) => createProfile(db, name, gender)
  },
  entries: {
    list: ({ profileId, ...opts }, { db }) => listEntries(db, profileId, opts),
    get: ({ id }, { db }) => getEntry(db, id),
    getByDate: ({ profileId, entryDate }, { db }) => getEntryByDate(db, profileId, entryDate),
    create: ({ profileId, entryDate, text }, { db }) => createEntry(db, profileId, entryDate, text),
    update: ({ id, text }, { db }) => updateEntryText(db, id, text),
    delete: ({ id }, { db }) => {
      deleteEntry(db, id)
      return { id, deleted: true as const }
    }
  }
}
