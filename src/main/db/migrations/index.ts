import initial from './0001_initial'
import profileSettings from './0004_profile_settings'
import trendsSearchTags from './0002_trends_search_tags'
import calibration from './0003_calibration'
import trendsMonthly from './0005_trends_monthly'
import moodsCorrections from './0008_moods_corrections'

export interface Migration {
  /** Strictly increasing from 1 with no gaps. */
  version: number
  name: string
  sql: string
}

/** Every migration the code knows, in order. Append only. */
export const migrations: readonly Migration[] = [
  { version: 1, name: 'initial', sql: initial },
  { version: 2, name: 'trends_search_tags', sql: trendsSearchTags },
  { version: 3, name: 'calibration', sql: calibration },
  { version: 4, name: 'profile_settings', sql: profileSettings },
  { version: 5, name: 'trends_monthly', sql: trendsMonthly },
  // 6 and 7 are reserved this round for the analysis queue (issue 11) and hardening (issue 13);
  // these empty stand-ins keep the list numbered 1..n on this branch and are replaced at merge.
  { version: 6, name: 'reserved_analysis_queue', sql: '' },
  { version: 7, name: 'reserved_hardening', sql: '' },
  { version: 8, name: 'moods_corrections', sql: moodsCorrections }
]
