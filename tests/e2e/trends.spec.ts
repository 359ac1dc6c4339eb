import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertAnalysis } from '../../src/main/repos/analyses'
import { createEntry } from '../../src/main/repos/entries'
import { createProfile } from '../../src/main/repos/profiles'
import { localIsoDate } from '../../src/shared/dates'
import { CANONICAL_EMOTIONS, type CanonicalEmotion } from '../../src/shared/emotions'
import { addDays } from '../../src/shared/dates'
import { monthKey, shiftMonth } from '../../src/shared/trends/date-ranges'
import { openApp, type AppUnderTest } from './browser'

let app: AppUnderTest
let page: Page
const cspErrors: string[] = []

const today = localIsoDate()
const monthAgo = `${shiftMonth(monthKey(today), -1)}-${today.slice(8)}`
/** The seeded diary: day → [dominant text emotion, text]. */
const DIARY: [string, CanonicalEmotion, string][] = [
  [today, 'HAPPY', '오늘은 행복했던 하루. 친구와 한강에서 산책을 했다.'],
  [addDays(today, -1), 'SAD', '비가 와서 조금 우울했다.'],
  [addDays(today, -2), 'ANGRY', '버스를 놓쳐서 화가 났다.'],
  [addDays(today, -100), 'SURPRISE', '회사에서 발표를 했는데 갑자기 칭찬을 받았다.'],
  [addDays(today, -400), 'FEAR', '병원에 가는 날이라 무서웠다.']
]

const isRealDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number]
  const date = new Date(Date.UTC(y, m - 1, d))
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d
}
/** On This Day: the same day of the month, one month back (when that day exists in that month). */
const SEEDED: [string, CanonicalEmotion, string][] = isRealDate(monthAgo) && !DIARY.some(([d]) => d === monthAgo) ? [...DIARY, [monthAgo, 'NEUTRAL', '한 달 전의 조용한 하루.']] : DIARY

beforeAll(async () => {
  app = await openApp()
  page = app.page
  page.on('console', (m) => m.type() === 'error' && /Content Security Policy/i.test(m.text()) && cspErrors.push(m.text()))
  // Seed through the repo functions on the harness's own database, then open the profile.
  const db = app.harness.service.db
  const profile = createProfile(db, '지민', 'FEMALE')
  for (const [date, emotion, text] of SEEDED) {
    const entry = createEntry(db, profile.id, date, text)
    const canonical = Object.fromEntries(CANONICAL_EMOTIONS.map((e) => [e, e === emotion ? 0.7 : 0.05])) as Record<CanonicalEmotion, number>
    insertAnalysis(db, { entryId: entry.id, source: 'text', modelId: 'e2e', labels: [...CANONICAL_EMOTIONS], probs: CANONICAL_EMOTIONS.map((e) => canonical[e]), canonical })
  }
  await page.reload()
  await page.getByRole('button', { name: /지민/ }).click()
  await page.getByTestId('current-profile').waitFor()
})
afterAll(async () => app?.close())

const nav = (name: string) => page.getByRole('navigation').getByRole('button', { name, exact: true })

