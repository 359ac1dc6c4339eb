/**
 * README screenshots, taken from the real renderer in Debian's Chromium through the browser
 * harness: Today, History, Trends and the calibration wizard, in Korean and English.
 *
 *   npm run screenshots            (builds first)
 *   npx tsx scripts/screenshots.ts [--out docs/screenshots] [--width 1200] [--height 860] [--scheme light|dark]
 *
 * A fresh temporary diary is written through the API (six weeks of Korean entries, tags, a voice
 * memo with its transcript) and analysed by the shipped models, as a new user's would be; the
 * wizard's microphone is Chromium's fake device playing a synthetic voice. Nothing is read from,
 * or written to, a real diary.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { chromium, type Page } from 'playwright-core'
import { syntheticSpeech } from '../bench/signals'
import { createHaruApi } from '../src/shared/api/client'
import { encodeWav16 } from '../src/shared/audio'
import { addDays, localIsoDate } from '../src/shared/dates'
import { startWebHarness } from '../src/web/server'
import { makeTempDir } from '../tests/helpers/temp-dir'

const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: 'docs/screenshots' },
    width: { type: 'string', default: '1200' },
    height: { type: 'string', default: '860' },
    scheme: { type: 'string', default: 'light' }
  }
})

/** Six weeks of a diary: what a week of real use looked like, a little longer. */
const LINES = [
  '아침에 일찍 일어나서 한강을 따라 산책을 했다. 바람이 시원해서 기분이 정말 좋았다.',
  '회의에서 내 의견이 무시당해서 너무 화가 났다. 집에 와서도 계속 생각이 났다.',
  '비가 와서 하루 종일 집에 있었다. 조금 우울하고 외로운 기분이 들었다.',
  '오랜만에 친구를 만나서 맛있는 저녁을 먹었다. 웃다 보니 시간이 금방 갔다.',
  '내일 발표가 있는데 잘할 수 있을지 걱정된다. 밤에 잠이 잘 오지 않는다.',
  '길에서 우연히 초등학교 동창을 만났다. 이렇게 만날 줄은 몰랐다!',
  '평범한 하루였다. 점심을 먹고 책을 조금 읽었다.',
  '지하철에서 누가 발을 밟고도 사과를 하지 않았다. 정말 불쾌했다.',
  '엄마와 통화를 했다. 목소리를 들으니 마음이 따뜻해졌다.',
  '일이 너무 많아서 지쳤다. 그래도 저녁에 운동을 하고 나니 조금 나아졌다.'
]
const TAGS = ['산책', '친구', '회사', '가족', '운동']

async function seed(baseDispatch: Parameters<typeof createHaruApi>[0]): Promise<{ profileId: number }> {
  const api = createHaruApi(baseDispatch)
  const profile = await api.profiles.create({ name: '지민', gender: 'FEMALE' })
  const today = localIsoDate()
  for (let i = 41; i >= 0; i--) {
    if (i % 9 === 4) continue // a few days without writing, as in life
    const date = addDays(today, -i)
    const text = `${LINES[i % LINES.length]} ${LINES[(i * 7 + 3) % LINES.length]}`
    const entry = await api.entries.create({ profileId: profile.id, entryDate: date, text })
    await api.analysis.entryText({ entryId: entry.id })
    if (i % 4 === 0) await api.tags.set({ entryId: entry.id, tags: [TAGS[i % TAGS.length]!, TAGS[(i + 2) % TAGS.length]!] })
  }
  // Today's voice memo: imported, analysed (voice), given a transcript (words, fused).
  const wav = encodeWav16(syntheticSpeech(6, 16000), 16000)
  const memo = await api.memos.import({ profileId: profile.id, entryDate: today, fileName: '산책.wav', dataBase64: Buffer.from(wav).toString('base64') })
  await api.memos.analyze({ memoId: memo.id })
  await api.memos.setTranscript({ memoId: memo.id, transcript: '오늘은 정말 행복하고 즐거운 하루였어요. 친구와 오래 이야기했어요.' })
  return { profileId: profile.id }
}

async function shoot(page: Page, file: string) {
  await page.waitForTimeout(400) // let charts finish their entry animation
  await page.screenshot({ path: file })
  console.log(`wrote ${file}`)
}

async function main() {
  const out = resolve(args.out!)
  mkdirSync(out, { recursive: true })
  const tmp = makeTempDir('haru-shots-')
  const harness = await startWebHarness({ dataDir: tmp.dir })
  const mic = join(tmp.dir, 'voice.wav')
  writeFileSync(mic, encodeWav16(syntheticSpeech(4, 16000), 16000))
  const browser = await chromium.launch({
    executablePath: process.env.HARU_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-audio-capture=${mic}`]
  })
  try {
    const { profileId } = await seed((channel, input) => harness.service.dispatch(channel, input))
    for (const locale of ['ko', 'en'] as const) {
      const context = await browser.newContext({
        viewport: { width: Number(args.width), height: Number(args.height) },
        colorScheme: args.scheme === 'dark' ? 'dark' : 'light',
        locale: locale === 'ko' ? 'ko-KR' : 'en-US'
      })
      await context.addInitScript(
        ([l, id]) => {
          localStorage.setItem('haru.locale', l as string)
          localStorage.setItem('haru.profileId', String(id))
        },
        [locale, profileId]
      )
      const page = await context.newPage()
      await page.goto(harness.loginUrl)
      const tab = (i: number) => page.getByRole('navigation').getByRole('button').nth(i)
      await page.getByTestId('day-emotion').waitFor({ timeout: 30_000 })
      await page.getByTestId('memo-analysis').waitFor({ timeout: 30_000 })
      await shoot(page, join(out, `${locale}-today.png`))
      await tab(1).click()
      await page.getByTestId('history-month').waitFor()
      // Early in a month the newest page is short: show the fullest month instead.
      const months = page.locator('#history-month-select option')
      if ((await months.count()) > 1 && (await page.locator('[data-testid="history-month"] li').count()) < 8) {
        await page.locator('#history-month-select').selectOption((await months.nth(1).getAttribute('value'))!)
        await page.waitForTimeout(300)
      }
      await shoot(page, join(out, `${locale}-history.png`))
      await tab(2).click()
      await page.locator('[data-testid="year-pixels"] svg').waitFor()
      await shoot(page, join(out, `${locale}-trends.png`))
      await tab(4).click()
      await page.getByRole('button', { name: locale === 'ko' ? '목소리 보정하기' : /calibrate/i }).click()
      await page.getByTestId('calibration-wizard').waitFor()
      await page.getByTestId('calibration-wizard').getByRole('button', { name: locale === 'ko' ? '시작하기' : 'Start' }).click()
      await page.getByTestId('noise-floor').waitFor({ timeout: 15_000 })
      await shoot(page, join(out, `${locale}-calibration.png`))
      await context.close()
    }
  } finally {
    await browser.close()
    await harness.close()
    tmp.cleanup()
  }
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
