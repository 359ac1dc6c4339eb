import { readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeWav, resampleTo } from '../../src/shared/audio'
import { aligned, envelopeCorrelation, mfccDistance } from '../helpers/audio-compare'
import { hasAudioTools, makePhoneMemos, OTHER_SENTENCE } from '../helpers/phone-audio'
import { makeTempDir } from '../helpers/temp-dir'
import { openApp, type AppUnderTest } from './browser'

/**
 * Importing phone voice notes on the Today page in Chromium: the page decodes them with Web Audio
 * (Debian's Chromium decodes AAC, MP3, Opus, Vorbis and FLAC) and the memo goes to its recording day.
 */
const ready = hasAudioTools()
const tmp = makeTempDir('haru-e2e-phone-')
let files: ReturnType<typeof makePhoneMemos>
let undated: ReturnType<typeof makePhoneMemos>
let app: AppUnderTest
let page: Page

const memos = () =>
  app.harness.service.db.prepare('SELECT vm.id, vm.file_path AS filePath, vm.duration_sec AS durationSec, e.entry_date AS day FROM voice_memos vm JOIN entries e ON e.id = vm.entry_id ORDER BY vm.id').all() as { id: number; filePath: string; durationSec: number; day: string }[]
const picker = () => page.getByTestId('voice-memos').locator('input[type="file"]')
const message = () => page.getByTestId('memo-message')

beforeAll(async () => {
  if (!ready) return
  files = makePhoneMemos(tmp.dir, { stamp: '2026-09-14T12:00:00Z' })
  undated = makePhoneMemos(tmp.dir, { sentence: OTHER_SENTENCE, prefix: 'undated-' })
  app = await openApp()
  page = app.page
  await page.getByLabel('이름').fill('지민')
  await page.getByRole('button', { name: '프로필 만들기' }).click()
  await page.getByTestId('current-profile').waitFor()
})
afterAll(async () => {
  await app?.close()
  tmp.cleanup()
})

describe.skipIf(!ready)('phone voice memos in Chromium', () => {
  it('imports an M4A (AAC) by the picker onto its recording day, decoded to the same speech, and analyses it', { timeout: 60_000 }, async () => {
    await picker().setInputFiles(files.m4a)
    await expect.poll(() => message().textContent(), { timeout: 20_000 }).toContain('파일에 적힌 녹음 날짜인 2026년 9월 14일')
    expect(memos()).toHaveLength(1)
    const [memo] = memos()
    expect(memo!.day).toBe('2026-09-14')

    // What Chromium decoded is the same speech as the WAV the M4A was made from.
    const stored = decodeWav(new Uint8Array(readFileSync(join(app.dataDir, memo!.filePath))))
    const original = decodeWav(new Uint8Array(readFileSync(files.wav)))
    expect(stored.sampleRate).toBe(16000)
    const reference = await resampleTo(original.samples, original.sampleRate, 16000)
    expect(Math.abs(stored.samples.length - reference.length) / 16000).toBeLessThan(0.05)
    const { a, b } = aligned(reference, stored.samples, 16000)
    expect(envelopeCorrelation(a, b, 16000)).toBeGreaterThanOrEqual(0.99)
    expect(mfccDistance(a, b, 16000)).toBeLessThanOrEqual(0.4)

    // "그날 보기" opens that day, where the memo is, analysed.
    await message().getByRole('button', { name: '그날 보기' }).click()
    await expect.poll(() => page.locator('h1').first().textContent()).toContain('2026년 9월 14일')
    const item = page.locator(`[data-testid="memo"][data-memo-id="${memo!.id}"]`)
    await item.waitFor()
    await item.getByTestId('memo-baseline').waitFor({ timeout: 30_000 })
    expect((app.harness.service.db.prepare("SELECT count(*) AS n FROM analyses WHERE memo_id = ? AND source = 'audio'").get(memo!.id) as { n: number }).n).toBe(1)
  })

  it('takes MP3, Ogg/Opus, Ogg/Vorbis and FLAC too, by drag and drop as well', { timeout: 60_000 }, async () => {
    for (const file of [files.mp3, files.opus, files.vorbis]) {
      const before = memos().length
      await picker().setInputFiles(file)
      await expect.poll(() => memos().length, { timeout: 20_000 }).toBe(before + 1)
      expect(memos().at(-1)!.day).toBe('2026-09-14')
      expect(memos().at(-1)!.durationSec).toBeCloseTo(memos()[0]!.durationSec, 1)
    }
    const flac = readFileSync(files.flac).toString('base64')
    const drop = await page.evaluateHandle((b64) => {
      const dt = new DataTransfer()
      dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], '녹음.flac', { type: 'audio/flac' }))
      return dt
    }, flac)
    await page.getByTestId('voice-memos').dispatchEvent('drop', { dataTransfer: drop })
    await expect.poll(() => memos().length, { timeout: 20_000 }).toBe(5)
    expect(memos().at(-1)!.day).toBe('2026-09-14')
  })

  it("puts a file without a recording date on the day it was last changed", { timeout: 60_000 }, async () => {
    utimesSync(undated.m4a, new Date(2026, 7, 3, 9), new Date(2026, 7, 3, 9))
    await picker().setInputFiles(undated.m4a)
    await expect.poll(() => message().textContent(), { timeout: 20_000 }).toContain('파일이 마지막으로 바뀐 2026년 8월 3일')
    expect(memos().at(-1)!.day).toBe('2026-08-03')
  })

  it('refuses a damaged or foreign file by name, in the page language, and stores nothing', async () => {
    const before = memos().length
    const cut = join(tmp.dir, '잘린 녹음.m4a')
    const bytes = readFileSync(files.m4a)
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)))
    await picker().setInputFiles(cut)
    const error = page.getByTestId('voice-memos').getByRole('alert')
    await expect.poll(() => error.textContent(), { timeout: 20_000 }).toBe('잘린 녹음.m4a 파일을 가져오지 못했어요: 이 파일의 소리를 읽지 못했어요. 파일이 손상되었거나 이 컴퓨터가 이 형식을 재생하지 못해요')
    const text = join(tmp.dir, 'notes.mp3')
    writeFileSync(text, '오늘 할 일: 장보기')
    await picker().setInputFiles(text)
    await expect.poll(() => error.textContent()).toContain('notes.mp3 파일을 가져오지 못했어요: 소리 파일로 읽을 수 없어요')
    expect(memos()).toHaveLength(before)
  })
})
