import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeWav, encodeWav16 } from '../../src/shared/audio'
import { CALIBRATION_SENTENCES } from '../../src/shared/calibration/sentences'
import { defaultAudioPackDir } from '../../src/main/calibration/voice-baseline'
import { importSeedAudioFromDir } from '../../src/main/models/seed-import'
import { repoRoot, hasShared, sharedPath } from '../helpers/shared-data'
import { makeTempDir } from '../helpers/temp-dir'
import { openApp, type AppUnderTest } from './browser'

/**
 * The calibration wizard in Chromium with a fake microphone that plays a WAV file in a loop:
 * a Korean sentence spoken by espeak-ng (with pauses around it, as a person breathes), or silence.
 */
const tmp = makeTempDir('haru-e2e-cal-')
const fakeMic = (file: string) => [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  `--use-file-for-fake-audio-capture=${file}`,
  '--autoplay-policy=no-user-gesture-required'
]

function makeSpeechWav(): string {
  const raw = join(tmp.dir, 'espeak.wav')
  execFileSync('espeak-ng', ['-v', 'ko', '-s', '140', '-w', raw, '오늘은 아침 일곱 시에 일어나서 물을 한 잔 마셨습니다.'])
  const wav = decodeWav(readFileSync(raw))
  const pause = new Float32Array(Math.round(wav.sampleRate * 0.6))
  const padded = new Float32Array(pause.length * 2 + wav.samples.length)
  padded.set(wav.samples, pause.length)
  const path = join(tmp.dir, 'speech.wav')
  writeFileSync(path, encodeWav16(padded, wav.sampleRate))
  return path
}

function makeSilentWav(): string {
  const path = join(tmp.dir, 'silence.wav')
  writeFileSync(path, encodeWav16(new Float32Array(48_000 * 3), 48_000))
  return path
}

/** The shipped default voice model, or (until it is trained) the seed checkpoint imported as that pack. */
async function ensureDefaultModel(): Promise<void> {
  if (existsSync(join(defaultAudioPackDir(join(repoRoot, 'resources')), 'manifest.json'))) return
  if (!hasShared('models/seed-audio')) return
  const resources = join(tmp.dir, 'resources')
  await importSeedAudioFromDir(sharedPath('models', 'seed-audio'), defaultAudioPackDir(resources))
  process.env.HARU_RESOURCES_DIR = resources
}

async function createProfile(page: Page, name: string) {
  await page.getByText('처음 오셨네요. 프로필을 만들어 주세요.').waitFor()
  await page.getByLabel('이름').fill(name)
  await page.getByText('여성').click()
  await page.getByRole('button', { name: '프로필 만들기' }).click()
  await page.getByTestId('current-profile').waitFor()
}

const wizardStep = (page: Page, step: string) => page.waitForSelector(`[data-testid="calibration-wizard"][data-step="${step}"]`)
const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? '')

beforeAll(async () => {
  await ensureDefaultModel()
})
afterAll(() => {
  delete process.env.HARU_RESOURCES_DIR
  tmp.cleanup()
})

