import { execFileSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEntry } from '../../src/main/repos/entries'
import { createProfile } from '../../src/main/repos/profiles'
import { setEntryTags } from '../../src/main/repos/tags'
import { addDays, localIsoDate } from '../../src/shared/dates'
import type { CanonicalEmotion } from '../../src/shared/emotions'
import { openApp, type AppUnderTest } from './browser'
import { analyse, importMemo, peaked } from './seed'

/**
 * Issue 11 item 11, checked in every combination a person may use: 900×700 and 1600×1000, light
 * and dark, Korean and English. The header stays one compact row; nothing on a page overlaps;
 * Settings buttons keep off their card's edges; the focused search box does not cover the date
 * labels; the audio player follows dark mode; no meaning rests on colour emoji. Screenshots of
 * every page land in tests/.tmp/layout/ for a person to look at.
 */
let app: AppUnderTest
let profileId: number
const SHOTS = join(__dirname, '..', '.tmp', 'layout')
const today = localIsoDate()
const EMOJI = /\p{Extended_Pictographic}/u

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  app = await openApp()
  const db = app.harness.service.db
  profileId = createProfile(db, '지민', 'FEMALE').id
  const emotions: CanonicalEmotion[] = ['HAPPY', 'SAD', 'ANGRY', 'FEAR', 'SURPRISE', 'DISGUST', 'NEUTRAL']
  for (let i = 0; i < 20; i++) {
    const date = addDays(today, -i)
    const id = createEntry(db, profileId, date, `${date}의 일기. 오늘은 친구와 산책을 했다. 저녁에는 책을 읽었다.`).id
    analyse(db, { entryId: id }, 'text', peaked(emotions[i % emotions.length]!))
    if (i % 3 === 0) setEntryTags(db, id, ['산책', '친구'])
  }
  await importMemo(app, profileId, today)
})
afterAll(async () => app?.close())

interface Combo {
  width: number
  height: number
  scheme: 'light' | 'dark'
  locale: 'ko' | 'en'
}
const COMBOS: Combo[] = [900, 1600].flatMap((width) =>
  (['light', 'dark'] as const).flatMap((scheme) => (['ko', 'en'] as const).map((locale) => ({ width, height: width === 900 ? 700 : 1000, scheme, locale })))
)
const name = (c: Combo) => `${c.width}-${c.scheme}-${c.locale}`

async function openAs(c: Combo): Promise<{ context: BrowserContext; page: Page }> {
  const context = await app.browser.newContext({ viewport: { width: c.width, height: c.height }, colorScheme: c.scheme, locale: c.locale === 'ko' ? 'ko-KR' : 'en-US' })
  await context.addInitScript(
    ([locale, id]) => {
      localStorage.setItem('haru.locale', locale as string)
      localStorage.setItem('haru.profileId', String(id))
    },
    [c.locale, profileId]
  )
  context.setDefaultTimeout(10_000)
  const page = await context.newPage()
  await page.goto(app.harness.loginUrl)
  await page.getByTestId('current-profile').waitFor()
  return { context, page }
}

const TABS = { ko: ['오늘', '지난 기록', '감정 흐름', '찾기', '내 목소리', '설정'], en: ['Today', 'History', 'Trends', 'Search', 'My voice', 'Settings'] }

/** Boxes of the visible elements matching `selector` that overlap each other (pairs of names). */
function overlapsIn(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const els = Array.from(document.querySelectorAll(sel)).filter((e) => (e as HTMLElement).offsetParent !== null)
    const out: string[] = []
    const boxes = els.map((e) => e.getBoundingClientRect())
    for (let i = 0; i < els.length; i++)
      for (let j = i + 1; j < els.length; j++) {
        if (els[i]!.contains(els[j]!) || els[j]!.contains(els[i]!)) continue
        const [a, b] = [boxes[i]!, boxes[j]!]
        const ox = Math.min(a.right, b.right) - Math.max(a.left, b.left)
        const oy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top)
        if (ox > 1 && oy > 1) out.push(`${els[i]!.tagName}.${(els[i] as HTMLElement).dataset.testid ?? i} × ${els[j]!.tagName}.${(els[j] as HTMLElement).dataset.testid ?? j}`)
      }
    return out
  }, selector)
}

async function visibleText(page: Page): Promise<string> {
  return page.locator('main').innerText()
}

/** Mean brightness (0–1) of a screenshot, measured by ImageMagick. */
function brightness(png: Buffer): number {
  return Number(execFileSync('convert', ['png:-', '-colorspace', 'Gray', '-format', '%[fx:mean]', 'info:'], { input: png }).toString())
}

