import { localIsoDate } from '../../shared/dates'
import { CANONICAL_EMOTIONS, type CanonicalEmotion } from '../../shared/emotions'
import { emotionOfMoodWord, moodWordGloss } from '../../shared/moods/vocabulary'
import { EMOTION_LABELS } from '../../shared/trends/emotion-style'
import type { DayMood } from '../../shared/api/moods-schemas'
import { call, stringFlag, UsageError, type Command } from '../context'
import { resolveProfile } from '../profile-option'

/** HAPPY, happy, Happy or 기쁨: the canonical emotion a command-line word names, or null. */
function parseEmotion(word: string): CanonicalEmotion | null {
  const upper = word.trim().toUpperCase()
  const byName = CANONICAL_EMOTIONS.find((e) => e === upper || EMOTION_LABELS.ko[e] === word.trim())
  return byName ?? null
}

const describe = (m: DayMood): string =>
  `${m.date}\t${m.emotion} (${EMOTION_LABELS.ko[m.emotion]})${m.word ? `\t${m.word} · ${moodWordGloss(m.word)}` : ''}${m.intensity ? `\tintensity ${m.intensity}/5` : ''}`

export const moodSet: Command = {
  usage: 'mood set [--date YYYY-MM-DD] EMOTION [--word 설렘] [--intensity 1-5] [--profile NAME] [--json]',
  summary: "record how the day felt (the check-in, trend source 'self'); EMOTION may be left out when --word names it",
  flags: { date: 'string', word: 'string', intensity: 'string', profile: 'string' },
  async run(ctx) {
    const word = stringFlag(ctx, 'word') ?? null
    const named = ctx.args[0]
    if (ctx.args.length > 1) throw new UsageError(`one emotion, got ${ctx.args.length}: ${ctx.args.join(' ')}`)
    const emotion = named !== undefined ? parseEmotion(named) : word ? emotionOfMoodWord(word) : null
    if (!emotion) {
      throw new UsageError(named ? `"${named}" is not an emotion (${CANONICAL_EMOTIONS.join(', ')})` : word ? `"${word}" is not a check-in word` : 'mood set needs an EMOTION')
    }
    const intensityFlag = stringFlag(ctx, 'intensity')
    const intensity = intensityFlag === undefined ? null : Number(intensityFlag)
    if (intensity !== null && !(Number.isInteger(intensity) && intensity >= 1 && intensity <= 5)) throw new UsageError('--intensity must be a whole number from 1 to 5')
    const profile = await resolveProfile(ctx)
    const date = stringFlag(ctx, 'date') ?? localIsoDate()
    const mood = await call(ctx.service, 'moods', 'set', { profileId: profile.id, date, emotion, word, intensity })
    if (ctx.flags.json) return ctx.out(JSON.stringify(mood))
    ctx.out(`${profile.name}: ${describe(mood)}`)
  }
}

export const moodList: Command = {
  usage: 'mood list [--from D] [--to D] [--profile NAME] [--json]',
  summary: 'the check-ins of a range (default: this month)',
  flags: { from: 'string', to: 'string', profile: 'string' },
  async run(ctx) {
    const to = stringFlag(ctx, 'to') ?? localIsoDate()
    const from = stringFlag(ctx, 'from') ?? `${to.slice(0, 7)}-01`
    const profile = await resolveProfile(ctx)
    const moods = await call(ctx.service, 'moods', 'list', { profileId: profile.id, from, to })
    if (ctx.flags.json) return ctx.out(JSON.stringify(moods, null, 2))
    if (moods.length === 0) return ctx.out(`no check-ins for ${profile.name} from ${from} to ${to}`)
    for (const m of moods) ctx.out(describe(m))
  }
}

export const correctionsList: Command = {
  usage: 'corrections list [--from D] [--to D] [--profile NAME] [--json]',
  summary: "the writer's corrections of readings (sentences and voice memos), by day",
  flags: { from: 'string', to: 'string', profile: 'string' },
  async run(ctx) {
    const profile = await resolveProfile(ctx)
    const from = stringFlag(ctx, 'from')
    const to = stringFlag(ctx, 'to')
    const list = await call(ctx.service, 'corrections', 'list', { profileId: profile.id, ...(from ? { from } : {}), ...(to ? { to } : {}) })
    if (ctx.flags.json) return ctx.out(JSON.stringify(list, null, 2))
    if (list.length === 0) return ctx.out(`no corrections for ${profile.name}`)
    for (const c of list) {
      const what = c.kind === 'memo' ? `voice memo ${c.memoId}` : `"${c.sentence}"`
      ctx.out(`${c.date}\t${what}\t${c.modelEmotion ?? '—'} → ${c.emotion}`)
    }
  }
}
