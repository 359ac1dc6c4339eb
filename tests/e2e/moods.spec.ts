import { readFileSync } from 'node:fs'
import { strFromU8, unzipSync } from 'fflate'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXPORT_JSON_NAME } from '../../src/main/export/format'
import { createProfile } from '../../src/main/repos/profiles'
import { addDays, localIsoDate } from '../../src/shared/dates'
import { openApp, type AppUnderTest } from './browser'
import { koDate, nav as navTo, openProfile } from './seed'

/**
 * Issue 12 in the real renderer, over the real API, database and analysis process: the day's
 * check-in as the `self` source of the calendar; correcting a highlighted sentence (the mix, the
 * day's colour and the export change, a re-analysis keeps it, undo is one click); adaptation
 * learning a writer's repeated phrasing from corrections made on the page.
 */
let app: AppUnderTest
let page: Page
let profileId: number
const today = localIsoDate()
const HABIT = ['퇴근하고 나니 HP 바닥.', '오늘 회의 세 개 연속이라 HP 바닥이다.', '마트에서 장 보고 오니까 HP 바닥임.']
const HABIT_DAYS = [addDays(today, -3), addDays(today, -2), addDays(today, -1)]

const nav = (name: string) => navTo(page, name)
const db = () => app.harness.service.db
const editor = () => page.getByRole('textbox', { name: /일기$/ })
const checkIn = () => page.getByTestId('mood-check-in')
const insights = () => page.getByTestId('entry-insights')
const storedMood = (date: string) =>
  db().prepare('SELECT m.emotion, m.word, m.intensity FROM day_moods m JOIN entries e ON e.id = m.entry_id WHERE e.profile_id = ? AND e.entry_date = ?').get(profileId, date) as
    | { emotion: string; word: string | null; intensity: number | null }
    | undefined
const call = async (channel: string, input: unknown) => {
  const r = await app.harness.service.dispatch(channel, input)
  if (!r.ok) throw new Error(r.error.message)
  return r.data as never
}

async function openDate(date: string) {
  await nav('오늘').click()
  await page.getByLabel('날짜로 이동').fill(date)
  await expect.poll(() => page.locator('#today-heading').textContent()).toContain(koDate(date))
}

/** Writes today's entry in the editor and waits for its analysis. */
async function writeToday(text: string) {
  await nav('오늘').click()
  await editor().fill(text)
  await page.waitForSelector('[data-testid="save-status"][data-status="saved"]', { timeout: 10_000 })
  await page.waitForSelector('[data-testid="entry-insights"][data-state="done"]', { timeout: 45_000 })
}

/** Corrects the sentence of the open day that holds `text` to the emotion named `name`. */
async function correct(text: string, name: string) {
  await insights().getByRole('button', { name: `이 문장의 감정 고치기: ${text}` }).click()
  const picker = page.getByTestId('emotion-picker')
  await picker.waitFor()
  await picker.getByRole('button', { name, exact: true }).click()
  await picker.waitFor({ state: 'detached' })
}

async function calendarCell(source: string, date: string) {
  await nav('감정 흐름').click()
  await page.getByLabel('분석 기준').selectOption(source)
  const calendar = page.getByTestId('month-calendar')
  await calendar.waitFor()
  return calendar.locator(`button[data-date="${date}"]`)
}

beforeAll(async () => {
  app = await openApp()
  page = app.page
  page.setDefaultTimeout(15_000)
  profileId = createProfile(db(), '지민', 'FEMALE').id
  await openProfile(page, '지민')
})
afterAll(async () => app?.close())

