import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEntry } from '../../src/main/repos/entries'
import { createProfile } from '../../src/main/repos/profiles'
import { setEntryTags } from '../../src/main/repos/tags'
import { addDays, localIsoDate } from '../../src/shared/dates'
import type { CanonicalEmotion } from '../../src/shared/emotions'
import { monthKey, shiftMonth } from '../../src/shared/trends/date-ranges'
import { openApp, type AppUnderTest } from './browser'
import { analyse, nav as navTo, openProfile, peaked } from './seed'

/**
 * A diarist's 52 days (issue 11): History grouped by month with each day's emotion, memo and tag
 * marks, a page at a time (item 4); search by filters alone, clearing, ranges that mean what they
 * say and readable lines (item 10); charts that speak Korean and English (item 7).
 */
let app: AppUnderTest
let page: Page
const today = localIsoDate()
const CYCLE: CanonicalEmotion[] = ['HAPPY', 'SAD', 'ANGRY', 'HAPPY', 'NEUTRAL', 'FEAR', 'SURPRISE']
const DAYS = Array.from({ length: 52 }, (_, i) => ({ date: addDays(today, -i), emotion: CYCLE[i % CYCLE.length]!, tag: i % 5 === 0 ? '산책' : null, memo: i === 0 }))
const HANGUL = /[\u3131-\u318e\uac00-\ud7a3]/
const nav = (name: string) => navTo(page, name)
const cspErrors: string[] = []

beforeAll(async () => {
  app = await openApp()
  page = app.page
  page.setDefaultTimeout(10_000)
  page.on('console', (m) => m.type() === 'error' && /Content Security Policy/i.test(m.text()) && cspErrors.push(m.text()))
  const db = app.harness.service.db
  const profile = createProfile(db, '지민', 'FEMALE')
  for (const d of DAYS) {
    const id = createEntry(db, profile.id, d.date, `${d.date}: 오늘도 일기를 썼다. ${d.tag ? '공원에서 산책을 했다.' : '집에 있었다.'}`).id
    analyse(db, { entryId: id }, 'text', peaked(d.emotion))
    if (d.tag) setEntryTags(db, id, [d.tag])
    if (d.memo) db.prepare("INSERT INTO voice_memos (entry_id, file_path, duration_sec, sample_rate, created_at) VALUES (?, 'memos/x.wav', 3, 16000, ?)").run(id, new Date().toISOString())
  }
  await page.setViewportSize({ width: 1280, height: 900 })
  await openProfile(page, '지민')
})
afterAll(async () => app?.close())

describe('History', () => {
  it('shows one month per page, each day with its emotion, memo and tag marks', async () => {
    await nav('지난 기록').click()
    const months = page.getByTestId('history-month')
    await months.first().waitFor({ timeout: 5000 })
    expect(await months.count()).toBe(1)
    expect(await months.getAttribute('data-month')).toBe(monthKey(today))
    const thisMonth = DAYS.filter((d) => monthKey(d.date) === monthKey(today))
    const items = months.locator('li[data-date]')
    expect(await items.count()).toBe(thisMonth.length)
    for (const d of thisMonth.slice(0, 5)) {
      const item = months.locator(`li[data-date="${d.date}"]`)
      expect(await item.locator('[data-emotion]').first().getAttribute('data-emotion')).toBe(d.emotion)
      if (d.tag) expect(await item.textContent()).toContain(`#${d.tag}`)
      expect(await item.getByTestId('memo-mark').count()).toBe(d.memo ? 1 : 0)
    }
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(31 * 140)

    await page.getByTestId('history-pager').getByRole('button', { name: '이전 달' }).click()
    const previous = shiftMonth(monthKey(today), -1)
    await expect.poll(() => months.getAttribute('data-month')).toBe(previous)
    expect(await months.locator('li[data-date]').count()).toBe(DAYS.filter((d) => monthKey(d.date) === previous).length)
  })
})

describe('Search', () => {
  it('clears the results when the search word is cleared', async () => {
    await nav('찾기').click()
    const box = page.getByRole('searchbox', { name: '찾을 말' })
    await box.fill('산책')
    await page.getByRole('search').getByRole('button', { name: '찾기' }).click()
    await expect.poll(() => page.getByTestId('search-count').getAttribute('data-total')).toBe(String(DAYS.filter((d) => d.tag).length))
    await box.fill('')
    await expect.poll(() => page.locator('[data-testid="search-results"] li').count()).toBe(0)
    expect(await page.getByTestId('search-count').count()).toBe(0)
  })

  it('finds every day of an emotion without a search word', async () => {
    await page.locator('#search-emotion').selectOption('HAPPY')
    await page.getByRole('search').getByRole('button', { name: '찾기' }).click()
    const happy = DAYS.filter((d) => d.emotion === 'HAPPY')
    await expect.poll(() => page.getByTestId('search-count').getAttribute('data-total')).toBe(String(happy.length))
    const shown = await page.locator('[data-testid="search-results"] li').evaluateAll((els) => els.map((e) => e.getAttribute('data-date')))
    expect(shown).toEqual(happy.map((d) => d.date).slice(0, shown.length))
  })
})

