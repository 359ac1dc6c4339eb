import type { ApiHandlers } from '../../shared/api/contract'
import { analysisHandlers } from '../analysis/entry-text'
import type { AnalysisHost } from '../analysis/host'
import { asrHandlers } from '../asr/handlers'
import { modelsHandlers } from '../analysis/text-pack-choice'
import { queueHandlers, reanalysisHandlers } from '../analysis-queue/handlers'
import type { AnalysisQueue } from '../analysis-queue/queue'
import { baselinesHandlers, calibrationHandlers } from '../calibration/handlers'
import type { Db } from '../db/open'
import type { DiaryFiles } from '../files/diary-files'
import type { DiaryLock } from '../lock/diary-lock'
import { lockHandlers } from '../lock/handlers'
import { backupHandlers } from '../export/handlers'
import { memosHandlers, settingsHandlers } from '../memos/handlers'
import { deleteMemoFiles } from '../memos/memo-files'
import { memoFilesOfEntry } from '../memos/memo-repo'
import { createEntry, deleteEntry, getEntry, getEntryByDate, listEntries, updateEntryText } from '../repos/entries'
import { entryDayHandlers } from '../repos/day-emotion'
import { createProfile, listProfiles } from '../repos/profiles'
import { searchHandlers } from '../repos/search'
import { tagsHandlers } from '../repos/tags'
import { trendsHandlers } from '../repos/trends'
import { correctionsHandlers } from '../corrections/handlers'
import { moodsHandlers } from '../moods/handlers'
import { reflectionsHandlers } from '../reflect/reflect'

/** What every handler may use; each transport (IPC, HTTP harness, CLI) builds one. */
export interface HandlerContext {
  db: Db
  dataDir: string
  /** The diary's audio files: sealed (encrypted folder) or plain; the only way handlers read or write them. */
  files: DiaryFiles
  /** The folder's lock (`lock.*`). */
  lock: DiaryLock
  /** Holds `models/` with the shipped model packs. */
  resourcesDir: string
  /** The analysis process (tokenizer, MFCC, ONNX); started on first use. */
  analysis: AnalysisHost
  /** The background analysis queue (src/main/analysis-queue/). */
  queue: AnalysisQueue
  appVersion: string
  transport: 'electron' | 'web'
  /** Where `backup.export` writes; the renderer never picks a path. */
  exportsDir: string
  /** Shows a file in the system file manager (Electron's `shell.showItemInFolder`); absent elsewhere. */
  revealInFolder?: (absolutePath: string) => void
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
    delete: ({ id }, { db, dataDir }) => {
      // Rows go first (one transaction with the cascades); a file left behind by a crash is only disk space.
      const audio = memoFilesOfEntry(db, id)
      deleteEntry(db, id)
      deleteMemoFiles(dataDir, audio)
      return { id, deleted: true as const }
    },
    ...entryDayHandlers
  },
  trends: trendsHandlers,
  search: searchHandlers,
  tags: tagsHandlers,
  calibration: calibrationHandlers,
  baselines: baselinesHandlers,
  reanalysis: reanalysisHandlers,
  queue: queueHandlers,
  memos: memosHandlers,
  settings: settingsHandlers,
  analysis: analysisHandlers,
  asr: asrHandlers,
  models: modelsHandlers,
  backup: backupHandlers,
  moods: moodsHandlers,
  corrections: correctionsHandlers,
  reflections: reflectionsHandlers,
  lock: lockHandlers
}