describe('calibration wizard with a speaking fake microphone', () => {
  let app: AppUnderTest
  let page: Page
  beforeAll(async () => {
    app = await openApp({ extraArgs: fakeMic(makeSpeechWav()) })
    page = app.page
  })
  afterAll(async () => app?.close())
  const db = () => app.harness.service.db

  it('starts from the gender default', async () => {
    await createProfile(page, '하나')
    await page.getByRole('button', { name: '내 목소리' }).click()
    const active = page.getByTestId('active-baseline')
    await active.waitFor()
    expect(await active.getAttribute('data-kind')).toBe('default-female')
    expect(await active.textContent()).toContain('기본값: 여성 기본 목소리')
  })

  it('goes from the intro to a saved baseline with the keyboard only', { timeout: 150_000 }, async () => {
    await page.getByRole('button', { name: '목소리 보정하기' }).click()
    await wizardStep(page, 'intro')
    expect(await focusedText(page)).toBe('시작하기')
    await page.keyboard.press('Enter')

    await wizardStep(page, 'mic')
    // The room is measured for 2 s, then focus moves to "다음".
    await page.getByTestId('noise-floor').waitFor({ timeout: 10_000 })
    await expect.poll(() => focusedText(page)).toBe('다음')
    await page.keyboard.press('Enter')

    await wizardStep(page, 'read')
    for (let i = 0; i < CALIBRATION_SENTENCES.length; i++) {
      expect(await page.getByTestId('sentence-counter').textContent()).toBe(`문장 ${i + 1} / ${CALIBRATION_SENTENCES.length}`)
      expect(await page.getByTestId('sentence').textContent()).toBe(CALIBRATION_SENTENCES[i])
      await expect.poll(() => focusedText(page)).toBe('녹음')
      await page.keyboard.press('Enter')
      await page.waitForTimeout(4500)
      await expect.poll(() => focusedText(page)).toMatch(/^녹음 끝내기/)
      await page.keyboard.press('Enter')
      await page.waitForSelector('[data-testid="take-feedback"][data-state="accepted"]', { timeout: 15_000 })
      expect(await page.getByTestId('take-feedback').textContent()).toMatch(/좋아요! 음성 \d+\.\d초를 잘 들었어요/)
      const last = i === CALIBRATION_SENTENCES.length - 1
      await expect.poll(() => focusedText(page)).toBe(last ? '결과 보기' : '다음 문장')
      await page.keyboard.press('Enter')
    }

    await wizardStep(page, 'summary')
    expect(await page.getByTestId('summary-counts').textContent()).toMatch(/^녹음 6개, 음성 \d+\.\d초로/)
    if (process.env.HARU_RESOURCES_DIR || existsSync(join(defaultAudioPackDir(join(repoRoot, 'resources')), 'manifest.json'))) {
      await page.getByTestId('baseline-chart').waitFor()
      expect(await page.locator('[data-testid="baseline-chart"] rect[data-bar]').count()).toBe(13)
    }
    // Nothing is stored as a baseline before "저장하기".
    expect((db().prepare('SELECT count(*) AS n FROM baselines').get() as { n: number }).n).toBe(0)
    await expect.poll(() => focusedText(page)).toBe('저장하기')
    await page.keyboard.press('Enter')

    await wizardStep(page, 'saved')
    await expect.poll(() => focusedText(page)).toBe('완료')
    await page.keyboard.press('Enter')
  })

  it('shows the new baseline active, with its history and kept recordings', async () => {
    const active = page.getByTestId('active-baseline')
    await page.waitForSelector('[data-testid="active-baseline"][data-kind="calibrated"]')
    expect(await active.textContent()).toContain('내 목소리 (보정:')
    const row = db().prepare("SELECT id, clip_count, is_active, source FROM baselines").get() as { id: number; clip_count: number; is_active: number; source: string }
    expect(row).toMatchObject({ clip_count: 6, is_active: 1, source: 'calibrated' })
    expect(await active.getAttribute('data-baseline-id')).toBe(String(row.id))
    expect(await page.getByTestId('baseline-history').locator('li').count()).toBe(1)
    const takes = db().prepare('SELECT file_path, sample_rate FROM calibration_takes').all() as { file_path: string; sample_rate: number }[]
    expect(takes).toHaveLength(6)
    for (const t of takes) expect(existsSync(join(app.dataDir, t.file_path))).toBe(true)
    // The browser honoured the 16 kHz AudioContext, so no resampling was needed.
    expect(new Set(takes.map((t) => t.sample_rate))).toEqual(new Set([16000]))
  })

  it('can go back to the default and forward again', async () => {
    await page.getByRole('button', { name: '기본값으로 되돌리기' }).click()
    await page.waitForSelector('[data-testid="active-baseline"][data-kind="default-female"]')
    await page.getByRole('button', { name: /^이 기준 쓰기/ }).click()
    await page.waitForSelector('[data-testid="active-baseline"][data-kind="calibrated"]')
  })

  it('analyses a memo recorded afterwards with the calibrated baseline', { timeout: 60_000 }, async () => {
    const calibrated = (db().prepare("SELECT id FROM baselines WHERE is_active = 1").get() as { id: number }).id
    await page.getByRole('button', { name: '오늘' }).click()
    await page.getByRole('button', { name: '녹음하기' }).click()
    await page.getByRole('button', { name: '녹음 시작' }).click()
    await page.waitForTimeout(4000)
    await page.getByRole('button', { name: '멈추고 저장' }).click()
    // The memo names the baseline its voice analysis used, and the stored row records it.
    const shown = page.getByTestId('memo-baseline')
    await shown.waitFor({ timeout: 30_000 })
    expect(await shown.getAttribute('data-baseline-id')).toBe(String(calibrated))
    expect(await shown.textContent()).toBe(`내 목소리 기준 #${calibrated}로 분석`)
    const latestVoice = () =>
      db().prepare("SELECT baseline_id FROM analyses WHERE source = 'audio' ORDER BY id DESC LIMIT 1").get() as { baseline_id: number | null } | undefined
    await expect.poll(latestVoice, { timeout: 30_000 }).toBeDefined()
    const voice = latestVoice()!
    expect(voice.baseline_id).toBe(calibrated)
  })

  it('re-analyses that memo in the background after going back to the default, without being asked', { timeout: 60_000 }, async () => {
    await page.getByRole('button', { name: '내 목소리' }).click()
    await page.getByRole('button', { name: '기본값으로 되돌리기' }).click()
    const panel = page.getByTestId('reanalysis')
    // The baseline change is new work for the background analysis queue (issue 11): no click needed.
    await page.waitForSelector('[data-testid="reanalysis"][data-state="done"]', { timeout: 30_000 })
    expect(await panel.textContent()).toContain('1개를 다시 분석했어요. (실패 0개)')
    const voice = db().prepare("SELECT baseline_id FROM analyses WHERE source = 'audio' ORDER BY id DESC LIMIT 1").get() as { baseline_id: number | null }
    expect(voice.baseline_id).toBeNull()
    expect((db().prepare("SELECT count(*) AS n FROM analyses WHERE source = 'audio'").get() as { n: number }).n).toBe(2)
  })
})