describe('trends, search and tags in Chromium', () => {
  it('shows the dominant emotion of a known day in the month calendar, with its mix on hover', async () => {
    await nav('감정 흐름').click()
    const cell = page.locator(`[data-testid="month-calendar"] button[data-date="${today}"]`)
    await expect.poll(() => cell.getAttribute('data-dominant'), { timeout: 10_000 }).toBe('HAPPY')
    expect(await cell.getAttribute('aria-label')).toMatch(/기쁨 70%/)
    // The app's drawn icon, not a colour emoji (issue 11 item 11).
    expect(await cell.locator('svg[data-icon="HAPPY"]').count()).toBe(1)
    await cell.hover()
    await expect.poll(() => page.getByTestId('day-mix').textContent()).toMatch(/기쁨\s*70%/)
    // A day without an analysis shows none.
    const firstOfMonth = `${today.slice(0, 8)}01`
    if (!SEEDED.some(([d]) => d === firstOfMonth)) {
      expect(await page.locator(`[data-testid="month-calendar"] button[data-date="${firstOfMonth}"]`).getAttribute('data-dominant')).toBe('')
    }
    // The year in pixels is drawn (SVG) for the calendar's year.
    await page.locator('[data-testid="year-pixels"] svg').waitFor()
    expect(Number(await page.getByTestId('year-pixels').getAttribute('data-days'))).toBeGreaterThan(0)
  })

  it('changes the charts when the range filter changes', async () => {
    const chart = page.getByTestId('distribution-chart')
    await chart.locator('svg').waitFor()
    const monthDays = Number(await chart.getAttribute('data-days'))
    const before = await chart.locator('svg').innerHTML()
    await page.getByTestId('range-select').selectOption('all')
    await expect.poll(() => chart.getAttribute('data-days'), { timeout: 10_000 }).toBe(String(SEEDED.length))
    expect(Number(await chart.getAttribute('data-days'))).toBeGreaterThan(monthDays)
    expect(await chart.getAttribute('data-from')).not.toBe(`${today.slice(0, 8)}01`)
    await expect.poll(() => chart.locator('svg').innerHTML()).not.toBe(before)
    expect(await page.getByTestId('emotion-lines').getAttribute('data-days')).toBe(await chart.getAttribute('data-days'))
    expect(await page.getByTestId('range-summary').textContent()).toMatch(/분석된 날은 \d+일이에요/)
  })

  it('finds an entry by a Korean word inside a longer word, highlighted', async () => {
    await nav('찾기').click()
    const box = page.getByRole('searchbox', { name: '찾을 말' })
    await box.fill('발표를')
    await page.getByRole('search').getByRole('button', { name: '찾기' }).click()
    const hit = page.locator(`[data-testid="search-results"] li[data-date="${DIARY[3]![0]}"]`)
    await hit.waitFor()
    expect(await page.locator('[data-testid="search-results"] li').count()).toBe(1)
    expect(await hit.locator('mark').allTextContents()).toEqual(['발표를'])
    // Two syllables (below the trigram index) go through the LIKE fallback and still match inside 행복했던.
    await box.fill('행복')
    await page.getByRole('search').getByRole('button', { name: '찾기' }).click()
    await expect.poll(() => page.getByTestId('search-count').getAttribute('data-mode')).toBe('like')
    await page.locator(`[data-testid="search-results"] li[data-date="${today}"]`).waitFor()
    expect(await page.locator(`[data-testid="search-results"] li[data-date="${today}"] mark`).allTextContents()).toEqual(['행복'])
    // Opening a result goes to that day's entry.
    await page.locator(`[data-testid="search-results"] li[data-date="${today}"] button`).click()
    await expect.poll(() => page.getByRole('textbox', { name: /일기$/ }).inputValue()).toContain('행복했던 하루')
  })

  it('tags an entry on Today and filters History by the tag; shows On This Day', async () => {
    const tags = page.getByTestId('entry-tags')
    await tags.getByRole('textbox', { name: '태그' }).fill('#산책, 친구')
    await tags.getByRole('button', { name: '태그 달기' }).click()
    await tags.locator('li[data-tag="산책"]').waitFor()
    expect(await tags.locator('li').evaluateAll((els) => els.map((e) => e.getAttribute('data-tag')))).toEqual(['산책', '친구'])
    if (SEEDED.length > DIARY.length) {
      await page.locator(`[data-testid="on-this-day"] li[data-date="${monthAgo}"]`).waitFor()
      expect(await page.getByTestId('on-this-day').textContent()).toMatch(/1개월 전.*평온.*한 달 전의 조용한 하루/)
    }
    await nav('지난 기록').click()
    // History shows a month at a time (issue 11 item 4): this month's seeded days, then only the tagged one.
    const items = page.locator('[data-testid="history-month"] li[data-date]')
    await items.first().waitFor()
    expect(await items.count()).toBe(SEEDED.filter(([d]) => monthKey(d) === monthKey(today)).length)
    await page.getByTestId('history-tag-select').selectOption('산책')
    await expect.poll(() => items.count()).toBe(1)
    expect(await items.getAttribute('data-date')).toBe(today)
  })

  it('ran under the strict CSP without violations (ECharts SVG renderer included)', () => {
    expect(cspErrors).toEqual([])
  })
})
