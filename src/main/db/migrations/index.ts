import initial from './0001_initial'
import profileSettings from './0004_profile_settings'
import trendsSearchTags from './0002_trends_search_tags'
import calibration from './0003_calibration'
import trendsMonthly from './0005_trends_monthly'
import analysisQueue from './0006_analysis_queue'
import moodsCorrections from './0008_moods_corrections'
import automaticVoiceBaseline from './0009_automatic_voice_baseline'

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
  { version: 6, name: 'analysis_queue', sql: analysisQueue },
  // 7 was reserved for hardening (issue 13), which needed no schema change; the runner wants 1..n without gaps.
  { version: 7, name: 'reserved_hardening', sql: '' },
  { version: 8, name: 'moods_corrections', sql: moodsCorrections },
  { version: 9, name: 'automatic_voice_baseline', sql: automaticVoiceBaseline }
]
