import type { Profile } from '../shared/api/schemas'
import { HaruApiError } from '../shared/api/errors'
import { call, stringFlag, type CommandContext } from './context'

/** `--profile NAME`, or the only profile when there is exactly one. */
export async function resolveProfile(ctx: CommandContext): Promise<Profile> {
  const profiles = await call(ctx.service, 'profiles', 'list', {})
  const name = stringFlag(ctx, 'profile')
  if (name !== undefined) {
    const match = profiles.find((p) => p.name === name.trim())
    if (!match) throw new HaruApiError('not-found', `no profile named "${name}" (have: ${profiles.map((p) => p.name).join(', ') || 'none'})`)
    return match
  }
  if (profiles.length === 1) return profiles[0]!
  if (profiles.length === 0) throw new HaruApiError('not-found', 'no profile yet: create one with `haru profiles add NAME`')
  throw new HaruApiError('invalid-input', `several profiles exist; choose one with --profile (${profiles.map((p) => p.name).join(', ')})`)
}