describe('the writer’s own word', () => {
  it('records the day’s mood with a tap, a word and an intensity, by keyboard too, and shows it as the self source of the calendar and History', async () => {
    await nav('오늘').click()
    await checkIn().getByText('기쁨', { exact: true }).click()
    await expect.poll(() => storedMood(today)?.emotion).toBe('HAPPY')
    await checkIn().getByRole('button', { name: '설렘' }).click()
    await checkIn().getByRole('button', { name: '4', exact: true }).click()
    await expect.poll(() => storedMood(today)).toEqual({ emotion: 'HAPPY', word: '설렘', intensity: 4 })
    // Arrow keys move through the emotions like any radio group; each move is recorded.
    await checkIn().getByRole('radio', { name: '기쁨' }).focus()
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => storedMood(today)?.emotion).toBe('FEAR')
    await page.keyboard.press('ArrowLeft')
    await expect.poll(() => storedMood(today)).toEqual({ emotion: 'HAPPY', word: null, intensity: 4 })
    await checkIn().getByRole('button', { name: '설렘' }).click()

    const figure = page.getByTestId('day-emotion')
    await expect.poll(() => figure.getAttribute('data-source')).toBe('self')
    expect(await figure.getAttribute('data-emotion')).toBe('HAPPY')
    await expect.poll(() => figure.textContent()).toContain('설렘 · 강도 4/5')

    const cell = await calendarCell('self', today)
    await expect.poll(() => cell.getAttribute('data-dominant')).toBe('HAPPY')
    expect(await cell.getAttribute('aria-label')).toContain('기쁨')

    await nav('지난 기록').click()
    const item = page.locator(`li[data-date="${today}"]`)
    await expect.poll(() => item.locator('[data-source]').first().getAttribute('data-source')).toBe('self')
    expect(await item.textContent()).toContain('내 기분')

    // Cleared, the day is read from its words again (it has none yet: no day emotion).
    await nav('오늘').click()
    await checkIn().getByRole('button', { name: '체크인 지우기' }).click()
    await expect.poll(() => storedMood(today)).toBeUndefined()
  })

  it('corrects a highlighted sentence: the mix, the day’s colour and the export change, a re-analysis keeps it, and undo is one click', async () => {
    await call('settings-set', { profileId, adaptation: false }) // this test is about corrections alone (the next one turns it on)
    const sentence = '오늘은 정말 행복한 하루였어요.'
    await writeToday(sentence)
    const mark = insights().getByTestId('highlighted-sentence')
    await expect.poll(() => mark.getAttribute('data-emotion')).toBe('HAPPY')
    const figure = page.getByTestId('day-emotion')
    await expect.poll(() => figure.getAttribute('data-emotion')).toBe('HAPPY')

    await correct(sentence, '슬픔')
    await expect.poll(() => mark.getAttribute('data-emotion')).toBe('SAD')
    expect(await insights().getByTestId('corrected-mark').textContent()).toContain('내가 고침')
    expect(await insights().getByTestId('emotion-mix').locator('li').evaluateAll((els) => els.map((e) => e.getAttribute('data-emotion')))).toEqual(['SAD'])
    await expect.poll(() => figure.getAttribute('data-emotion')).toBe('SAD')
    const cell = await calendarCell('text', today)
    await expect.poll(() => cell.getAttribute('data-dominant')).toBe('SAD')

    // The export carries the correction and the corrected reading.
    await nav('설정').click()
    await page.getByTestId('backup').getByRole('button', { name: '내보내기', exact: true }).click()
    const exported = page.getByTestId('backup-export-result')
    await exported.waitFor()
    const file = JSON.parse(strFromU8(unzipSync(readFileSync((await exported.getAttribute('data-path'))!))[EXPORT_JSON_NAME]!)) as {
      readingCorrections: { sentence: string; emotion: string; modelEmotion: string }[]
      analyses: { entryId: number | null; source: string; canonicalJson: string; readingJson: string | null }[]
    }
    expect(file.readingCorrections).toEqual([expect.objectContaining({ sentence, emotion: 'SAD', modelEmotion: 'HAPPY' })])
    const reading = file.analyses.filter((a) => a.entryId !== null && a.source === 'text').at(-1)!
    expect(JSON.parse(reading.canonicalJson).SAD).toBe(1)
    expect(JSON.parse(reading.readingJson!).HAPPY).toBeGreaterThan(0.5)

    // Read again by the model: still the writer's.
    await nav('오늘').click()
    await insights().getByRole('button', { name: '다시 분석' }).click()
    await page.waitForSelector('[data-testid="entry-insights"][data-state="done"]', { timeout: 45_000 })
    await expect.poll(() => mark.getAttribute('data-emotion')).toBe('SAD')
    expect(await insights().getByTestId('corrected-mark').count()).toBe(1)

    await insights().getByRole('button', { name: `고친 감정 되돌리기: ${sentence}` }).click()
    await expect.poll(() => mark.getAttribute('data-emotion')).toBe('HAPPY')
    expect(await insights().getByTestId('corrected-mark').count()).toBe(0)
    await expect.poll(() => figure.getAttribute('data-emotion')).toBe('HAPPY')
  })

  it('with adaptation on, corrections of a repeated phrasing change the next reading of a similar new sentence', async () => {
    await call('settings-set', { profileId, adaptation: true })
    for (const [i, date] of HABIT_DAYS.entries()) {
      const entry = (await call('entries-create', { profileId, entryDate: date, text: HABIT[i] })) as { id: number }
      await call('analysis-entry-text', { entryId: entry.id })
    }
    for (const [i, date] of HABIT_DAYS.entries()) {
      await openDate(date)
      await insights().waitFor()
      await correct(HABIT[i]!, '슬픔')
      await expect.poll(() => insights().getByTestId('highlighted-sentence').getAttribute('data-emotion')).toBe('SAD')
    }
    // Settings says when Haru has learnt them (training and re-reading run in the background).
    await nav('설정').click()
    const status = page.getByTestId('adaptation-status')
    await expect.poll(() => status.textContent(), { timeout: 60_000, interval: 1000 }).toContain('고친 문장 3개에서 배웠어요')

    await writeToday('오늘도 HP 바닥이네.')
    const mark = insights().getByTestId('highlighted-sentence')
    await expect.poll(() => mark.getAttribute('data-emotion')).toBe('SAD')
    expect(await insights().textContent()).toContain('내 교정에서 배운 읽기로 분석했어요.')

    // Switched off, the same sentence is read by the base model again.
    await nav('설정').click()
    await page.getByTestId('adaptation-settings').getByRole('checkbox').uncheck()
    await nav('오늘').click()
    await insights().getByRole('button', { name: '다시 분석' }).click()
    await page.waitForSelector('[data-testid="entry-insights"][data-state="done"]', { timeout: 45_000 })
    expect(await mark.getAttribute('data-emotion')).not.toBe('SAD')
  })
})
