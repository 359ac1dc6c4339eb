/**
 * The reflection of a seeded week and month through the real API (dispatcher, SQLite file), with
 * readings stored through the repos (the writer's labels of the reference set): every figure is
 * recomputed here from the seeded data, independently of the reflector.
 */
import type { Reflection, SectionOf, SectionKind } from '../../../src/shared/api/reflections-schemas'
import { entryEmotionMix } from '../../../src/shared/analysis/entry-mix'
import { CANONICAL_EMOTIONS, type CanonicalDistribution, type CanonicalEmotion } from '../../../src/shared/emotions'
import { getEntry, updateEntryText } from '../../../src/main/repos/entries'
import { reflectionMarkdown } from '../../../src/shared/reflect/markdown'
import { labelReading, loadReferenceSet, seedDay, type ReferenceEntry } from '../../helpers/reflection-reference'
import { useTestService } from '../../helpers/test-service'
import { addMemo, analyse, dist } from '../trends/seed'

const t = useTestService()
const seoyeon = loadReferenceSet().find((r) => r.id === 'seoyeon-2026-11')!
const section = <K extends SectionKind>(r: Reflection, kind: K) => r.sections.find((s): s is SectionOf<K> => s.kind === kind)
const pct = (v: number) => Math.round(v * 100)

/** What the day's stored text reading is: the length-weighted mix of the writer's labels. */
function dayMix(e: ReferenceEntry): CanonicalDistribution {
  let offset = 0
  const spans = e.sentences.map(([label, text]) => {
    const span = { start: offset, end: offset + text.length, canonical: labelReading(label) }
    offset += text.length + 1
    return span
  })
  return entryEmotionMix(spans)
}
const mean = (ds: CanonicalDistribution[]) =>
  Object.fromEntries(CANONICAL_EMOTIONS.map((e) => [e, ds.reduce((s, d) => s + d[e], 0) / ds.length])) as CanonicalDistribution
const inRange = (from: string, to: string) => seoyeon.entries.filter((e) => e.date >= from && e.date <= to)
const allStatements = (r: Reflection) => [...r.notices, ...r.sections.flatMap((s) => s.statements)]

async function seedNovember(): Promise<{ profileId: number; ids: Map<string, number> }> {
  const profile = await t.api.profiles.create({ name: '서연' })
  const ids = new Map(seoyeon.entries.map((e) => [e.date, seedDay(t.service.db, profile.id, e, 'writer')]))
  return { profileId: profile.id, ids }
}

