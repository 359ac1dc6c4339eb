import type { EntryTextAnalysis } from '../../shared/api/analysis-schemas'
import { localIsoDate } from '../../shared/dates'
import { dominantEmotion } from '../../shared/emotions'
import { EMOTION_LABELS } from '../../shared/trends/emotion-style'
import { call, stringFlag, UsageError, type Command, type CommandContext } from '../context'
import { resolveProfile } from '../profile-option'

/** The entry was saved but its text could not be analysed: exit 1; the background queue tries again in the app. */
export class EntryAnalysisFailedError extends Error {
  readonly code = 'entry-analysis-failed'
}

/** The app's own analysis of the saved entry (the Today page's), so a CLI diary needs no later step. */
async function analyse(ctx: CommandContext, entryId: number): Promise<{ analysis: EntryTextAnalysis | null; error: string | null }> {
  try {
    return { analysis: await call(ctx.service, 'analysis', 'entryText', { entryId }), error: null }
  } catch (err) {
    return { analysis: null, error: (err as Error).message }
  }
}

export const entriesAdd: Command = {
  usage: 'entries add --text "…" [--date YYYY-MM-DD] [--profile NAME] [--no-analyze]',
  summary: "write a diary entry (a day that already has one gets the text appended) and analyse its emotions, unless --no-analyze (the app's background queue does it later)",
  flags: { text: 'string', date: 'string', profile: 'string', 'no-analyze': 'boolean' },
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
    const { analysis, error } = ctx.flags['no-analyze'] ? { analysis: null, error: null } : await analyse(ctx, entry.id)
    const dominant = analysis ? dominantEmotion(analysis.mix) : null
    if (ctx.flags.json) ctx.out(JSON.stringify({ ...entry, analysis: analysis && { modelId: analysis.modelId, mix: analysis.mix, dominant } }))
    else {
      ctx.out(`${existing ? 'appended to' : 'created'} entry ${entry.id} for ${entry.entryDate} (${profile.name})`)
      if (analysis && dominant) ctx.out(`analysed: ${EMOTION_LABELS.en[dominant]} ${(analysis.mix[dominant] * 100).toFixed(1)}% (${analysis.modelId})`)
    }
    if (error) throw new EntryAnalysisFailedError(`entry ${entry.id} was saved and is kept, but its analysis failed: ${error}`)
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