describe('Trends ranges', () => {
  it('makes "최근 3개월" the three months up to today, with weekly lines', async () => {
    await nav('감정 흐름').click()
    await page.getByTestId('range-select').selectOption('3months')
    const [y, m, d] = today.split('-').map(Number) as [number, number, number]
    const back = new Date(y, m - 4, Math.min(d, new Date(y, m - 3, 0).getDate()) + 1)
    await expect.poll(() => page.getByTestId('trends-page').getAttribute('data-range-from')).toBe(localIsoDate(back))
    expect(await page.getByTestId('trends-page').getAttribute('data-range-to')).toBe(today)
    await expect.poll(() => page.getByTestId('emotion-lines').getAttribute('data-bucket')).toBe('week')
  })

  it('moves the month calendar to the end of a chosen range', async () => {
    await page.getByTestId('range-select').selectOption('custom')
    const to = addDays(today, -45)
    await page.locator('#trends-from').fill(addDays(today, -50))
    await page.locator('#trends-to').fill(to)
    await expect.poll(() => page.getByTestId('month-calendar').getAttribute('data-month')).toBe(monthKey(to))
    await page.getByTestId('range-select').selectOption('month')
    await expect.poll(() => page.getByTestId('month-calendar').getAttribute('data-month')).toBe(monthKey(today))
  })
})

/** Every text ECharts drew into a chart's SVG. */
const svgTexts = (testId: string) => page.getByTestId(testId).locator('svg text').allTextContents()

/** Hovers a chart and returns the text of the tooltip ECharts shows (a div it adds to the chart's box). */
async function hoverForTooltip(testId: string): Promise<string> {
  const chart = page.getByTestId(testId)
  await chart.scrollIntoViewIfNeeded()
  const box = (await chart.boundingBox())!
  // The drawing is a div holding the SVG; the tooltip is the other div, filled in while hovering.
  const tooltip = chart.locator(':scope > div:not(:has(svg))').filter({ hasText: /\S/ })
  if (testId === 'year-pixels') {
    // Heatmap cells: try the drawn cells (filled paths) until one answers with a tooltip.
    const cells = chart.locator('svg path[fill]:not([fill="none"]):not([fill="transparent"])')
    const n = await cells.count()
    for (let i = n - 1; i >= 0 && i > n - 60; i--) {
      await cells.nth(i).hover({ force: true }).catch(() => undefined)
      if (await tooltip.isVisible().catch(() => false)) return (await tooltip.textContent()) ?? ''
    }
    return ''
  }
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.6)
  await tooltip.waitFor({ timeout: 3000 }).catch(() => undefined)
  return (await tooltip.textContent().catch(() => '')) ?? ''
}

describe('charts in both languages', () => {
  it('draws months, weekdays, legends, tooltips and descriptions in Korean', async () => {
    await nav('감정 흐름').click()
    await page.getByTestId('range-select').selectOption('3months')
    await page.locator('[data-testid="year-pixels"] svg text').first().waitFor()
    const year = await svgTexts('year-pixels')
    expect(year).toContain('1월')
    expect(year).toContain('일')
    expect(year.join(' ')).not.toMatch(/[月一二三四五六]/)
    const bars = await svgTexts('distribution-chart')
    expect(bars).toContain('기쁨')
    expect(bars.join(' ')).not.toMatch(/\p{Extended_Pictographic}/u)
    expect(await page.getByTestId('year-pixels').getAttribute('aria-label')).toMatch(/분석된 날/)
    expect(await page.getByTestId('emotion-lines').getAttribute('aria-label')).toMatch(/평균/)
    expect(await hoverForTooltip('distribution-chart')).toMatch(/기쁨/)
    expect(await hoverForTooltip('year-pixels')).toMatch(/\d+년 \d+월 \d+일.*%/)
    // The tooltips are plain markup: nothing the strict CSP has to refuse.
    expect(cspErrors).toEqual([])
  })

  it('draws them in English after switching the language', async () => {
    await page.getByRole('button', { name: 'English' }).click()
    await expect.poll(() => svgTexts('year-pixels')).toContain('Jan')
    for (const id of ['year-pixels', 'distribution-chart', 'emotion-lines']) {
      const texts = await svgTexts(id)
      expect(texts.filter((t) => HANGUL.test(t)), id).toEqual([])
      expect(HANGUL.test((await page.getByTestId(id).getAttribute('aria-label')) ?? ''), id).toBe(false)
    }
    expect(await svgTexts('year-pixels')).toContain('Sun')
    const tip = await hoverForTooltip('distribution-chart')
    expect(tip).toMatch(/Happy/)
    expect(HANGUL.test(tip)).toBe(false)
    const cellTip = await hoverForTooltip('year-pixels')
    expect(cellTip).toMatch(/[A-Z][a-z]{2}, [A-Z][a-z]+ \d+, \d{4}/)
    await page.getByRole('button', { name: '한국어' }).click()
  })
})
