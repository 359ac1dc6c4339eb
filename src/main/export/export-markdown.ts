import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { CANONICAL_EMOTIONS, type CanonicalEmotion } from '../../shared/emotions'
import { EMOTION_ICONS, EMOTION_LABELS } from '../../shared/trends/emotion-style'
import { moodWordGloss } from '../../shared/moods/vocabulary'
import type { Db } from '../db/open'
import { dayEmotion } from '../repos/day-emotion'
import type { DayEmotion } from '../../shared/api/day-schemas'
import { reflectionMarkdown } from '../../shared/reflect/markdown'
import { extractiveReflection } from '../reflect/reflect'
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../files/private-files'
import { ExportError } from './errors'

export interface MarkdownReport {
  path: string
  /** Written files, relative to `path` (`<profile>/<YYYY-MM>.md`). */
  files: string[]
  entries: number
}

const SOURCE_LABEL = { text: '글 · words', audio: '목소리 · voice', fused: '종합 · combined', self: '내 기분 · my check-in' } as const

/** What the day's figure averaged, in both languages (as the Today page says it). */
function partsNote(source: DayEmotion['sources'][number], mood: DayEmotion['mood'] | undefined): string {
  if (source.source === 'self') return moodNote(mood)
  const entry = source.parts.some((p) => p.kind === 'entry')
  const memos = source.parts.filter((p) => p.kind === 'memo').length
  if (source.source === 'audio') return `음성 메모 ${memos}개 · ${memos} memo${memos === 1 ? '' : 's'}`
  const noun = source.source === 'fused' ? ['종합', 'combined memo'] : ['받아쓰기', 'transcript']
  if (!memos) return '일기 · entry'
  const count = `${noun[0]} ${memos}개 · ${memos} ${noun[1]}${memos === 1 ? '' : 's'}`
  return entry ? `일기와 ${noun[0]} ${memos}개 · entry and ${memos} ${noun[1]}${memos === 1 ? '' : 's'}` : count
}

/** The check-in's word and intensity, in both languages. */
function moodNote(mood: DayEmotion['mood'] | undefined): string {
  if (!mood) return ''
  const word = mood.word ? `${mood.word} · ${moodWordGloss(mood.word)}` : ''
  const intensity = mood.intensity ? `강도 ${mood.intensity}/5 · intensity ${mood.intensity}/5` : ''
  return [word, intensity].filter(Boolean).join(', ') || '체크인 · check-in'
}

/** A profile name as a folder name on every OS. */
export function safeFileName(name: string): string {
  const cleaned = name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/^[.\s]+|[.\s]+$/g, '')
  return cleaned || 'profile'
}

interface DayRow {
  id: number
  entry_date: string
  text: string
}

/**
 * A readable copy of the diary: one Markdown file per profile and month, each day a section with
 * its emotions (icon, Korean and English name, share), tags, text and voice-memo transcripts,
 * and at the end the month's reflection (its quotes link to the days above). Not meant to be imported back; the JSON export is the complete one.
 */