describe('calibration wizard with a silent fake microphone', () => {
  let app: AppUnderTest
  let page: Page
  beforeAll(async () => {
    app = await openApp({ extraArgs: fakeMic(makeSilentWav()) })
    page = app.page
  })
  afterAll(async () => app?.close())

  it('warns that the microphone hears nothing, refuses the take as silent, and cancelling keeps nothing', { timeout: 60_000 }, async () => {
    await createProfile(page, '두리')
    await page.getByRole('button', { name: '내 목소리' }).click()
    await page.getByRole('button', { name: '목소리 보정하기' }).click()
    await page.getByRole('button', { name: '시작하기' }).click()
    await wizardStep(page, 'mic')
    await page.getByTestId('mic-silent').waitFor({ timeout: 10_000 })
    expect(await page.getByTestId('mic-silent').textContent()).toContain('마이크에서 아무 소리도 들리지 않아요')
    await page.getByRole('button', { name: '다음' }).click()

    await wizardStep(page, 'read')
    await page.getByRole('button', { name: '녹음', exact: true }).click()
    await page.waitForTimeout(2500)
    await page.getByRole('button', { name: /^녹음 끝내기/ }).click()
    await page.waitForSelector('[data-testid="take-feedback"][data-state="rejected"]', { timeout: 15_000 })
    const feedback = page.getByTestId('take-feedback')
    expect(await feedback.locator('[data-problem]').getAttribute('data-problem')).toBe('silent')
    expect(await feedback.textContent()).toContain('아무 소리도 들리지 않았어요. 마이크가 연결되어 있고 음소거가 아닌지 확인해 주세요.')
    await expect.poll(() => focusedText(page)).toBe('다시 녹음')
    expect(await page.getByTestId('sentence-counter').textContent()).toBe(`문장 1 / ${CALIBRATION_SENTENCES.length}`)

    await page.getByRole('button', { name: '그만두기' }).click()
    await page.waitForSelector('[data-testid="active-baseline"][data-kind="default-female"]')
    const db = app.harness.service.db
    expect((db.prepare('SELECT count(*) AS n FROM calibration_takes').get() as { n: number }).n).toBe(0)
    expect((db.prepare('SELECT count(*) AS n FROM baselines').get() as { n: number }).n).toBe(0)
  })
})

describe('calibration wizard when the microphone is refused', () => {
  let app: AppUnderTest
  beforeAll(async () => {
    // A fake device, but no auto-accepting permission UI: headless Chromium dismisses the prompt.
    app = await openApp({ extraArgs: ['--use-fake-device-for-media-stream'] })
  })
  afterAll(async () => app?.close())

  it('says the microphone was not allowed and what to do', async () => {
    const page = app.page
    await createProfile(page, '세나')
    await page.getByRole('button', { name: '내 목소리' }).click()
    await page.getByRole('button', { name: '목소리 보정하기' }).click()
    await page.getByRole('button', { name: '시작하기' }).click()
    const error = page.getByTestId('mic-error')
    await error.waitFor({ timeout: 10_000 })
    expect(await error.getAttribute('data-code')).toBe('denied')
    expect(await error.textContent()).toContain('마이크 권한을 허용한 뒤 "다시 시도"를 눌러 주세요')
    await expect.poll(() => focusedText(page)).toBe('다시 시도')
  })
})
