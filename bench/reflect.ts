/**
 * Reflection speed (issue 15). Diaries are built from the reference set's hand-written sentences
 * (tests/reference/reflections): each day 6–10 sentences drawn from them with their writer labels
 * as the stored sentence readings, 0–2 tags, written through the real repos and triggers into a
 * temporary SQLite file.
 *
 * Measured (warm, median): a month of 30 entries (target ≤ 200 ms); a year's history, the twelve
 * monthly reflections of a 365-entry year as its Markdown export computes them (target ≤ 1 s);
 * and one month inside that year. Each against the naive way in the same run: every entry and
 * analysis of the profile out of SQLite, newest-per-entry, period filter and averages in JS, and
 * TF-IDF centrality over string-keyed maps with every sentence pair compared.
 * Run alone with `npx tsx bench/reflect.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { openDatabase, type Db } from '../src/main/db/open'
import { createProfile } from '../src/main/repos/profiles'
import { extractiveReflection } from '../src/main/reflect/reflect'
import { leadingEmotions } from '../src/main/reflect/extractive/period-mix'
import { topicWords } from '../src/main/reflect/extractive/frequent-words'
import { normaliseForGrams } from '../src/main/reflect/extractive/centrality'
import { addDays } from '../src/shared/dates'
import { CANONICAL_EMOTIONS, dominantEmotion, type CanonicalDistribution, type CanonicalEmotion } from '../src/shared/emotions'
import { parsePeriodKey, previousPeriod } from '../src/shared/reflect/period'
import { loadReferenceSet, seedDay, type ReferenceEntry } from '../tests/helpers/reflection-reference'
import { medianMs, ratio } from './stats'
import type { BenchResult } from './types'

const TAGS = ['회사', '운동', '친구', '가족', '산책', '야근', '육아', '학교']

function seedDiary(db: Db, from: string, days: number): number {
  const pool = loadReferenceSet().flatMap((r) => r.entries.flatMap((e) => e.sentences))
  let state = 20261116
  const rand = (): number => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32
  const profile = createProfile(db, '벤치', 'UNSPECIFIED')
  db.transaction(() => {
    for (let i = 0; i < days; i++) {
      const n = 6 + Math.floor(rand() * 5)
      const entry: ReferenceEntry = {
        date: addDays(from, i),
        tags: [...new Set(Array.from({ length: Math.floor(rand() * 3) }, () => TAGS[Math.floor(rand() * TAGS.length)]!))],
        sentences: Array.from({ length: n }, () => pool[Math.floor(rand() * pool.length)]!)
      }
      seedDay(db, profile.id, entry, 'writer')
    }
  })()
  return profile.id
}

/** String-keyed TF-IDF vectors and every pair compared: the obvious way to write it. */
function naiveCentrality(texts: string[]): number[][] {
  const grams = texts.map((t) => {
    const s = normaliseForGrams(t)
    const m = new Map<string, number>()
    for (const n of [2, 3]) for (let i = 0; i + n <= s.length; i++) if (s.slice(i, i + n).trim()) m.set(s.slice(i, i + n), (m.get(s.slice(i, i + n)) ?? 0) + 1)
    return m
  })
  const df = new Map<string, number>()
  for (const g of grams) for (const k of g.keys()) df.set(k, (df.get(k) ?? 0) + 1)
  const vecs = grams.map((g) => {
    const v = new Map([...g].map(([k, c]) => [k, (1 + Math.log(c)) * (Math.log((1 + texts.length) / (1 + df.get(k)!)) + 1)]))
    const norm = Math.sqrt([...v.values()].reduce((a, b) => a + b * b, 0))
    for (const [k, w] of v) v.set(k, w / norm)
    return v
  })
  return vecs.map((a) => vecs.map((b) => [...a].reduce((s, [k, w]) => s + w * (b.get(k) ?? 0), 0)))
}

