import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createEntry } from '../../src/main/repos/entries'
import { createProfile } from '../../src/main/repos/profiles'
import { addDays, localIsoDate } from '../../src/shared/dates'
import { monthKey } from '../../src/shared/trends/date-ranges'
import { openApp, type AppUnderTest } from './browser'
import { analyse, dist, importMemo, koDate, nav as navTo, openProfile, peaked } from './seed'

/**
 * The day page (issue 11 items 3, 4, 5 and 8): 오늘 always means today and a past day says which
 * day it is; a date picker and month jumps; emptying a saved entry asks to delete it (with undo)
 * and leaves the removed text nowhere; the day's emotion is one answer everywhere, with its sources.
 */
let app: AppUnderTest
let page: Page
let profileId: number

const today = localIsoDate()
const old = addDays(today, -40)
const memoDay = addDays(today, -3)
const OLD_TEXT = '비가 와서 하루 종일 우울했다.'
const MEMO_DAY_TEXT = '발표 때문에 깜짝 놀랐다.'

const nav = (name: string) => navTo(page, name)
const editor = () => page.getByRole('textbox', { name: /일기$/ })
const db = () => app.harness.service.db
const entryRow = (date: string) =>
  db().prepare('SELECT id, text FROM entries WHERE profile_id = ? AND entry_date = ?').get(profileId, date) as { id: number; text: string } | undefined
const [, oldM, oldD] = old.split('-').map(Number) as [number, number, number]

async function openDate(date: string) {
  await nav('오늘').click()
  const picker = page.getByLabel('날짜로 이동')
  if ((await picker.count()) > 0) await picker.fill(date)
  else {
    // No picker (before issue 11): through History, where a day can be opened.
    await nav('지난 기록').click()
    await page.locator(`li[data-date="${date}"]`).getByRole('button', { name: /^열기/ }).click()
  }
  await expect.poll(() => page.locator('#today-heading').textContent()).toContain(koDate(date))
}

async function search(word: string) {
  await nav('찾기').click()
  await page.getByRole('searchbox', { name: '찾을 말' }).fill(word)
  await page.getByRole('search').getByRole('button', { name: '찾기' }).click()
  await page.getByTestId('search-count').waitFor()
}

beforeAll(async () => {
  app = await openApp()
  page = app.page
  page.setDefaultTimeout(10_000)
  profileId = createProfile(db(), '지민', 'FEMALE').id
  const oldId = createEntry(db(), profileId, old, OLD_TEXT).id
  analyse(db(), { entryId: oldId }, 'text', peaked('SAD'))
  // The reported day: the words of the entry lean to surprise, the memo's transcript is angry.
  const memoDayId = createEntry(db(), profileId, memoDay, MEMO_DAY_TEXT).id
  analyse(db(), { entryId: memoDayId }, 'text', dist({ SURPRISE: 0.29, ANGRY: 0.28, HAPPY: 0.2, SAD: 0.13, FEAR: 0.1 }))
  const memo = await importMemo(app, profileId, memoDay)
  db().prepare('UPDATE voice_memos SET transcript = ? WHERE id = ?').run('너무 화가 났다', memo)
  analyse(db(), { memoId: memo }, 'text', dist({ ANGRY: 0.9, SAD: 0.1 }))
  await openProfile(page, '지민')
})
afterAll(async () => app?.close())

