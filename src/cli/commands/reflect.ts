import { reflectionMarkdown, type MarkdownLocale } from '../../shared/reflect/markdown'
import { REFLECTION_SOURCES } from '../../shared/api/reflections-schemas'
import { call, stringFlag, UsageError, type Command } from '../context'
import { resolveProfile } from '../profile-option'

export const reflectCommand: Command = {
  usage: 'reflect --week 2026-W48|--month 2026-11 [--format md|json] [--lang ko|en] [--source text|fused] [--profile NAME]',
  summary:
    'a look back at one week or month, as the app shows it: the mix and how it moved, moments quoted from your entries, what went with what, words vs voice, writing (md: links point into a Markdown export)',
  flags: { week: 'string', month: 'string', format: 'string', lang: 'string', source: 'string', profile: 'string' },
  async run(ctx) {
    const week = stringFlag(ctx, 'week')
    const month = stringFlag(ctx, 'month')
    if ((week === undefined) === (month === undefined)) throw new UsageError('give exactly one of --week 2026-W48 and --month 2026-11')
    const format = ctx.flags.json ? 'json' : (stringFlag(ctx, 'format') ?? 'md')
    if (format !== 'md' && format !== 'json') throw new UsageError(`--format must be md or json, not "${format}"`)
    const lang = (stringFlag(ctx, 'lang') ?? 'ko') as MarkdownLocale
    if (lang !== 'ko' && lang !== 'en') throw new UsageError('--lang must be ko or en')
    const source = (stringFlag(ctx, 'source') ?? 'text') as (typeof REFLECTION_SOURCES)[number]
    if (!REFLECTION_SOURCES.includes(source)) throw new UsageError(`--source must be one of ${REFLECTION_SOURCES.join(', ')}`)
    const profile = await resolveProfile(ctx)
    const reflection = await call(ctx.service, 'reflections', 'get', { profileId: profile.id, period: (week ?? month)!, source })
    ctx.out(format === 'json' ? JSON.stringify(reflection, null, 2) : reflectionMarkdown(reflection, { locale: lang }).trimEnd())
  }
}