/** The naive reflection: the same answers for mix, leading feelings, moments and tags, all in JS. */
function naiveReflect(db: Db, profileId: number, key: string): number {
  const period = parsePeriodKey(key)!
  const previous = previousPeriod(period)
  const rows = db
    .prepare(
      `SELECT e.id, e.entry_date, e.text, a.id AS aid, a.created_at, a.canonical_json, a.sentences_json
         FROM entries e JOIN analyses a ON a.entry_id = e.id WHERE e.profile_id = ? AND a.source = 'text'`
    )
    .all(profileId) as { id: number; entry_date: string; text: string; aid: number; created_at: string; canonical_json: string; sentences_json: string }[]
  const newest = new Map<number, (typeof rows)[number]>()
  for (const r of rows) {
    const seen = newest.get(r.id)
    if (!seen || r.created_at > seen.created_at || (r.created_at === seen.created_at && r.aid > seen.aid)) newest.set(r.id, r)
  }
  const days = [...newest.values()].map((r) => ({ ...r, mix: JSON.parse(r.canonical_json) as CanonicalDistribution, sentences: JSON.parse(r.sentences_json) as { text: string; canonical: CanonicalDistribution }[] }))
  const mean = (ds: typeof days) => Object.fromEntries(CANONICAL_EMOTIONS.map((e) => [e, ds.reduce((s, d) => s + d.mix[e], 0) / Math.max(1, ds.length)])) as CanonicalDistribution
  const inPeriod = days.filter((d) => d.entry_date >= period.from && d.entry_date <= period.to)
  mean(days.filter((d) => d.entry_date >= previous.from && d.entry_date <= previous.to))
  const average = mean(days.filter((d) => d.entry_date <= period.to))
  const sentences = inPeriod.flatMap((d) => d.sentences)
  const sims = naiveCentrality(sentences.map((s) => s.text))
  let quoted = 0
  for (const { emotion } of leadingEmotions(mean(inPeriod))) {
    const scored = sentences
      .map((s, i) => ({ s, i, score: dominantEmotion(s.canonical) === emotion ? (sims[i]!.reduce((a, v, j) => a + (j === i ? 0 : v * sentences[j]!.canonical[emotion]), 0) * s.canonical[emotion]) : -1 }))
      .filter((x) => x.score >= 0)
      .sort((a, b) => b.score - a.score)
    quoted += Math.min(3, scored.length)
  }
  const tags = db.prepare('SELECT t.entry_id, t.tag FROM entry_tags t JOIN entries e ON e.id = t.entry_id WHERE e.profile_id = ?').all(profileId) as { entry_id: number; tag: string }[]
  const byKey = new Map<string, CanonicalDistribution[]>()
  for (const d of inPeriod) {
    for (const t of tags.filter((x) => x.entry_id === d.id)) byKey.set(`#${t.tag}`, [...(byKey.get(`#${t.tag}`) ?? []), d.mix])
    for (const w of topicWords(d.text)) byKey.set(w, [...(byKey.get(w) ?? []), d.mix])
  }
  let claims = 0
  for (const ds of byKey.values()) if (ds.length >= 3 && CANONICAL_EMOTIONS.some((e: CanonicalEmotion) => Math.abs(ds.reduce((s, d) => s + d[e], 0) / ds.length - average[e]) >= 0.1)) claims++
  return quoted + claims
}

export async function benchReflect(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'haru-bench-reflect-'))
  try {
    const monthDb = openDatabase(join(dir, 'month'))
    const m = seedDiary(monthDb, '2026-11-01', 30)
    const yearDb = openDatabase(join(dir, 'year'))
    const y = seedDiary(yearDb, '2026-01-01', 365)
    const months = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`)
    const check = extractiveReflection(monthDb, m, '2026-11')
    const quotes = check.sections.flatMap((s) => (s.kind === 'moments' ? s.groups.flatMap((g) => g.quotes) : [])).length
    if (quotes === 0 || check.coverage.analysedDays !== 30) throw new Error('bench diary is not what it should be')

    const month = await medianMs(() => extractiveReflection(monthDb, m, '2026-11'), 15)
    const monthNaive = await medianMs(() => naiveReflect(monthDb, m, '2026-11'), 15)
    const year = await medianMs(() => months.forEach((k) => extractiveReflection(yearDb, y, k)), 5, 1)
    const yearNaive = await medianMs(() => months.forEach((k) => naiveReflect(yearDb, y, k)), 3, 1)
    const oneInYear = await medianMs(() => extractiveReflection(yearDb, y, '2026-12'), 15)
    const oneInYearNaive = await medianMs(() => naiveReflect(yearDb, y, '2026-12'), 5)
    const week = await medianMs(() => extractiveReflection(yearDb, y, '2026-W48'), 15)
    monthDb.close()
    yearDb.close()
    return [
      { name: `month of 30 entries (${quotes} quotes)`, value: month, unit: 'ms', baseline: { name: 'naive in JS', value: monthNaive }, ratio: ratio(month, monthNaive), target: '≤ 200 ms' },
      { name: "a year's history: 12 monthly reflections of 365 entries", value: year, unit: 'ms', baseline: { name: 'naive in JS', value: yearNaive }, ratio: ratio(year, yearNaive), target: '≤ 1 s' },
      { name: 'one month inside a year of history', value: oneInYear, unit: 'ms', baseline: { name: 'naive in JS', value: oneInYearNaive }, ratio: ratio(oneInYear, oneInYearNaive) },
      { name: 'one week inside a year of history', value: week, unit: 'ms' }
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { printResults } = await import('./print')
  printResults(await benchReflect())
}
