import type { Command } from '../context'
import { analyzeCommand } from './analyze'
import { analyzeAudioCommand, mfccCommand } from './audio'
import { baselinesListCommand, calibrateCommand } from './calibration'
import { entriesAdd, entriesList } from './entries'
import { lockChangeCommand, lockDisableCommand, lockEnableCommand, lockStatusCommand } from './lock'
import { exportCommand, importCommand } from './export'
import { memosAdd, memosList } from './memos'
import { correctionsList, moodList, moodSet } from './moods'
import { importSeedAudioCommand, installTextPackCommand } from './models'
import { profilesAdd, profilesList } from './profiles'
import { reflectCommand } from './reflect'
import { analyzeTextCommand } from './text'
import { trendsCommand } from './trends'

/** Every CLI command by its name (one or two words); features register theirs here. */
export const commands: Record<string, Command> = {
  'profiles add': profilesAdd,
  'profiles list': profilesList,
  'entries add': entriesAdd,
  'entries list': entriesList,
  'memos add': memosAdd,
  'memos list': memosList,
  mfcc: mfccCommand,
  'analyze-audio': analyzeAudioCommand,
  'analyze-text': analyzeTextCommand,
  'models import-seed-audio': importSeedAudioCommand,
  'models install-text-pack': installTextPackCommand,
  trends: trendsCommand,
  export: exportCommand,
  import: importCommand,
  calibrate: calibrateCommand,
  'baselines list': baselinesListCommand,
  'mood set': moodSet,
  'mood list': moodList,
  'corrections list': correctionsList,
  analyze: analyzeCommand,
  reflect: reflectCommand,
  'lock status': lockStatusCommand,
  'lock enable': lockEnableCommand,
  'lock disable': lockDisableCommand,
  'lock change': lockChangeCommand
}
