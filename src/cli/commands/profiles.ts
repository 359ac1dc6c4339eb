import type { GenderHint } from '../../shared/api/limits'
import { call, stringFlag, UsageError, type Command } from '../context'

const GENDERS: Record<string, GenderHint> = { male: 'MALE', female: 'FEMALE', unspecified: 'UNSPECIFIED' }

export const profilesAdd: Command = {
  usage: 'profiles add NAME [--gender male|female|unspecified]',
  summary: 'create a profile (the gender hint only picks the default voice baseline)',
  flags: { gender: 'string' },
  async run(ctx) {
    const name = ctx.args.join(' ')
    if (!name) throw new UsageError('profiles add needs a NAME')
    const genderFlag = (stringFlag(ctx, 'gender') ?? 'unspecified').toLowerCase()
    const gender = GENDERS[genderFlag]
    if (!gender) throw new UsageError(`--gender must be male, female or unspecified, not "${genderFlag}"`)
    const profile = await call(ctx.service, 'profiles', 'create', { name, gender })
    ctx.out(ctx.flags.json ? JSON.stringify(profile) : `created profile ${profile.id}: ${profile.name} (${profile.gender})`)
  }
}

export const profilesList: Command = {
  usage: 'profiles list [--json]',
  summary: 'list profiles',
  flags: {},
  async run(ctx) {
    const profiles = await call(ctx.service, 'profiles', 'list', {})
    if (ctx.flags.json) return ctx.out(JSON.stringify(profiles, null, 2))
    if (profiles.length === 0) return ctx.out('no profiles yet')
    for (const p of profiles) ctx.out(`${p.id}\t${p.name}\t${p.gender}`)
  }
}