describe.each(COMBOS)('layout at $width px, $scheme, $locale', (c) => {
  let context: BrowserContext
  let page: Page
  beforeAll(async () => ({ context, page } = await openAs(c)))
  afterAll(async () => context?.close())
  const tab = (i: number) => page.getByRole('navigation').getByRole('button', { name: TABS[c.locale][i], exact: true })

  it('keeps the header on one compact row with nothing overlapping', async () => {
    const header = (await page.locator('header').boundingBox())!
    expect(header.height).toBeLessThanOrEqual(64)
    const tops = await page.getByRole('navigation').getByRole('button').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)))
    expect(new Set(tops).size).toBe(1)
    expect(await overlapsIn(page, 'header > *, header nav > *, header [data-part] > *')).toEqual([])
    expect(await page.locator('header').evaluate((h) => h.scrollWidth <= h.clientWidth)).toBe(true)
    await page.screenshot({ path: join(SHOTS, `${name(c)}-today.png`), fullPage: true })
  })

  it('shows no colour emoji on Today and lets the audio player follow the colour scheme', async () => {
    await page.getByTestId('memo').first().waitFor()
    expect((await visibleText(page)).match(EMOJI)).toBeNull()
    const audio = page.locator('audio').first()
    await audio.waitFor()
    const shade = brightness(await audio.screenshot())
    if (c.scheme === 'dark') expect(shade).toBeLessThan(0.5)
    else expect(shade).toBeGreaterThan(0.5)
    expect(await overlapsIn(page, 'main section > *')).toEqual([])
  })

  it('lays out History and Trends without overlaps or colour emoji', async () => {
    await tab(1).click()
    await page.getByTestId('history-month').waitFor()
    expect((await visibleText(page)).match(EMOJI)).toBeNull()
    expect(await overlapsIn(page, '[data-testid="history-month"] li')).toEqual([])
    await page.screenshot({ path: join(SHOTS, `${name(c)}-history.png`), fullPage: true })
    await tab(2).click()
    await page.locator('[data-testid="distribution-chart"] svg').waitFor()
    expect((await visibleText(page)).match(EMOJI)).toBeNull()
    expect(await overlapsIn(page, '[data-testid="trends-page"] > *')).toEqual([])
    await page.screenshot({ path: join(SHOTS, `${name(c)}-trends.png`), fullPage: true })
  })

  it('keeps the focused search box off the date labels', async () => {
    await tab(3).click()
    const box = page.getByRole('searchbox')
    await box.focus()
    await page.keyboard.type('산책')
    const ring = await box.evaluate((el) => {
      const r = el.getBoundingClientRect()
      const s = getComputedStyle(el)
      const grow = parseFloat(s.outlineWidth || '0') + parseFloat(s.outlineOffset || '0')
      return { left: r.left - grow, right: r.right + grow, top: r.top - grow, bottom: r.bottom + grow }
    })
    const labels = await page.getByRole('search').locator('label').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect))
    for (const l of labels) {
      const overlap = Math.min(ring.right, l.right) - Math.max(ring.left, l.left) > 0 && Math.min(ring.bottom, l.bottom) - Math.max(ring.top, l.top) > 0
      expect(overlap).toBe(false)
    }
    await page.screenshot({ path: join(SHOTS, `${name(c)}-search.png`), fullPage: true })
  })

  it('keeps every Settings button off the edges of its card', async () => {
    await tab(5).click()
    await page.getByTestId('asr-settings').waitFor()
    const tight = await page.locator('main').evaluate((main) => {
      const problems: string[] = []
      for (const b of Array.from(main.querySelectorAll('button, label:has(> input[type="file"])'))) {
        const el = b as HTMLElement
        // Not drawn (e.g. inside a closed <details>): nothing to check.
        if (!el.checkVisibility({ contentVisibilityAuto: true })) continue
        let card = el.parentElement
        while (card && card !== main) {
          const s = getComputedStyle(card)
          if (parseFloat(s.borderLeftWidth) > 0 && s.borderLeftStyle !== 'none') break
          card = card.parentElement
        }
        if (!card || card === main) continue
        const r = el.getBoundingClientRect()
        const c = card.getBoundingClientRect()
        const gap = Math.min(r.left - c.left, c.right - r.right, r.top - c.top, c.bottom - r.bottom)
        if (gap < 6) problems.push(`${el.textContent?.trim()} (${Math.round(gap)} px)`)
      }
      return problems
    })
    expect(tight).toEqual([])
    await page.screenshot({ path: join(SHOTS, `${name(c)}-settings.png`), fullPage: true })
  })
})