describe('reflections.get on a seeded week', () => {
  it('gives the mix and its move against the week before, with the numbers of the stored readings', async () => {
    const { profileId } = await seedNovember()
    const r = await t.api.reflections.get({ profileId, period: '2026-W46' })
    expect(r.period).toEqual({ kind: 'week', key: '2026-W46', from: '2026-11-09', to: '2026-11-15' })
    expect(r.previous.key).toBe('2026-W45')
    expect(r.reflector).toMatchObject({ id: 'haru-extractive-1', kind: 'extractive' })
    expect(r.coverage).toEqual({ entryDays: 6, analysedDays: 6, unanalysedDates: [], staleDates: [] })
    expect(r.notices).toEqual([])

    const mix = section(r, 'mix')!
    const want = mean(inRange('2026-11-09', '2026-11-15').map(dayMix))
    const before = mean(inRange('2026-11-02', '2026-11-08').map(dayMix))
    for (const e of CANONICAL_EMOTIONS) expect(mix.mix![e]).toBeCloseTo(want[e], 9)
    expect([mix.days, mix.previousDays]).toEqual([6, 4])
    expect(mix.leading[0]!.emotion).toBe('FEAR')
    const moves = CANONICAL_EMOTIONS.map((e) => ({ emotion: e, points: pct(want[e]) - pct(before[e]) })).filter((c) => Math.abs(c.points) >= 5)
    expect(mix.changes.length).toBe(Math.min(3, moves.length))
    for (const c of mix.changes) expect(moves).toContainEqual(c)
    const fear = mix.changes.find((c) => c.emotion === 'FEAR')!
    expect(fear.points).toBeGreaterThan(0)
    expect(mix.statements.map((s) => s.ko)).toContain(`지난주보다 두려움이 ${fear.points}%p 늘었어요.`)
    expect(mix.statements.map((s) => s.en)).toContain(`Fear rose ${fear.points} points from the week before.`)
    expect(mix.statements[1]!.ko).toMatch(/^2026년 11월 9일–15일에는 두려움\(\d+%\)이 가장 컸고, .+ 뒤를 이었어요\.$/)
  })

  it('quotes moments verbatim from the right days, under the feeling they were read as', async () => {
    const { profileId, ids } = await seedNovember()
    const r = await t.api.reflections.get({ profileId, period: '2026-W46' })
    const moments = section(r, 'moments')!
    expect(moments.groups.length).toBeGreaterThan(0)
    const labels = new Map(seoyeon.entries.flatMap((e) => e.sentences.map(([label, text]) => [text, label] as const)))
    for (const g of moments.groups) {
      expect(g.quotes.length).toBeGreaterThan(0)
      expect(g.quotes.length).toBeLessThanOrEqual(2) // a week quotes at most two per feeling
      for (const q of g.quotes) {
        expect(q.date >= '2026-11-09' && q.date <= '2026-11-15').toBe(true)
        expect(q.entryId).toBe(ids.get(q.date))
        expect(getEntry(t.service.db, q.entryId).text.slice(q.start, q.end)).toBe(q.text)
        expect(labels.get(q.text)).toBe(g.emotion)
        expect(q.readBy).toBe('model')
      }
      expect(new Set(g.quotes.map((q) => q.date)).size).toBe(g.quotes.length) // different days
    }
  })

  it('says which tag went with which feeling, with its day count, and nothing on fewer than 3 days', async () => {
    const { profileId } = await seedNovember()
    const r = await t.api.reflections.get({ profileId, period: '2026-W46' })
    const assoc = section(r, 'associations')!
    // #육아 is on 11-09, 11-10 and 11-12 of this week; #남편 on two days only, #복직 on one.
    const parenting = assoc.items.find((a) => a.kind === 'tag' && a.key === '육아')!
    expect(parenting).toBeDefined()
    expect(parenting.days).toBe(3)
    const average = mean(inRange('2026-11-01', '2026-11-15').map(dayMix))
    const tagged = mean(['2026-11-09', '2026-11-10', '2026-11-12'].map((d) => dayMix(seoyeon.entries.find((e) => e.date === d)!)))
    const diffs = CANONICAL_EMOTIONS.filter((e) => e !== 'NEUTRAL').map((e) => ({ e, points: pct(tagged[e]) - pct(average[e]) }))
    const strongest = diffs.reduce((a, b) => (Math.abs(b.points) > Math.abs(a.points) ? b : a))
    expect([parenting.emotion, parenting.points]).toEqual([strongest.e, strongest.points])
    expect(assoc.averageDays).toBe(10)
    expect(assoc.items.some((a) => a.key === '남편' || a.key === '복직')).toBe(false)
    for (const a of assoc.items) expect(a.days).toBeGreaterThanOrEqual(3)
    const up = parenting.points > 0 ? '높았어요' : '낮았어요'
    expect(assoc.statements.map((s) => s.ko)).toContain(`#육아 태그가 있던 3일은 평소보다 두려움이 ${Math.abs(parenting.points)}%p ${up}.`)
  })

  it('never words a claim as a cause', async () => {
    const { profileId } = await seedNovember()
    for (const period of ['2026-W45', '2026-W46', '2026-W47', '2026-W48', '2026-11']) {
      const r = await t.api.reflections.get({ profileId, period })
      for (const s of allStatements(r)) {
        expect(s.ko).not.toMatch(/때문|덕분|탓에|영향|원인이 되/)
        expect(s.en).not.toMatch(/\bbecause\b|\bcaused?\b(?! by)|\bmakes?\b|\bleads? to\b|\bdue to\b|\bthanks to\b/i)
      }
    }
  })

  it('counts writing: days, characters, the longest run and the streak at the end', async () => {
    const { profileId } = await seedNovember()
    const r = await t.api.reflections.get({ profileId, period: '2026-W46' })
    const w = section(r, 'writing')!
    const chars = (es: ReferenceEntry[]) => es.reduce((s, e) => s + e.sentences.map(([, x]) => x).join(' ').length, 0)
    expect(w).toMatchObject({
      daysInPeriod: 7,
      daysWritten: 6,
      previousDaysWritten: 4,
      characters: chars(inRange('2026-11-09', '2026-11-15')),
      previousCharacters: chars(inRange('2026-11-02', '2026-11-08')),
      longestRunInPeriod: 4, // 12, 13, 14, 15
      streakAtEnd: 4
    })
    expect(w.statements[0]).toEqual({ ko: '7일 중 6일 일기를 썼어요 (지난주 4일).', en: 'You wrote on 6 of 7 days (4 the week before).' })
  })
})

