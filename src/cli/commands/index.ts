import type { Command } from '../context'
import { entriesAdd, entriesList } from './entries'
import { profilesAdd, profilesList } from './profiles'

/** Every CLI command by its two-word name; later features register theirs here. */
export const commands: Record<string, Command> = {
  'profiles add': profilesAdd,
  'profiles list': profilesList,
  'entries add': entriesAdd,
  'entries list': entriesList
}
