/**
 * A reflection as Markdown, for `haru reflect --format md` and the monthly Markdown export. Every
 * section prints its title and statements, so a section kind added later shows up without changes
 * here; the moments add their quotes (verbatim, each with its day and a link to it) and the mix a
 * small table.
 */
import type { Localized, Reflection, ReflectionSection } from '../api/reflections-schemas'
import { CANONICAL_EMOTIONS } from '../emotions'
import { EMOTION_ICONS, EMOTION_LABELS } from '../trends/emotion-style'
import { dayEn, dayKo, PERIOD_WORDS, periodNameEn, periodNameKo, pct } from './phrases'

export type MarkdownLocale = 'ko' | 'en'

export interface MarkdownOptions {
  locale?: MarkdownLocale
  /** Level of the reflection's own heading (`#` = 1); sections go one below. */
  level?: number
  /** Where a day's link points. Default: that day in a Markdown export's month file (`2026-11.md#2026-11-09`). */
  dayLink?: (date: string) => string
  /** Leave out the reflection's own heading (the caller wrote one). */
  omitHeading?: boolean
}

/** The anchor the Markdown export puts before each day (`<a id="2026-11-09"></a>`). */
export const exportDayLink = (date: string): string => `${date.slice(0, 7)}.md#${date}`

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
const hashes = (level: number) => '#'.repeat(Math.min(6, level))
/** A quote inside `> `: every line of it quoted, nothing else changed. */
const blockquote = (text: string) => text.split('\n').map((l) => `> ${l}`).join('\n')

const HEADINGS = {
  ko: { title: '돌아보기', period: '이 기간', emotion: '감정' },
  en: { title: 'Looking back', period: 'This period', emotion: 'Feeling' }
}

function mixTable(s: Extract<ReflectionSection, { kind: 'mix' }>, r: Reflection, locale: MarkdownLocale): string[] {
  if (!s.mix) return []
  const h = { ...HEADINGS[locale], previous: capitalise(PERIOD_WORDS[r.period.kind][locale].previous) }
  const rows = CANONICAL_EMOTIONS.filter((e) => pct(s.mix![e]) > 0 || (s.previousMix && pct(s.previousMix[e]) > 0))
    .sort((a, b) => s.mix![b] - s.mix![a])
    .map((e) => `| ${EMOTION_ICONS[e]} ${EMOTION_LABELS[locale][e]} | ${pct(s.mix![e])}% | ${s.previousMix ? `${pct(s.previousMix[e])}%` : '–'} |`)
  return [`| ${h.emotion} | ${h.period} | ${h.previous} |`, '|---|---:|---:|', ...rows, '']
}

function sectionLines(s: ReflectionSection, r: Reflection, level: number, o: Required<Pick<MarkdownOptions, 'locale' | 'dayLink'>>): string[] {
  const say = (l: Localized) => l[o.locale]
  const lines = [`${hashes(level)} ${say(s.title)}`, '']
  if (s.kind === 'moments' && s.groups.length > 0) {
    const [method, ...perGroup] = s.statements
    if (method) lines.push(say(method), '')
    s.groups.forEach((g, i) => {
      lines.push(`${hashes(level + 1)} ${EMOTION_ICONS[g.emotion]} ${perGroup[i] ? say(perGroup[i]!) : EMOTION_LABELS[o.locale][g.emotion]}`, '')
      for (const q of g.quotes) {
        const day = o.locale === 'ko' ? dayKo(q.date) : dayEn(q.date)
        const mine = q.readBy === 'writer' ? (o.locale === 'ko' ? ' · 내가 고른 감정' : ' · your own reading') : ''
        lines.push(blockquote(q.text), `> — [${day}](${o.dayLink(q.date)})${mine}`, '')
      }
    })
    return lines
  }
  for (const st of s.statements) lines.push(`- ${say(st)}`)
  lines.push('')
  if (s.kind === 'mix') lines.push(...mixTable(s, r, o.locale))
  return lines
}

export function reflectionMarkdown(r: Reflection, opts: MarkdownOptions = {}): string {
  const locale = opts.locale ?? 'ko'
  const level = opts.level ?? 1
  const o = { locale, dayLink: opts.dayLink ?? exportDayLink }
  const name = locale === 'ko' ? periodNameKo(r.period) : periodNameEn(r.period)
  const lines: string[] = []
  if (!opts.omitHeading) lines.push(`${hashes(level)} ${HEADINGS[locale].title} · ${name} (${r.period.key})`, '')
  lines.push(`_${r.reflector.note[locale]}_`, '')
  for (const n of r.notices) lines.push(`> ${n[locale]}`, '')
  for (const s of r.sections) lines.push(...sectionLines(s, r, level + 1, o))
  return `${lines.join('\n').trimEnd()}\n`
}
