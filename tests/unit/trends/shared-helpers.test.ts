import { describe, expect, it } from 'vitest'
import { addDays, daysFrom } from '../../../src/shared/dates'
import { CANONICAL_EMOTIONS } from '../../../src/shared/emotions'
import {
  bucketStart,
  chooseBucket,
  daysInMonth,
  enumerateBuckets,
  monthGrid,
  monthRange,
  presetRange,
  shiftMonth,
  weekStart
} from '../../../src/shared/trends/date-ranges'
import { contrastRatio, EMOTION_GLYPHS, EMOTION_ICONS, emotionColor, emotionPalette } from '../../../src/shared/trends/emotion-style'
import { buildSnippet, findHits, ftsPhrase, isIndexedTerm, likePattern, parseQuery } from '../../../src/shared/trends/search-text'
import { currentStreak, longestRun } from '../../../src/shared/trends/streaks'
import { isValidTag, normalizeTag, parseTagInput } from '../../../src/shared/trends/tags'

describe('date ranges', () => {
  it('does calendar arithmetic across months, leap days and years', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01')
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31')
    expect(daysFrom('2026-01-01', '2026-12-31')).toBe(364)
    expect(daysInMonth(2024, 2)).toBe(29)
    expect(daysInMonth(1900, 2)).toBe(28)
    expect(daysInMonth(2000, 2)).toBe(29)
    expect(monthRange('2026-04')).toEqual({ from: '2026-04-01', to: '2026-04-30' })
    expect(shiftMonth('2026-01', -1)).toBe('2025-12')
    expect(shiftMonth('2026-11', 14)).toBe('2028-01')
    expect(addDays('0900-03-01', -1)).toBe('0900-02-28')
  })

  it('starts weeks on Monday like the SQL buckets', () => {
    // 2026-03-01 is a Sunday.
    expect(weekStart('2026-03-01')).toBe('2026-02-23')
    expect(weekStart('2026-03-02')).toBe('2026-03-02')
    expect(weekStart('2026-03-08')).toBe('2026-03-02')
    expect(bucketStart('2026-03-17', 'month')).toBe('2026-03-01')
    expect(enumerateBuckets({ from: '2026-03-01', to: '2026-03-31' }, 'week')).toEqual(['2026-02-23', '2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30'])
    expect(enumerateBuckets({ from: '2025-11-15', to: '2026-02-01' }, 'month')).toEqual(['2025-11-01', '2025-12-01', '2026-01-01', '2026-02-01'])
  })

  it('picks a bucket size from the range length and resolves presets', () => {
    expect(chooseBucket({ from: '2026-03-01', to: '2026-03-31' })).toBe('day')
    expect(chooseBucket({ from: '2026-01-01', to: '2026-12-31' })).toBe('week')
    expect(chooseBucket({ from: '2020-01-01', to: '2026-12-31' })).toBe('month')
    expect(chooseBucket({ from: '1990-01-01', to: '2026-12-31' })).toBe('year')
    expect(enumerateBuckets({ from: '2024-05-05', to: '2026-01-01' }, 'year')).toEqual(['2024-01-01', '2025-01-01', '2026-01-01'])
    expect(presetRange('month', '2026-03-17')).toEqual({ from: '2026-03-01', to: '2026-03-17' })
    // Issue 11 item 10 changed what "3 months" means: the three months up to today (it was two months and some days).
    expect(presetRange('3months', '2026-02-10')).toEqual({ from: '2025-11-11', to: '2026-02-10' })
    expect(presetRange('year', '2026-02-10')).toEqual({ from: '2026-01-01', to: '2026-02-10' })
    expect(presetRange('all', '2026-02-10', '2023-05-06')).toEqual({ from: '2023-05-06', to: '2026-02-10' })
  })

  it('lays a month out as Sunday-first calendar rows', () => {
    const grid = monthGrid('2026-03')
    expect(grid[0]).toEqual(['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07'])
    expect(grid).toHaveLength(5)
    expect(grid[4]).toEqual(['2026-03-29', '2026-03-30', '2026-03-31', null, null, null, null])
    expect(monthGrid('2026-02', 1)[0]).toEqual([null, null, null, null, null, null, '2026-02-01'])
  })
})

