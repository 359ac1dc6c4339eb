import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeWav16 } from '../../src/shared/audio'
import { localIsoDate } from '../../src/shared/dates'
import { syntheticSpeech } from '../../bench/signals'
import { makeTempDir } from '../helpers/temp-dir'
import { openApp, type AppUnderTest } from './browser'

/** Voice memos in Chromium, with a fake microphone playing a speech-like signal in a loop. */
const tmp = makeTempDir('haru-e2e-memo-')
let app: AppUnderTest
let page: Page

const memoRows = () =>
  app.harness.service.db.prepare('SELECT id, duration_sec AS durationSec, file_path AS filePath, transcript FROM voice_memos ORDER BY id').all() as {
    id: number
    durationSec: number
    filePath: string
    transcript: string | null
  }[]

async function record(seconds: number) {
  await page.getByRole('button', { name: '녹음하기' }).click()
  await page.getByRole('button', { name: '녹음 시작' }).click()
  await page.waitForFunction((s) => {
    const text = document.querySelector('[data-testid="memo-elapsed"]')?.textContent ?? ''
    const [m, sec] = text.split('/')[0]!.trim().split(':').map(Number)
    return m! * 60 + sec! >= s
  }, seconds)
}

beforeAll(async () => {
  const mic = join(tmp.dir, 'speech.wav')
  writeFileSync(mic, encodeWav16(syntheticSpeech(4, 16000), 16000))
  app = await openApp({
    extraArgs: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-audio-capture=${mic}`]
  })
  page = app.page
  await page.getByLabel('이름').fill('서연')
  await page.getByRole('button', { name: '프로필 만들기' }).click()
  await page.getByTestId('current-profile').waitFor()
})
afterAll(async () => {
  await app?.close()
  tmp.cleanup()
})

describe('voice memos in Chromium', () => {
  it('records a memo from the microphone, stores it on disk and in the diary, and analyses the voice', async () => {
    await record(3)
    await page.getByRole('button', { name: '멈추고 저장' }).click()
    await page.getByTestId('memo').first().waitFor()
    const [memo] = memoRows()
    expect(memo!.durationSec).toBeGreaterThanOrEqual(2.5)
    expect(memo!.durationSec).toBeLessThan(6)
    expect(existsSync(join(app.dataDir, memo!.filePath))).toBe(true)
    // The memo created the day's entry (no text yet), so it shows up in History too.
    const entry = app.harness.service.db.prepare('SELECT text FROM entries WHERE entry_date = ?').get(localIsoDate()) as { text: string }
    expect(entry.text).toBe('')
    await page.getByTestId('memo-analysis').locator('[data-part="voice"] [data-emotion]').waitFor({ timeout: 30_000 })
  })

  it('analyses an edited transcript and fuses words with voice', async () => {
    const item = page.getByTestId('memo').first()
    await item.getByLabel('받아쓰기').fill('오늘은 정말 행복하고 즐거운 하루였어요.')
    await item.getByRole('button', { name: '받아쓰기 저장' }).click()
    await item.locator('[data-part="text"] [data-emotion]').waitFor({ timeout: 30_000 })
    await item.locator('[data-part="fused"] [data-emotion]').waitFor()
    expect(memoRows()[0]!.transcript).toBe('오늘은 정말 행복하고 즐거운 하루였어요.')
    const sources = app.harness.service.db.prepare('SELECT DISTINCT source FROM analyses WHERE memo_id = ? ORDER BY source').all(memoRows()[0]!.id)
    expect(sources).toEqual([{ source: 'audio' }, { source: 'fused' }, { source: 'text' }])
  })

  it('offers to keep a recording that was interrupted by a crash', async () => {
    await record(2)
    // The renderer dies mid-recording: no stop, no finish.
    await page.close()
    page = await app.context.newPage()
    await page.goto(app.harness.url)
    const orphan = page.getByTestId('orphan-recording')
    await orphan.waitFor()
    await orphan.getByRole('button', { name: '보관하기' }).click()
    await expect.poll(() => memoRows().length).toBe(2)
    expect(memoRows()[1]!.durationSec).toBeGreaterThanOrEqual(1)
    await expect.poll(async () => page.getByTestId('memo').count()).toBe(2)
  })

  it('plays a memo, seeks on its waveform, and deletes it from the page, the diary and the disk', async () => {
    const [first, second] = memoRows()
    const item = page.locator(`[data-testid="memo"][data-memo-id="${first!.id}"]`)
    const audio = item.locator('audio')
    await audio.waitFor()
    await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.duration)).toBeCloseTo(first!.durationSec, 1)
    const currentTime = () => audio.evaluate((a: HTMLAudioElement) => a.currentTime)

    // Play with a real click on the native controls' play button (a user gesture), then let it run.
    const box = (await audio.boundingBox())!
    await audio.click({ position: { x: 20, y: box.height / 2 } })
    await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.paused)).toBe(false)
    await expect.poll(currentTime, { timeout: 10_000 }).toBeGreaterThan(0.3)
    await audio.evaluate((a: HTMLAudioElement) => a.pause())

    // Clicking three quarters of the way along the waveform moves playback there.
    const waveform = item.getByRole('slider', { name: `${first!.durationSec.toFixed(1)}초 길이 메모의 파형 (클릭하거나 화살표 키로 위치 이동)` })
    const wave = (await waveform.boundingBox())!
    await waveform.click({ position: { x: wave.width * 0.75, y: wave.height / 2 } })
    await expect.poll(currentTime).toBeCloseTo(0.75 * first!.durationSec, 1)
    // The same seek bar from the keyboard: Home goes to the start, ArrowRight 5 % further.
    await waveform.focus()
    await page.keyboard.press('Home')
    await expect.poll(currentTime).toBeCloseTo(0, 1)
    await expect.poll(() => waveform.getAttribute('aria-valuenow')).toBe('0')
    await page.keyboard.press('ArrowRight')
    await expect.poll(currentTime).toBeCloseTo(0.05 * first!.durationSec, 1)

    await item.getByRole('button', { name: '메모 삭제' }).click()
    const dialog = page.getByRole('dialog', { name: '이 음성 메모를 삭제할까요?' })
    await dialog.getByRole('button', { name: '메모 삭제' }).click()
    await expect.poll(() => item.count()).toBe(0)
    expect(await page.getByTestId('memo').count()).toBe(1)
    expect(memoRows().map((m) => m.id)).toEqual([second!.id])
    expect(app.harness.service.db.prepare('SELECT COUNT(*) AS n FROM analyses WHERE memo_id = ?').get(first!.id)).toEqual({ n: 0 })
    expect(existsSync(join(app.dataDir, first!.filePath))).toBe(false)
    expect(existsSync(join(app.dataDir, second!.filePath))).toBe(true)
  })
})
