import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/index'
import { setQueueMode } from '../../src/main/analysis-queue/queue-repo'
import { openDatabase } from '../../src/main/db/open'
import { addDays, localIsoDate } from '../../src/shared/dates'
import { LINES } from '../unit/analysis-queue/diary'
import { openApp, type AppUnderTest } from './browser'

/**
 * Issue 11's "done when": a fresh data folder filled with `haru entries add` for 30 days shows
 * those days in the Trends calendar without any click, analysed by the background queue.
 */
const today = localIsoDate()
const DAYS = Array.from({ length: 30 }, (_, i) => addDays(today, -i))

async function haru(dataDir: string, ...argv: string[]): Promise<void> {
  const err: string[] = []
  const code = await main([...argv, '--data-dir', dataDir], () => {}, (s) => err.push(s))
  if (code !== 0) throw new Error(`haru ${argv.join(' ')} failed: ${err.join('\n')}`)
}

async function fillWithCli(dataDir: string, days: string[]): Promise<void> {
  await haru(dataDir, 'profiles', 'add', '지민', '--gender', 'female')
  for (const [i, day] of days.entries()) await haru(dataDir, 'entries', 'add', '--text', LINES[i % LINES.length]!, '--date', day, '--no-analyze')
}

/** Every state the progress strip takes, recorded in the page from its very first render. */
async function recordStripStates(app: AppUnderTest): Promise<void> {
  await app.context.addInitScript(() => {
    const seen: { state: string; text: string }[] = ((window as unknown as { __stripStates: typeof seen }).__stripStates = [])
    new MutationObserver(() => {
      const strip = document.querySelector('[data-testid="analysis-progress"]')
      const state = strip?.getAttribute('data-state')
      if (strip && state && seen.at(-1)?.state !== state) seen.push({ state, text: strip.textContent ?? '' })
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true })
  })
  await app.page.reload()
}
const stripStates = (page: Page) => page.evaluate(() => (window as unknown as { __stripStates: { state: string; text: string }[] }).__stripStates)
const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('button', { name, exact: true })

describe('background analysis in Chromium', () => {
  let app: AppUnderTest
  let page: Page
  beforeAll(async () => {
    app = await openApp({ prepare: (dir) => fillWithCli(dir, DAYS) })
    page = app.page
    await recordStripStates(app)
  })
  afterAll(async () => app?.close())

  it('shows 30 days written with `haru entries add --no-analyze` in the Trends calendar, with no click to analyse', { timeout: 120_000 }, async () => {
    await page.getByRole('button', { name: /지민/ }).click()
    await page.getByTestId('current-profile').waitFor()
    await nav(page, '감정 흐름').click()
    const calendar = page.getByTestId('month-calendar')
    const dominantOf = (day: string) => calendar.locator(`button[data-date="${day}"]`).getAttribute('data-dominant')
    const stored = (day: string) =>
      (app.harness.service.db.prepare("SELECT d.dominant FROM analysis_daily d JOIN entries e ON e.id = d.entry_id WHERE d.source = 'text' AND e.entry_date = ?").get(day) as { dominant: string } | undefined)?.dominant
    // The calendar fills as the queue works; walk back through the months the 30 days span.
    const months = [...new Set(DAYS.map((d) => d.slice(0, 7)))].sort().reverse()
    for (const [i, month] of months.entries()) {
      if (i > 0) await calendar.getByRole('button', { name: '이전 달' }).click()
      await expect.poll(() => calendar.getAttribute('data-month')).toBe(month)
      for (const day of DAYS.filter((d) => d.startsWith(month))) {
        await expect.poll(() => dominantOf(day), { timeout: 60_000 }).not.toBe('')
        expect(await dominantOf(day)).toBe(stored(day))
      }
    }
    expect((app.harness.service.db.prepare("SELECT count(*) AS n FROM analyses WHERE source = 'text'").get() as { n: number }).n).toBe(30)
    // The shell said what it was doing: progress while it worked, or the finished run.
    const states = (await stripStates(page)).map((s) => s.state)
    expect(states.some((s) => s === 'running' || s === 'finished')).toBe(true)
  })
})

describe('the progress strip: paused across a restart, cancel, analyse', () => {
  let app: AppUnderTest
  let page: Page
  beforeAll(async () => {
    app = await openApp({
      prepare: async (dir) => {
        await fillWithCli(dir, DAYS.slice(0, 12))
        // The writer paused the queue in an earlier session; it stays paused when the app opens again.
        const db = openDatabase(dir)
        setQueueMode(db, 1, 'paused')
        db.close()
      }
    })
    page = app.page
    await recordStripStates(app)
    await page.getByRole('button', { name: /지민/ }).click()
    await page.getByTestId('current-profile').waitFor()
  })
  afterAll(async () => app?.close())

  const strip = () => page.getByTestId('analysis-progress')
  const analysed = () => (app.harness.service.db.prepare("SELECT count(*) AS n FROM analyses WHERE source = 'text'").get() as { n: number }).n

  it('stays paused, says so, and analyses nothing', async () => {
    await expect.poll(() => strip().getAttribute('data-state')).toBe('paused')
    expect(await strip().textContent()).toContain('지난 기록 분석을 멈췄어요 (0/12)')
    expect(await strip().getByRole('progressbar', { name: '지난 기록 분석 진행' }).getAttribute('aria-valuemax')).toBe('12')
    expect(analysed()).toBe(0)
  })

  it('cancel leaves the records unanalysed and offers to analyse them; analysing shows progress, then the result', { timeout: 60_000 }, async () => {
    await strip().getByRole('button', { name: '취소' }).click()
    await expect.poll(() => strip().getAttribute('data-state')).toBe('cancelled')
    expect(await strip().textContent()).toContain('분석하지 않은 지난 기록이 12개 있어요')
    await strip().getByRole('button', { name: '분석하기' }).click()
    await expect.poll(() => strip().getAttribute('data-state'), { timeout: 45_000 }).toBe('finished')
    expect(await strip().textContent()).toContain('지난 기록 12개를 분석했어요')
    expect(analysed()).toBe(12)
    const seen = await stripStates(page)
    const states = seen.map((s) => s.state)
    expect(states.slice(states.indexOf('cancelled'))).toEqual(['cancelled', 'running', 'finished'])
    // While it worked the strip said how far it was, in the words.
    expect(seen.find((s) => s.state === 'running')!.text).toMatch(/^지난 기록 \d+\/12 분석 중/)
  })

  it('speaks English too', async () => {
    await page.getByRole('button', { name: 'English' }).click()
    await expect.poll(() => strip().textContent()).toContain('Analysed 12 past entries')
  })
})