describe('streaks', () => {
  it('counts the run ending today or yesterday, and the longest run', () => {
    expect(currentStreak(['2026-03-10', '2026-03-09', '2026-03-07'], '2026-03-10')).toBe(2)
    expect(currentStreak(['2026-03-09', '2026-03-08'], '2026-03-10')).toBe(2)
    expect(currentStreak(['2026-03-08'], '2026-03-10')).toBe(0)
    expect(currentStreak([], '2026-03-10')).toBe(0)
    expect(currentStreak(['2026-03-12', '2026-03-10'], '2026-03-10')).toBe(1)
    expect(longestRun(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-05'])).toEqual({ from: '2026-02-27', to: '2026-03-01', days: 3 })
    expect(longestRun([])).toBeNull()
  })
})

describe('tags', () => {
  it('normalises typed tags', () => {
    expect(normalizeTag('  #산책 ')).toBe('산책')
    expect(normalizeTag('Work  Life')).toBe('work life')
    expect(normalizeTag('#')).toBeNull()
    // Decomposed Hangul (as some keyboards produce) becomes the composed form.
    expect(normalizeTag('\u1112\u1161\u1105\u116e')).toBe('하루')
    expect(parseTagInput('#산책, 친구 ,,산책, Work')).toEqual(['산책', '친구', 'work'])
    expect(isValidTag('산책')).toBe(true)
    expect(isValidTag('#산책')).toBe(false)
    expect(isValidTag('가'.repeat(41))).toBe(false)
  })
})

describe('search text', () => {
  it('splits queries, keeps quoted phrases, and escapes FTS and LIKE syntax', () => {
    expect(parseQuery(' 행복  "한강 산책" 행복 ')).toEqual(['행복', '한강 산책'])
    expect(isIndexedTerm('행복')).toBe(false)
    expect(isIndexedTerm('행복했')).toBe(true)
    expect(isIndexedTerm('😊😊')).toBe(false)
    expect(ftsPhrase('a"b')).toBe('"a""b"')
    expect(likePattern('100%_\\')).toBe('%100\\%\\_\\\\%')
  })

  it('finds overlapping hits once and cuts a snippet around the first', () => {
    expect(findHits('행복행복', ['행복', '복행'])).toEqual([[0, 4]])
    const long = `${'가'.repeat(300)}행복${'나'.repeat(300)}`
    const s = buildSnippet(long, ['행복'], 60)
    expect(s.cutStart && s.cutEnd).toBe(true)
    expect(s.parts.map((p) => p.text).join('')).toHaveLength(60)
    expect(s.parts.find((p) => p.hit)?.text).toBe('행복')
    const none = buildSnippet('짧은 글', ['없음'])
    expect(none).toEqual({ parts: [{ text: '짧은 글', hit: false }], cutStart: false, cutEnd: false, hits: 0 })
    // An emoji at the cut is kept whole.
    const emoji = buildSnippet(`${'😊'.repeat(50)}행복`, ['행복'], 21)
    expect(emoji.parts.map((p) => p.text).join('')).not.toMatch(/^[\udc00-\udfff]/)
  })
})

describe('emotion style', () => {
  it('gives every emotion a distinct colour, icon and glyph, readable on both themes', () => {
    for (const scheme of ['light', 'dark'] as const) {
      expect(new Set(emotionPalette(scheme)).size).toBe(CANONICAL_EMOTIONS.length)
      // Graphics need 3:1 against what they sit on (WCAG 1.4.11): page and card, per styles.css.
      const backgrounds = scheme === 'light' ? ['#f6f3ee', '#fffdf9'] : ['#1c1d1f', '#25272a']
      for (const e of CANONICAL_EMOTIONS) {
        for (const bg of backgrounds) expect(contrastRatio(emotionColor(e, scheme), bg), `${e} on ${bg}`).toBeGreaterThanOrEqual(3)
      }
    }
    expect(new Set(Object.values(EMOTION_ICONS)).size).toBe(7)
    expect(new Set(Object.values(EMOTION_GLYPHS)).size).toBe(7)
  })
})
