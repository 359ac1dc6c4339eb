import { readFileSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTempDir } from '../helpers/temp-dir'
import { officialLabelsTextPack } from '../helpers/text-packs'
import { openApp, type AppUnderTest } from './browser'

let app: AppUnderTest
let page: Page
const packs = makeTempDir('haru-e2e-packs-')
/** The shipped default pack as the UI names it (name and version from its manifest). */
const shipped = JSON.parse(readFileSync(join(__dirname, '../../resources/models/text-default/manifest.json'), 'utf8')) as { name: string; version: string }
const DEFAULT_NAME = `${shipped.name} ${shipped.version}`
const nav = (name: string) => page.getByRole('navigation').getByRole('button', { name, exact: true })
const latestTextModel = () =>
  (app.harness.service.db.prepare("SELECT model_id FROM analyses WHERE source = 'text' ORDER BY id DESC LIMIT 1").get() as { model_id: string } | undefined)?.model_id

beforeAll(async () => {
  app = await openApp()
  page = app.page
  await page.getByLabel('이름').fill('지민')
  await page.getByRole('button', { name: '프로필 만들기' }).click()
  await page.getByTestId('current-profile').waitFor()
})
afterAll(async () => {
  await app?.close()
  packs.cleanup()
})

describe('text model switcher in Settings (Chromium)', () => {
  it('names the one model in use, installs a second pack from a folder, switches to it and says when it is gone', async () => {
    await nav('설정').click()
    const section = page.getByTestId('text-model')
    await expect.poll(() => section.getByTestId('text-model-only').textContent()).toBe(`글 감정 분석 모델: ${DEFAULT_NAME}`)
    expect(await section.getByRole('radio').count()).toBe(0)

    const folder = officialLabelsTextPack(join(packs.dir, 'official'), { id: 'klue-roberta-emotion-official' })
    await section.getByText('모델 팩 폴더에서 설치').click()
    await section.getByLabel('모델 팩 폴더').fill(folder)
    await section.getByRole('button', { name: '확인하고 설치' }).click()
    await expect.poll(() => section.getByRole('status').textContent(), { timeout: 20_000 }).toBe('Official labels (test model) 1.0.0 모델을 설치했어요.')

    const radios = section.getByRole('radio')
    await expect.poll(() => radios.count()).toBe(2)
    expect(await section.getByRole('radio', { name: /Haru default/ }).isChecked()).toBe(true)
    expect(await section.textContent()).toContain('감정 라벨: 기쁨, 당황, 분노, 불안, 상처, 슬픔')
    await section.getByRole('radio', { name: /Official labels/ }).check()
    await expect.poll(() => section.getByRole('status').textContent()).toBe('이제 Official labels (test model) 1.0.0 모델로 분석해요.')
    expect(await section.getByRole('radio', { name: /Official labels/ }).isChecked()).toBe(true)

    // The Today page's automatic analysis now runs the chosen pack.
    await nav('오늘').click()
    await page.getByRole('textbox', { name: /일기$/ }).click()
    await page.keyboard.insertText('친구가 약속을 또 잊어버렸다.')
    await page.waitForSelector('[data-testid="save-status"][data-status="saved"]', { timeout: 10_000 })
    await expect.poll(latestTextModel, { timeout: 20_000 }).toBe('klue-roberta-emotion-official')

    // The pack disappears: Settings says so and the default is in use again.
    renameSync(join(app.dataDir, 'models', 'klue-roberta-emotion-official'), join(packs.dir, 'gone'))
    await nav('설정').click()
    await expect
      .poll(() => page.getByTestId('text-model-fallback').textContent())
      .toContain(`선택한 모델 klue-roberta-emotion-official을(를) 찾을 수 없거나 손상되어, 지금은 ${DEFAULT_NAME}(으)로 분석해요.`)
    expect(await page.getByTestId('text-model').getByTestId('text-model-only').isVisible()).toBe(true)
  })
})