describe('reflections.get: what is missing is said plainly', () => {
  it('leaves out days not analysed yet and names them; quotes only text still in the entry', async () => {
    const profile = await t.api.profiles.create({ name: '지민' })
    const db = t.service.db
    const days: ReferenceEntry[] = [
      { date: '2026-11-09', tags: [], sentences: [['SAD', '비가 와서 하루 종일 마음이 가라앉았다.'], ['SAD', '창밖을 보다가 괜히 눈물이 났다.']] },
      { date: '2026-11-10', tags: [], sentences: [['SAD', '혼자 저녁을 먹으니 집이 너무 조용해서 쓸쓸했다.'], ['HAPPY', '그래도 동생 전화에 조금 웃었다.']] }
    ]
    const ids = days.map((d) => seedDay(db, profile.id, d, 'writer'))
    await t.api.entries.create({ profileId: profile.id, entryDate: '2026-11-11', text: '아직 분석하지 않은 날.' })
    // The writer rewrote the 9th after it was read: its second sentence is gone.
    await new Promise((resolve) => setTimeout(resolve, 5)) // a later updated_at than the analysis
    updateEntryText(db, ids[0]!, '비가 와서 하루 종일 마음이 가라앉았다. 그래도 저녁엔 괜찮아졌다.')
    const r = await t.api.reflections.get({ profileId: profile.id, period: '2026-W46' })
    expect(r.coverage).toEqual({ entryDays: 3, analysedDays: 2, unanalysedDates: ['2026-11-11'], staleDates: ['2026-11-09'] })
    expect(r.notices.map((n) => n.ko)).toEqual([
      '쓴 날 3일 중 1일(11월 11일)은 아직 감정 분석이 되지 않아 이 돌아보기에서 빠졌어요.',
      '1일(11월 9일)은 글을 고친 뒤 아직 다시 분석되지 않아, 고치기 전의 분석을 썼어요.'
    ])
    const quotes = section(r, 'moments')!.groups.flatMap((g) => g.quotes.map((q) => q.text))
    expect(quotes).not.toContain('창밖을 보다가 괜히 눈물이 났다.')
    expect(quotes.length).toBeGreaterThan(0)
  })

  it('says when nothing was written, and compares with nothing when the period before is empty', async () => {
    const profile = await t.api.profiles.create({ name: '지민' })
    const empty = await t.api.reflections.get({ profileId: profile.id, period: '2026-W40' })
    expect(empty.notices.map((n) => n.en)).toEqual(['Nothing was written in this period.'])
    expect(empty.sections.map((s) => s.kind)).toEqual(['mix'])
    expect(section(empty, 'mix')!.statements[0]!.ko).toBe('이 기간에는 분석된 날이 없어서 감정 비율을 보여 줄 수 없어요.')

    seedDay(t.service.db, profile.id, { date: '2026-10-05', tags: [], sentences: [['HAPPY', '오랜만에 친구를 만나서 즐거웠다.']] }, 'writer')
    const first = await t.api.reflections.get({ profileId: profile.id, period: '2026-W41' })
    expect(section(first, 'mix')!.statements.map((s) => s.ko)).toContain('지난주에는 분석된 날이 없어서 비교하지 않았어요.')
  })

  it('shows the days where words and voice were read most differently', async () => {
    const { profileId, ids } = await seedNovember()
    const db = t.service.db
    analyse(db, { memoId: addMemo(db, ids.get('2026-11-12')!) }, 'audio', dist({ SAD: 0.8, NEUTRAL: 0.2 }))
    analyse(db, { memoId: addMemo(db, ids.get('2026-11-15')!) }, 'audio', dist({ HAPPY: 0.6, NEUTRAL: 0.4 }))
    const r = await t.api.reflections.get({ profileId, period: '2026-W46' })
    const wvv = section(r, 'wordsVsVoice')!
    expect(wvv.daysWithBoth).toBe(2)
    expect(wvv.days[0]).toMatchObject({ date: '2026-11-12', words: { emotion: 'HAPPY' }, voice: { emotion: 'SAD' } })
    expect(wvv.days[0]!.distance).toBeGreaterThan(0.25)
    expect(wvv.statements[1]!.ko).toMatch(/^11월 12일에는 글은 기쁨, 목소리는 슬픔이 가장 컸어요 \(차이 \d+%\)\.$/)
    // Without any voice reading the section is left out rather than saying nothing.
    expect(section(await t.api.reflections.get({ profileId, period: '2026-W45' }), 'wordsVsVoice')).toBeUndefined()
  })
})

