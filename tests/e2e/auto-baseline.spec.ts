import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeWav16 } from '../../src/shared/audio'
import { syntheticVoice } from '../unit/calibration/signals'
import { openApp, type AppUnderTest } from './browser'

/**
 * Issue 16 in Chromium: before calibration, a memo says which baseline read its voice (the memo
 * itself, then the temporary baseline made from the writer's memos with its seconds of speech),
 * a badly recorded memo gets a note instead of a label, and the voice page shows the temporary baseline.
 */
let app: AppUnderTest
let page: Page
let profileId: number
const today = (() => {
  const d = new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
})()

async function importAndAnalyse(samples: Float32Array): Promise<number> {
  const wav = encodeWav16(samples, 16000)
  const dispatch = app.harness.service.dispatch
  const memo = await dispatch('memos-import', { profileId, entryDate: today, fileName: 'memo.wav', dataBase64: Buffer.from(wav.buffer, wav.byteOffset, wav.byteLength).toString('base64') })
  if (!memo.ok) throw new Error(memo.error.message)
  const id = (memo.data as { id: number }).id
  const analysed = await dispatch('memos-analyze', { memoId: id })
  if (!analysed.ok) throw new Error(analysed.error.message)
  return id
}

beforeAll(async () => {
  app = await openApp()
  page = app.page
  page.setDefaultTimeout(15_000)
  await page.setViewportSize({ width: 1280, height: 900 })
  await page.getByLabel('이름').fill('민준')
  await page.getByRole('button', { name: '프로필 만들기' }).click()
  await page.getByTestId('current-profile').waitFor()
  profileId = (app.harness.service.db.prepare("SELECT id FROM profiles WHERE name = '민준'").get() as { id: number }).id
})
afterAll(async () => app?.close())

describe('automatic voice baseline in the app', () => {
  it('says a first memo was read against itself, and names the temporary baseline once the memos hold enough speech', { timeout: 90_000 }, async () => {
    const first = await importAndAnalyse(syntheticVoice({ seconds: 12, seed: 41, f0: 120 }))
    const quiet = await importAndAnalyse(syntheticVoice({ seconds: 6, seed: 42, f0: 120, levelDb: -49, noiseDb: -90 }))
    const third = await importAndAnalyse(syntheticVoice({ seconds: 12, seed: 43, f0: 120 }))
    // The memos came in behind the page's back: open the day afresh.
    await page.getByRole('button', { name: '내 목소리' }).click()
    // Wait until the voice page is really shown (its chunk may still be loading): only then does
    // going back to 오늘 mount the day page afresh, with the memos imported above.
    await page.locator('#voice-heading').waitFor()
    await page.getByRole('button', { name: '오늘' }).click()
    const memo = (id: number) => page.locator(`[data-testid="memo"][data-memo-id="${id}"]`)
    // The third memo was read against the temporary baseline from the first one (the quiet one does not count).
    const basis = memo(third).getByTestId('memo-baseline')
    await basis.waitFor({ timeout: 30_000 })
    expect(await basis.getAttribute('data-baseline-source')).toBe('automatic')
    expect(await basis.textContent()).toMatch(/^내 메모로 만든 임시 기준으로 분석 \(말소리 \d+초\)$/)
    // The quiet memo: a note about the recording, and no emotion label for its voice.
    const note = memo(quiet).getByTestId('voice-quality')
    await note.waitFor()
    expect(await note.textContent()).toContain('너무 작아')
    expect(await memo(quiet).locator('[data-part="voice"] [data-emotion]').count()).toBe(0)
    expect(await memo(quiet).getByTestId('voice-uncertain').textContent()).toBe('분석 안 함')
    expect(await memo(first).getByTestId('memo-baseline').count()).toBe(1)
    await page.screenshot({ path: '/tmp/haru-auto-baseline-memos.png', fullPage: true })

    await page.getByRole('button', { name: '내 목소리' }).click()
    const card = page.getByTestId('automatic-baseline')
    await card.waitFor()
    expect(await card.getAttribute('data-state')).toBe('in-use')
    expect(await card.textContent()).toContain('내 메모로 만든 임시 기준')
    expect(Number(await card.getAttribute('data-seconds'))).toBeGreaterThanOrEqual(10)
    // Still the gender default as the profile's chosen baseline: the automatic one never takes its place.
    expect(await page.getByTestId('active-baseline').getAttribute('data-kind')).toBe('default-average')
    expect(await page.getByTestId('active-baseline').textContent()).toContain('내 메모로 만든 임시 기준 (버전')
    await page.screenshot({ path: '/tmp/haru-auto-baseline-voice.png', fullPage: true })
  })
})
