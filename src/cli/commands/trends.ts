import { CANONICAL_EMOTIONS } from '../../shared/emotions'
import { localIsoDate } from '../../shared/dates'
import { chooseBucket, type TrendBucket } from '../../shared/trends/date-ranges'
import { DAY_SOURCES, type DaySource } from '../../shared/trends/sources'
import { EMOTION_LABELS } from '../../shared/trends/emotion-style'
import { call, stringFlag, UsageError, type Command } from '../context'
import { resolveProfile } from '../profile-option'

const BUCKETS: readonly TrendBucket[] = ['day', 'week', 'month', 'year']

export const trendsCommand: Command = {
  usage: 'trends [--from D] [--to D] [--source text|audio|fused|self] [--bucket day|week|month|year] [--tag TAG] [--profile NAME] [--json]',
  summary: 'emotion trends over a range (default: this month): dominant-emotion counts and mean mix per bucket, plus the streak',
  flags: { from: 'string', to: 'string', source: 'string', bucket: 'string', tag: 'string', profile: 'string' },
  async run(ctx) {
    const today = localIsoDate()
    const to = stringFlag(ctx, 'to') ?? today
    const from = stringFlag(ctx, 'from') ?? `${to.slice(0, 7)}-01`
    const source = (stringFlag(ctx, 'source') ?? 'text') as DaySource
    if (!DAY_SOURCES.includes(source)) throw new UsageError(`--source must be one of ${DAY_SOURCES.join(', ')}`)
    const bucketFlag = stringFlag(ctx, 'bucket') as TrendBucket | undefined
    if (bucketFlag && !BUCKETS.includes(bucketFlag)) throw new UsageError(`--bucket must be one of ${BUCKETS.join(', ')}`)
    const tag = stringFlag(ctx, 'tag')
    const profile = await resolveProfile(ctx)
    const bucket = bucketFlag ?? (/^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to ? chooseBucket({ from, to }) : 'day')
    const summary = await call(ctx.service, 'trends', 'summary', { profileId: profile.id, from, to, source, bucket, ...(tag ? { tag } : {}) })
    const streak = await call(ctx.service, 'trends', 'streak', { profileId: profile.id, today })
    if (ctx.flags.json) return ctx.out(JSON.stringify({ profile: { id: profile.id, name: profile.name }, ...summary, streak }, null, 2))

    const pct = (v: number) => `${Math.round(v * 100)}%`.padStart(4)
    ctx.out(`${profile.name}: ${from} … ${to}, ${source}${tag ? `, #${tag}` : ''} — ${summary.totals.days} analysed days`)
    ctx.out(`streak: ${streak.current} day(s) now, longest ${streak.longest}${streak.longestFrom ? ` (${streak.longestFrom} … ${streak.longestTo})` : ''}`)
    if (summary.totals.days === 0) return
    ctx.out(['bucket    ', 'days', ...CANONICAL_EMOTIONS.map((e) => EMOTION_LABELS.en[e].slice(0, 7).padStart(8))].join('\t'))
    for (const b of [...summary.buckets, { ...summary.totals, start: 'total     ' }]) {
      ctx.out([b.start, String(b.days).padStart(4), ...CANONICAL_EMOTIONS.map((e) => `${String(b.counts[e]).padStart(3)} ${pct(b.mean[e])}`)].join('\t'))
    }
  }
}