export function exportMarkdown(db: Db, outDir: string, opts: { profileId?: number } = {}): MarkdownReport {
  const out = resolve(outDir)
  if (existsSync(out) && (!statSync(out).isDirectory() || readdirSync(out).length > 0)) {
    throw new ExportError('out-exists', `${out} already exists and is not an empty folder; choose a new path`)
  }
  const profiles = db
    .prepare('SELECT id, name FROM profiles WHERE (? IS NULL OR id = ?) ORDER BY id')
    .all(opts.profileId ?? null, opts.profileId ?? null) as { id: number; name: string }[]
  const entriesOf = db.prepare('SELECT id, entry_date, text FROM entries WHERE profile_id = ? ORDER BY entry_date')
  const emotionsOf = db.prepare('SELECT source, dominant, ' + CANONICAL_EMOTIONS.map((e) => `p_${e.toLowerCase()} AS ${e}`).join(', ') + ' FROM analysis_daily WHERE entry_id = ?')
  const tagsOf = db.prepare('SELECT tag FROM entry_tags WHERE entry_id = ? ORDER BY tag').pluck()
  const memosOf = db.prepare('SELECT duration_sec, transcript FROM voice_memos WHERE entry_id = ? ORDER BY created_at, id')
  const weekday = new Intl.DateTimeFormat('ko-KR', { weekday: 'short', timeZone: 'UTC' })

  const files: string[] = []
  let count = 0
  const usedFolders = new Set<string>()
  mkdirSync(out, { recursive: true, mode: PRIVATE_DIR_MODE })
  for (const profile of profiles) {
    let folder = safeFileName(profile.name)
    if (usedFolders.has(folder)) folder = `${folder}-${profile.id}`
    usedFolders.add(folder)
    const byMonth = new Map<string, DayRow[]>()
    for (const e of entriesOf.all(profile.id) as DayRow[]) {
      const month = e.entry_date.slice(0, 7)
      byMonth.set(month, [...(byMonth.get(month) ?? []), e])
    }
    for (const [month, days] of byMonth) {
      const [y, m] = month.split('-')
      const lines = [`# ${profile.name} · ${Number(y)}년 ${Number(m)}월 (${month})`, '']
      for (const d of days) {
        const [yy, mm, dd] = d.entry_date.split('-').map(Number) as [number, number, number]
        const date = new Date(0)
        date.setUTCFullYear(yy, mm - 1, dd)
        // An explicit anchor: heading ids differ between Markdown renderers, reflection links need one.
        lines.push(`<a id="${d.entry_date}"></a>`, '', `## ${d.entry_date} (${weekday.format(date)})`, '')
        // The day in one line, by the rule every view uses (src/shared/trends/day-emotion.ts), then each source.
        const day = dayEmotion(db, d.id)
        if (day.headline) {
          const { dominant: e, share, source } = day.headline
          const parts = partsNote(day.sources.find((s) => s.source === source)!, day.mood)
          lines.push(`- 이날의 감정 · the day: ${EMOTION_LABELS.ko[e]} (${EMOTION_LABELS.en[e]}) ${Math.round(share * 100)}% — ${SOURCE_LABEL[source]} (${parts})`)
        }
        const emotions = emotionsOf.all(d.id) as ({ source: keyof typeof SOURCE_LABEL; dominant: CanonicalEmotion } & Record<CanonicalEmotion, number>)[]
        for (const row of emotions) {
          const e = row.dominant
          lines.push(`- ${SOURCE_LABEL[row.source]}: ${EMOTION_ICONS[e]} ${EMOTION_LABELS.ko[e]} (${EMOTION_LABELS.en[e]}) ${Math.round(row[e] * 100)}%`)
        }
        const tags = tagsOf.all(d.id) as string[]
        if (tags.length > 0) lines.push(`- 태그 · tags: ${tags.map((t) => `#${t}`).join(' ')}`)
        if (emotions.length > 0 || tags.length > 0) lines.push('')
        lines.push(d.text.trimEnd(), '')
        for (const memo of memosOf.all(d.id) as { duration_sec: number; transcript: string | null }[]) {
          const length = `${Math.floor(memo.duration_sec / 60)}:${String(Math.round(memo.duration_sec % 60)).padStart(2, '0')}`
          const said = memo.transcript?.trim() ? memo.transcript.trim().replace(/\n/g, '\n> ') : '(받아쓰기 없음 · no transcript)'
          lines.push(`> 🎙️ 음성 메모 · voice memo (${length}): ${said}`, '')
        }
        count++
      }
      lines.push(`## 이달의 돌아보기 · Looking back at ${month}`, '')
      lines.push(reflectionMarkdown(extractiveReflection(db, profile.id, month), { level: 2, omitHeading: true, dayLink: (date) => `#${date}` }))
      mkdirSync(join(out, folder), { recursive: true, mode: PRIVATE_DIR_MODE })
      writeFileSync(join(out, folder, `${month}.md`), lines.join('\n'), { mode: PRIVATE_FILE_MODE })
      files.push(`${folder}/${month}.md`)
    }
  }
  return { path: out, files, entries: count }
}
