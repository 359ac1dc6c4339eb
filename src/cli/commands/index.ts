import type { Command } from '../context'
import { analyzeAudioCommand, mfccCommand } from './audio'
import { entriesAdd, entriesList } from './entries'
import { importSeedAudioCommand } from './models'
import { profilesAdd, profilesList } from './profiles'

/** Every CLI command by its name (one or two words); features register theirs here. */
export const commands: Record<string, Command> = {
  'profiles add': profilesAdd,
  'profiles list': profilesList,
  'entries add': entriesAdd,
  'entries list': entriesList,
  mfcc: mfccCommand,
  'analyze-audio': analyzeAudioCommand,
  'models import-seed-audio': importSeedAudioCommand
}
