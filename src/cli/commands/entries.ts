import { localIsoDate } from '../../shared/dates'
import { call, stringFlag, UsageError, type Command } from '../context'
import { resolveProfile } from '../profile-option'

export const entriesAdd: Command = {
  usage: 'entries add --text "…" [--date YYYY-MM-DD] [--profile NAME]',
  summary: "write a diary entry (a day that already has one gets the text appended)",
  flags: { text: 'string', date: 'string', profile: 'string' },
  async run(ctx) {
    const text = stringFlag(ctx, 'text')
    if (text === undefined) throw new UsageError('entries add needs --text')
    const entryDate = stringFlag(ctx, 'date') ?? localIsoDate()
    const profile = await resolveProfile(ctx)
    const existing = await call(ctx.service, 'entries', 'getByDate', { profileId: profile.id, entryDate })
    // The app keeps one entry per day, so a second note the same day joins it rather than failing.
    const entry = existing
      ? await call(ctx.service, 'entries', 'update', { id: existing.id, text: `${existing.text}\n\n${text}` })
      : await call(ctx.service, 'entries', 'create', { profileId: profile.id, entryDate, text })
    if (ctx.flags.json) return ctx.out(JSON.stringify(entry))
    ctx.out(`${existing ? 'appended to' : 'created'} entry ${entry.id} for ${entry.entryDate} (${profile.name})`)
  }
}

export const entriesList: Command = {
  usage: 'entries list [--profile NAME] [--from D] [--to D] [--json]',
  summary: 'list entries, newest day first',
  flags: { profile: 'string', from: 'string', to: 'string' },
  async run(ctx) {
    const profile = await resolveProfile(ctx)
    const from = stringFlag(ctx, 'from')
    const to = stringFlag(ctx, 'to')
    const entries = await call(ctx.service, 'entries', 'list', {
      profileId: profile.id,
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      limit: 1000
    })
    if (ctx.flags.json) return ctx.out(JSON.stringify(entries, null, 2))
    if (entries.length === 0) return ctx.out(`no entries for ${profile.name}`)
    for (const e of entries) ctx.out(`${e.entryDate}\t${e.preview.replace(/\s+/g, ' ').slice(0, 60)}`)
  }
}