describe('reflections API', () => {
  it('refuses a period that is not a real week or month, and an unknown profile', async () => {
    const profile = await t.api.profiles.create({ name: '지민' })
    await expect(t.api.reflections.get({ profileId: profile.id, period: '2025-W53' })).rejects.toMatchObject({ code: 'invalid-input' })
    await expect(t.api.reflections.get({ profileId: profile.id, period: '2026-13' })).rejects.toMatchObject({ code: 'invalid-input' })
    await expect(t.api.reflections.get({ profileId: 999, period: '2026-11' })).rejects.toMatchObject({ code: 'not-found' })
  })

  it('offers the period that ended yesterday, only when something was written in it', async () => {
    const { profileId } = await seedNovember()
    expect(await t.api.reflections.due({ profileId, today: '2026-11-16' })).toEqual([
      { kind: 'week', key: '2026-W46', from: '2026-11-09', to: '2026-11-15', entryDays: 6 }
    ])
    expect(await t.api.reflections.due({ profileId, today: '2026-12-01' })).toEqual([
      { kind: 'month', key: '2026-11', from: '2026-11-01', to: '2026-11-30', entryDays: 18 }
    ])
    expect(await t.api.reflections.due({ profileId, today: '2026-11-17' })).toEqual([])
    expect(await t.api.reflections.due({ profileId, today: '2026-10-05' })).toEqual([]) // W40: nothing written
  })

  it('quotes at most three per feeling in a month', async () => {
    const { profileId } = await seedNovember()
    const r = await t.api.reflections.get({ profileId, period: '2026-11' })
    const groups = section(r, 'moments')!.groups
    expect(Math.max(...groups.map((g) => g.quotes.length))).toBe(3)
    expect(groups.map((g) => g.emotion)).toEqual(section(r, 'mix')!.leading.map((l) => l.emotion as CanonicalEmotion).slice(0, 4))
  })
})

describe("reflections: the writer's own word", () => {
  it('compares the check-ins with the readings, day by day, only when there are check-ins', async () => {
    const { profileId } = await seedNovember()
    const week = inRange('2026-11-09', '2026-11-15')
    expect(section(await t.api.reflections.get({ profileId, period: '2026-W46' }), 'selfAgreement')).toBeUndefined()
    const dominant = (d: CanonicalDistribution) => CANONICAL_EMOTIONS.reduce((a, b) => (d[b] > d[a] ? b : a))
    // Two days checked in as the reading's own feeling, one as another feeling.
    const [a, b, c] = week
    await t.api.moods.set({ profileId, date: a!.date, emotion: dominant(dayMix(a!)) })
    await t.api.moods.set({ profileId, date: b!.date, emotion: dominant(dayMix(b!)) })
    const other: CanonicalEmotion = dominant(dayMix(c!)) === 'NEUTRAL' ? 'HAPPY' : 'NEUTRAL'
    await t.api.moods.set({ profileId, date: c!.date, emotion: other })

    const r = await t.api.reflections.get({ profileId, period: '2026-W46' })
    const agreement = section(r, 'selfAgreement')!
    expect(agreement.checkIns).toBe(3)
    expect(agreement.sources).toEqual([{ source: 'text', days: 3, agreeing: 2 }])
    expect(agreement.statements.map((s) => s.ko)).toEqual(['이 기간에 직접 고른 기분은 3일이에요.', '글 분석은 3일 중 2일 같은 감정을 가장 크게 읽었어요 (67%).'])
    expect(agreement.statements[1]!.en).toBe('The words reading agreed with you on 2 of 3 days (67%).')
    // The month around it counts the same three days; the next week has none.
    expect(section(await t.api.reflections.get({ profileId, period: '2026-11' }), 'selfAgreement')!.sources[0]).toMatchObject({ days: 3, agreeing: 2 })
    expect(section(await t.api.reflections.get({ profileId, period: '2026-W47' }), 'selfAgreement')).toBeUndefined()
  })

  it("quotes a sentence the writer corrected under the writer's feeling, marked as theirs", async () => {
    const { profileId, ids } = await seedNovember()
    const day = inRange('2026-11-09', '2026-11-15').find((e) => e.sentences.some(([label]) => label !== 'HAPPY'))!
    const entryId = ids.get(day.date)!
    const text = getEntry(t.service.db, entryId).text
    const [, sentence] = day.sentences.find(([label, s]) => label !== 'HAPPY' && s.length >= 6)!
    const start = text.indexOf(sentence)
    await t.api.corrections.setSentence({ entryId, start, end: start + sentence.length, text: sentence, emotion: 'HAPPY' })
    const r = await t.api.reflections.get({ profileId, period: '2026-W46' })
    const happy = section(r, 'moments')!.groups.find((g) => g.emotion === 'HAPPY')
    const quote = happy?.quotes.find((q) => q.text === sentence)
    // Read by the writer as HAPPY with certainty, it is the most confident HAPPY sentence of the week.
    expect(quote?.readBy).toBe('writer')
    expect(reflectionMarkdown(r, { locale: 'ko' })).toContain(`> ${sentence}\n> — [`)
    expect(reflectionMarkdown(r, { locale: 'ko' })).toMatch(/> — \[[^\]]+\]\([^)]*\) · 내가 고른 감정/)
    for (const g of section(r, 'moments')!.groups) for (const q of g.quotes) if (q.text === sentence) expect(g.emotion).toBe('HAPPY')
  })
})