describe('the day page', () => {
  it('opens today from 오늘 after a past day, and says which day a past page edits', async () => {
    await nav('지난 기록').click()
    // History is its own chunk: wait until it has rendered before asking whether it has a month picker.
    await page.getByRole('heading', { name: '지난 기록', level: 1 }).waitFor()
    // History pages by month: go to the old day's month first when it is not the newest.
    const month = page.getByLabel('달 고르기')
    if ((await month.count()) > 0) await month.selectOption(monthKey(old))
    await page.locator(`li[data-date="${old}"]`).getByRole('button', { name: /^열기/ }).click()
    await expect.poll(() => editor().inputValue()).toBe(OLD_TEXT)
    await page.getByTestId('past-day').waitFor({ timeout: 2000 })
    expect(await page.getByTestId('past-day').textContent()).toContain(koDate(old))
    await page.getByRole('heading', { name: `${oldM}월 ${oldD}일의 감정` }).waitFor({ timeout: 2000 })

    await nav('감정 흐름').click()
    await nav('오늘').click()
    await expect.poll(() => page.locator('#today-heading').textContent()).toContain(koDate(today))
    expect(await page.getByTestId('past-day').count()).toBe(0)
    expect(await editor().inputValue()).toBe('')

    // A tag typed now lands on today's entry, not on the day seen before.
    await editor().fill('오늘은 조용히 산책을 했다.')
    await page.waitForSelector('[data-testid="save-status"][data-status="saved"]', { timeout: 10_000 })
    const tags = page.getByTestId('entry-tags')
    await tags.getByRole('textbox', { name: '태그' }).fill('산책')
    await tags.getByRole('button', { name: '태그 달기' }).click()
    await tags.locator('li[data-tag="산책"]').waitFor()
    const tagsOf = (date: string) => db().prepare('SELECT tag FROM entry_tags WHERE entry_id = ?').pluck().all(entryRow(date)!.id)
    expect(tagsOf(today)).toEqual(['산책'])
    expect(tagsOf(old)).toEqual([])
  })

  it('jumps to a date with the date picker, and a month at a time', async () => {
    await openDate(old)
    await expect.poll(() => editor().inputValue()).toBe(OLD_TEXT)
    await page.getByRole('button', { name: '한 달 뒤' }).click()
    const [y, m, d] = old.split('-').map(Number) as [number, number, number]
    const next = new Date(y, m, Math.min(d, new Date(y, m + 1, 0).getDate()))
    const nextIso = localIsoDate(next)
    await expect.poll(() => page.locator('#today-heading').textContent()).toContain(koDate(nextIso > today ? today : nextIso))
    await page.getByRole('button', { name: '한 달 전' }).click()
    await expect.poll(() => editor().inputValue()).toBe(OLD_TEXT)
  })

  it('shows the day emotion with its sources, the same on Today, in the calendar, History and search', async () => {
    await openDate(memoDay)
    const figure = page.getByTestId('day-emotion')
    await expect.poll(() => figure.getAttribute('data-emotion'), { timeout: 10_000 }).toBe('ANGRY')
    const share = Math.round(((0.28 + 0.9) / 2) * 100)
    expect(await figure.textContent()).toContain(`화남 ${share}%`)
    expect(await figure.textContent()).toMatch(/일기 글과 음성 메모 1개의 받아쓰기/)

    await nav('감정 흐름').click()
    const calendar = page.getByTestId('month-calendar')
    await calendar.waitFor()
    for (let i = 0; i < 3 && (await calendar.getAttribute('data-month')) !== monthKey(memoDay); i++) {
      await calendar.getByRole('button', { name: '이전 달' }).click()
    }
    const cell = calendar.locator(`button[data-date="${memoDay}"]`)
    await expect.poll(() => cell.getAttribute('data-dominant')).toBe('ANGRY')
    expect(await cell.getAttribute('aria-label')).toContain(`화남 ${share}%`)

    await nav('지난 기록').click()
    await page.getByRole('heading', { name: '지난 기록', level: 1 }).waitFor()
    const month = page.getByLabel('달 고르기')
    if ((await month.count()) > 0) await month.selectOption(monthKey(memoDay))
    const item = page.locator(`li[data-date="${memoDay}"]`)
    await expect.poll(() => item.locator('[data-emotion]').first().getAttribute('data-emotion')).toBe('ANGRY')
    expect(await item.textContent()).toContain(`화남 ${share}%`)

    await search('놀랐')
    const hit = page.locator(`[data-testid="search-results"] li[data-date="${memoDay}"]`)
    expect(await hit.locator('[data-emotion]').first().getAttribute('data-emotion')).toBe('ANGRY')
    expect(await hit.textContent()).toContain(`화남 ${share}%`)
  })

  it('asks before deleting an emptied entry, offers undo, and leaves the removed text nowhere', async () => {
    await openDate(old)
    await expect.poll(() => editor().inputValue()).toBe(OLD_TEXT)
    await editor().fill('')
    const prompt = page.getByTestId('empty-entry')
    await prompt.waitFor({ timeout: 5000 })
    expect(await prompt.textContent()).toMatch(/삭제할까요/)
    await prompt.getByRole('button', { name: '일기 삭제' }).click()
    await expect.poll(() => entryRow(old)).toBeUndefined()
    // Undo brings it back as it was.
    await page.getByRole('button', { name: '되돌리기' }).click()
    await expect.poll(() => entryRow(old)?.text).toBe(OLD_TEXT)
    await expect.poll(() => editor().inputValue()).toBe(OLD_TEXT)

    await editor().fill('')
    await page.getByTestId('empty-entry').getByRole('button', { name: '일기 삭제' }).click()
    await expect.poll(() => entryRow(old)).toBeUndefined()
    expect(await page.evaluate((key) => localStorage.getItem(key), `haru.draft.${profileId}.${old}`)).toBeNull()

    await search('우울')
    expect(await page.getByTestId('search-count').getAttribute('data-total')).toBe('0')
    await nav('감정 흐름').click()
    const calendar = page.getByTestId('month-calendar')
    await calendar.waitFor()
    for (let i = 0; i < 3 && (await calendar.getAttribute('data-month')) !== monthKey(old); i++) {
      await calendar.getByRole('button', { name: '이전 달' }).click()
    }
    expect(await calendar.locator(`button[data-date="${old}"]`).getAttribute('data-dominant')).toBe('')
    // Reopened, the day is empty: no draft of the removed text comes back.
    await openDate(old)
    expect(await editor().inputValue()).toBe('')
    expect(await page.getByText('저장되지 않았던 초안을 복구했어요.').count()).toBe(0)
  })

  it('clears only the words of a day that has voice memos, keeping the memos', async () => {
    await openDate(memoDay)
    await expect.poll(() => editor().inputValue()).toBe(MEMO_DAY_TEXT)
    await editor().fill('')
    const prompt = page.getByTestId('empty-entry')
    await prompt.waitFor({ timeout: 5000 })
    await prompt.getByRole('button', { name: '일기 글 지우기' }).click()
    await expect.poll(() => entryRow(memoDay)?.text).toBe('')
    expect(db().prepare('SELECT count(*) FROM voice_memos WHERE entry_id = ?').pluck().get(entryRow(memoDay)!.id)).toBe(1)
    await search('놀랐')
    expect(await page.getByTestId('search-count').getAttribute('data-total')).toBe('0')
  })
})
