/**
 * What goes with what: tags and frequent words of the period whose days' feelings differ most
 * from the writer's average. Every claim carries its number of days, nothing rests on fewer than
 * `MIN_DAYS`, and the sentences say "went with", never "caused".
 */
import type { Association, SectionOf } from '../../../../shared/api/reflections-schemas'
import { CANONICAL_EMOTIONS, type CanonicalDistribution } from '../../../../shared/emotions'
import { pct } from '../../../../shared/reflect/phrases'
import type { DayReading, ReflectionMaterial } from '../../material'
import type { SectionProvider } from '../../reflector'
import { topicWords } from '../frequent-words'
import * as T from '../templates'

export const MIN_DAYS = 3
/** A difference smaller than this (percentage points) is not shown. */
export const MIN_POINTS = 10
const MAX_PER_KIND = 3

type Kind = Association['kind']

/** Analysed days of the period by tag and by topic word. */
function daysByKey(m: ReflectionMaterial): Map<string, { kind: Kind; key: string; days: DayReading[] }> {
  const text = new Map(m.entries.map((e) => [e.id, e.text]))
  const out = new Map<string, { kind: Kind; key: string; days: DayReading[] }>()
  const add = (kind: Kind, key: string, day: DayReading) => {
    const id = `${kind}:${key}`
    const item = out.get(id) ?? { kind, key, days: [] }
    item.days.push(day)
    out.set(id, item)
  }
  for (const day of m.days) {
    for (const tag of m.tagsByEntry.get(day.entryId) ?? []) add('tag', tag, day)
    for (const word of topicWords(text.get(day.entryId) ?? '')) add('word', word, day)
  }
  return out
}

/** The feeling on which these days differ most from the average, in rounded percentage points. */
function strongestDifference(days: readonly DayReading[], average: CanonicalDistribution): Omit<Association, 'kind' | 'key'> {
  let best: Omit<Association, 'kind' | 'key'> | null = null
  for (const emotion of CANONICAL_EMOTIONS) {
    if (emotion === 'NEUTRAL') continue
    const share = days.reduce((s, d) => s + d.probs[emotion], 0) / days.length
    const points = pct(share) - pct(average[emotion])
    if (!best || Math.abs(points) > Math.abs(best.points)) best = { days: days.length, emotion, points, share, average: average[emotion] }
  }
  return best!
}

export function findAssociations(m: ReflectionMaterial): Association[] {
  const tags = new Set([...m.tagsByEntry.values()].flat())
  const found: Association[] = []
  for (const item of daysByKey(m).values()) {
    if (item.days.length < MIN_DAYS) continue
    if (item.kind === 'word' && tags.has(item.key)) continue // the tag already says it
    const diff = strongestDifference(item.days, m.average.mean)
    if (Math.abs(diff.points) >= MIN_POINTS) found.push({ kind: item.kind, key: item.key, ...diff })
  }
  const rank = (a: Association, b: Association) => Math.abs(b.points) - Math.abs(a.points) || b.days - a.days || a.key.localeCompare(b.key)
  return (['tag', 'word'] as const).flatMap((kind) => found.filter((a) => a.kind === kind).sort(rank).slice(0, MAX_PER_KIND))
}

export const associationsSection: SectionProvider = {
  kind: 'associations',
  build(m): SectionOf<'associations'> | null {
    if (m.days.length === 0 || m.average.days === 0) return null
    const items = findAssociations(m)
    const statements = items.map((a) => (a.kind === 'tag' ? T.associations.tag : T.associations.word)(a.key, a.days, a.emotion, a.points))
    if (items.length === 0) statements.push(T.associations.none(MIN_DAYS, MIN_POINTS))
    statements.push(T.associations.basis(m.average.days, MIN_DAYS), T.associations.caveat)
    return { kind: 'associations', title: T.associations.title, statements, minDays: MIN_DAYS, averageDays: m.average.days, items }
  }
}
