import { HaruApiError } from '../shared/api/errors'
import type { Domain, InputOf, OutputOf, Verb } from '../shared/api/contract'
import { channelName } from '../shared/api/channel'
import type { HaruService } from '../main/api/service'
import type { SecretSource } from './secrets'

/** What a command gets: its parsed flags, positionals, and the API of the opened diary. */
export interface CommandContext {
  args: string[]
  flags: Record<string, string | boolean | undefined>
  service: HaruService
  out: (line: string) => void
  /** Injected standard input (tests); commands that read it (`--stdin`) fall back to `process.stdin`. */
  stdin?: NodeJS.ReadableStream
  /** Set when a person watches a terminal: progress is drawn in place (`\r`) instead of printed as lines. */
  terminal?: { write(text: string): void }
  /** Passphrases: lines of standard input with `--passphrase-stdin`, else a no-echo terminal prompt. */
  secrets: SecretSource
  /** Unlocks a locked diary with the next passphrase (a no-op when it is open); commands marked `diary: 'lazy'` call it when they need the diary. */
  unlock(): Promise<void>
}

export interface Command {
  usage: string
  summary: string
  /** Flags this command accepts beyond the global ones; `true` for a boolean flag. */
  flags: Record<string, 'string' | 'boolean'>
  /**
   * What the command needs of a locked diary: `needed` (the default) unlocks it first; `lazy`
   * only when the command asks (`ctx.unlock()`, e.g. `analyze-audio --baseline profile:NAME`);
   * `self` leaves it to the command (`haru lock …`).
   */
  diary?: 'needed' | 'lazy' | 'self'
  run(ctx: CommandContext): Promise<void>
}

/** Calls the API through the same dispatcher as the app, so the CLI gets the same validation. */
export async function call<D extends Domain, V extends Verb<D>>(
  service: HaruService,
  domain: D,
  verb: V,
  input: InputOf<D, V>
): Promise<OutputOf<D, V>> {
  const result = await service.dispatch(channelName(domain, verb), input)
  if (!result.ok) throw HaruApiError.fromData(result.error)
  return result.data as OutputOf<D, V>
}

export class UsageError extends Error {}

export function stringFlag(ctx: CommandContext, name: string): string | undefined {
  const v = ctx.flags[name]
  return typeof v === 'string' ? v : undefined
}
