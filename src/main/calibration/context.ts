import type { AnalysisHost } from '../analysis/host'
import type { Db } from '../db/open'
import type { DiaryFiles } from '../files/diary-files'

/** What the calibration needs from a handler context (the CLI and tests build the same). */
export interface CalibrationContext {
  db: Db
  dataDir: string
  resourcesDir: string
  analysis: AnalysisHost
  /** Takes are written and read through it (sealed in an encrypted diary). */
  files: DiaryFiles
}
