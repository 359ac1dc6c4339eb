import { isoWeekKey, isoWeeksInYear, nextPeriod, parsePeriodKey, periodOf, periodsEndedYesterday, previousPeriod } from '../../../src/shared/reflect/period'
import { dayEn, dayKo, periodNameEn, periodNameKo, withParticle } from '../../../src/shared/reflect/phrases'
import { topicWords, wordStem } from '../../../src/main/reflect/extractive/frequent-words'
import { cosine, tfidfVectors } from '../../../src/main/reflect/extractive/centrality'

describe('reflection periods', () => {
  it('parses ISO weeks and months into their days', () => {
    expect(parsePeriodKey('2026-W48')).toEqual({ kind: 'week', key: '2026-W48', from: '2026-11-23', to: '2026-11-29' })
    expect(parsePeriodKey('2026-W01')).toEqual({ kind: 'week', key: '2026-W01', from: '2025-12-29', to: '2026-01-04' })
    // 2026 starts on a Thursday: it has a week 53, running into 2027; 2025 has none.
    expect(isoWeeksInYear(2026)).toBe(53)
    expect(parsePeriodKey('2026-W53')).toMatchObject({ from: '2026-12-28', to: '2027-01-03' })
    expect(parsePeriodKey('2025-W53')).toBeNull()
    expect(parsePeriodKey('2020-W53')).toMatchObject({ from: '2020-12-28', to: '2021-01-03' })
    expect(parsePeriodKey('2024-02')).toEqual({ kind: 'month', key: '2024-02', from: '2024-02-01', to: '2024-02-29' })
    for (const bad of ['2026-13', '2026-00', '2026-W00', '2026-W54', '2026-11-01', 'W48', '']) expect(parsePeriodKey(bad), bad).toBeNull()
  })

  it('names the ISO week of any day, the year decided by its Thursday', () => {
    expect(isoWeekKey('2027-01-01')).toBe('2026-W53')
    expect(isoWeekKey('2024-12-30')).toBe('2025-W01')
    expect(isoWeekKey('2026-11-29')).toBe('2026-W48')
    expect(isoWeekKey('2026-11-30')).toBe('2026-W49')
    expect(periodOf('month', '2026-11-30').key).toBe('2026-11')
  })

  it('steps to the previous and next period across year ends', () => {
    expect(previousPeriod(parsePeriodKey('2026-W01')!).key).toBe('2025-W52')
    expect(nextPeriod(parsePeriodKey('2026-W53')!).key).toBe('2027-W01')
    expect(previousPeriod(parsePeriodKey('2026-01')!).key).toBe('2025-12')
    expect(nextPeriod(parsePeriodKey('2026-12')!).key).toBe('2027-01')
  })

  it('offers last week on a Monday, last month on the 1st, both when they coincide', () => {
    expect(periodsEndedYesterday('2026-11-16').map((p) => p.key)).toEqual(['2026-W46'])
    expect(periodsEndedYesterday('2026-12-01').map((p) => p.key)).toEqual(['2026-11'])
    expect(periodsEndedYesterday('2026-06-01').map((p) => p.key)).toEqual(['2026-05', '2026-W22'])
    expect(periodsEndedYesterday('2026-11-17')).toEqual([])
  })
})

describe('reflection phrases', () => {
  it('picks the Korean particle by the last syllable', () => {
    expect(withParticle('기쁨', '이/가')).toBe('기쁨이')
    expect(withParticle('보리', '이/가')).toBe('보리가')
    expect(withParticle('슬픔', '과/와')).toBe('슬픔과')
    expect(withParticle('회사', '이라는/라는')).toBe('회사라는')
    expect(withParticle('남편', '이라는/라는')).toBe('남편이라는')
    expect(withParticle('yoga', '이/가')).toBe('yoga(이)가')
    expect(withParticle('yoga', '이라는/라는')).toBe('yoga(이)라는')
  })

  it('says days and periods as people do', () => {
    expect(dayKo('2026-11-09')).toBe('11월 9일')
    expect(dayEn('2026-11-09')).toBe('Nov 9')
    expect(periodNameKo(parsePeriodKey('2026-W46')!)).toBe('2026년 11월 9일–15일')
    expect(periodNameKo(parsePeriodKey('2026-W49')!)).toBe('2026년 11월 30일–12월 6일')
    expect(periodNameEn(parsePeriodKey('2026-W53')!)).toBe('Dec 28, 2026 – Jan 3, 2027')
    expect(periodNameKo(parsePeriodKey('2026-11')!)).toBe('2026년 11월')
    expect(periodNameEn(parsePeriodKey('2026-11')!)).toBe('November 2026')
  })
})

describe('topic words (light stemming)', () => {
  it('strips one particle or 하다-ending and keeps topics only', () => {
    const cases: [string, string | null][] = [
      ['산책했다', '산책'],
      ['회사에서', '회사'],
      ['남편이', '남편'],
      ['하준이가', '하준'],
      ['하준이를', '하준'],
      ['고양이를', '고양이'],
      ['할머니가', '할머니'],
      ['도서관에서', '도서관'],
      ['행복했다', null], // a feeling word: tautological as what goes with a feeling
      ['먹었다', null], // a verb form
      ['맛있는', null],
      ['오늘은', null], // a time word
      ['같이', null],
      ['ok', null]
    ]
    for (const [token, stem] of cases) expect(wordStem(token), token).toBe(stem)
    expect([...topicWords('오늘은 남편이랑 공원에서 산책했다. 남편이 커피를 사 왔다!')].sort()).toEqual(['공원', '남편', '산책', '커피'])
  })
})

describe('TF-IDF over character n-grams', () => {
  it('finds the same topic across inflections without a segmenter', () => {
    const [a, b, c] = tfidfVectors(['팀장님이 회의에서 내 아이디어를 가로챘다.', '팀장님은 회의 때마다 아이디어를 자기 것처럼 말한다.', '보리가 창가에서 꾸벅꾸벅 졸았다.'])
    expect(cosine(a!, a!)).toBeCloseTo(1, 10)
    expect(cosine(a!, b!)).toBeGreaterThan(0.2)
    expect(cosine(a!, b!)).toBeGreaterThan(3 * cosine(a!, c!))
  })
})
