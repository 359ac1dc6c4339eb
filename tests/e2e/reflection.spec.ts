/**
 * The reflection in the real renderer (Chromium through the harness, real API and SQLite). The
 * diary is one month of the reference set (`seoyeon-2026-11`), written through the repos with the
 * writer's own sentence labels as the stored text analyses (`insertAnalysis`), so the expected
 * quotes are known. The page's clock is fixed to Monday 2026-11-16, the day after week 46 ends.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Reflection, SectionOf } from '../../src/shared/api/reflections-schemas'
import { reflect } from '../../src/main/reflect/reflect'
import { createProfile } from '../../src/main/repos/profiles'
import { entryText, loadReferenceSet, seedReferenceMonth } from '../helpers/reflection-reference'
import { openApp, type AppUnderTest } from './browser'

let app: AppUnderTest
let page: Page
let week: Reflection
const november = loadReferenceSet().find((r) => r.id === 'seoyeon-2026-11')!
const SHOTS = process.env.HARU_SCREENSHOTS // a folder, to look at the page by eye

beforeAll(async () => {
  app = await openApp()
  page = app.page
  const db = app.harness.service.db
  const profile = createProfile(db, '서연', 'FEMALE')
  seedReferenceMonth(db, profile.id, november, 'writer')
  week = await reflect(db, profile.id, '2026-W46')
  await page.clock.setFixedTime(new Date(2026, 10, 16, 12, 0, 0))
  await page.reload()
  await page.getByRole('button', { name: /서연/ }).click()
  await page.getByTestId('current-profile').waitFor()
})
afterAll(async () => app?.close())

const moments = (r: Reflection) => r.sections.find((s): s is SectionOf<'moments'> => s.kind === 'moments')!

describe('reflection in Chromium', () => {
  it('offers last week on Monday and opens its reflection: mix, verbatim moments, a tag insight with its days', async () => {
    const banner = page.locator('[data-testid="reflection-banner"][data-period="2026-W46"]')
    await banner.waitFor()
    expect(await banner.textContent()).toContain('2026년 11월 9일–15일을 돌아볼 수 있어요 (6일 기록).')
    await banner.getByRole('button', { name: '돌아보기' }).click()

    const reflection = page.locator('[data-testid="reflection-page"][data-period="2026-W46"]')
    await reflection.locator('[data-testid="reflection-mix"]').waitFor()
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('돌아보기 · 2026년 11월 9일–15일')
    // The mix: the leading feeling first, with its share as the API computed it.
    const mix = week.sections.find((s): s is SectionOf<'mix'> => s.kind === 'mix')!
    const first = reflection.locator('[data-testid="reflection-mix"] li').first()
    expect(await first.getAttribute('data-emotion')).toBe('FEAR')
    expect(Number(await first.getAttribute('data-share'))).toBe(Math.round(mix.mix!.FEAR * 100))
    expect(await first.textContent()).toMatch(/두려움\s*\d+%지난주 \d+%/)
    expect(await reflection.locator('[data-section="mix"]').textContent()).toContain(mix.statements[1]!.ko)

    // The moments: every quote exactly as written in its day's entry.
    const quotes = moments(week).groups.flatMap((g) => g.quotes)
    expect(quotes.length).toBeGreaterThan(2)
    const shown = reflection.locator('[data-testid="reflection-moments"] blockquote')
    expect(await shown.allTextContents()).toEqual(quotes.map((q) => q.text))
    for (const q of quotes) {
      const day = november.entries.find((e) => e.date === q.date)!
      expect(entryText(day)).toContain(q.text)
    }

    // What goes with what: the #육아 tag, on three days of the week, with that count shown.
    const tag = reflection.locator('[data-testid="reflection-associations"] li[data-kind="tag"][data-key="육아"]')
    expect(await tag.getAttribute('data-days')).toBe('3')
    expect(await tag.textContent()).toMatch(/^3일.*#육아 태그가 있던 3일은 평소보다 두려움이 \d+%p 높았어요\.$/)
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/reflection-week.png`, fullPage: true })
  })

  it('opens the day of a quote on Today', async () => {
    const q = moments(week).groups[0]!.quotes[0]!
    await page.locator(`[data-testid="reflection-moments"] li[data-date="${q.date}"] button`).first().click()
    const editor = page.getByRole('textbox', { name: /일기$/ })
    await expect.poll(() => editor.inputValue()).toContain(q.text)
    expect(await page.locator('#today-heading').textContent()).toContain(`${Number(q.date.slice(8))}일`)
  })

  it('is reachable from Trends for the calendar’s month, and switches to English', async () => {
    await page.getByRole('navigation').getByRole('button', { name: '감정 흐름', exact: true }).click()
    await page.getByTestId('reflection-links').getByRole('button', { name: '2026년 11월 돌아보기' }).click()
    const reflection = page.locator('[data-testid="reflection-page"][data-period="2026-11"]')
    await reflection.locator('[data-testid="reflection-moments"]').waitFor()
    expect(await reflection.locator('[data-section="writing"]').textContent()).toContain('30일 중 18일 일기를 썼어요')
    expect(await page.getByTestId('reflection-period-input').inputValue()).toBe('2026-11')
    // Step back a month: October has nothing written, and says so.
    await page.getByRole('button', { name: '이전 기간' }).click()
    await page.locator('[data-testid="reflection-page"][data-period="2026-10"] [data-testid="reflection-notice"]').waitFor()
    expect(await page.getByTestId('reflection-notice').textContent()).toBe('이 기간에는 쓴 일기가 없어요.')
    await page.getByRole('button', { name: '다음 기간' }).click()
    await page.getByRole('button', { name: 'English' }).click()
    await page.locator('[data-testid="reflection-page"][data-period="2026-11"] [data-testid="reflection-moments"]').waitFor()
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Looking back · November 2026')
    expect(await page.locator('[data-section="writing"]').textContent()).toContain('You wrote on 18 of 30 days')
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/reflection-month-en.png`, fullPage: true })
    await page.getByRole('button', { name: '한국어' }).click()
  })
})
