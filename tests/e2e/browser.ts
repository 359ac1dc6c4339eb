import { chromium, type Browser, type BrowserContext, type LaunchOptions, type Page } from 'playwright-core'
import { startWebHarness, type WebHarness, type WebHarnessOptions } from '../../src/web/server'
import { makeTempDir } from '../helpers/temp-dir'

/** Debian's Chromium: these machines can never download Playwright's own browser build. */
export const CHROMIUM = process.env.HARU_CHROMIUM ?? '/usr/bin/chromium'
const QUIET_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run'
]

export interface AppUnderTest {
  harness: WebHarness
  browser: Browser
  context: BrowserContext
  page: Page
  dataDir: string
  close(): Promise<void>
}

/** The real renderer, served by the harness over the real API and database, in real Chromium. */
export async function openApp(
  opts: { extraArgs?: string[]; locale?: string; prepare?: (dataDir: string) => Promise<void> | void; harness?: Pick<WebHarnessOptions, 'autoLockUnitMs'> } = {}
): Promise<AppUnderTest> {
  const tmp = makeTempDir('haru-e2e-')
  // Fill the data folder before the app opens it (e.g. with the CLI, as a person would).
  await opts.prepare?.(tmp.dir)
  const harness = await startWebHarness({ dataDir: tmp.dir, ...opts.harness })
  const launch: LaunchOptions = { executablePath: CHROMIUM, headless: true, args: [...QUIET_FLAGS, ...(opts.extraArgs ?? [])] }
  const browser = await chromium.launch(launch)
  const context = await browser.newContext({ locale: opts.locale ?? 'ko-KR' })
  const page = await context.newPage()
  page.on('pageerror', (err) => console.error('[page error]', err.message))
  await page.goto(harness.loginUrl)
  return {
    harness,
    browser,
    context,
    page,
    dataDir: tmp.dir,
    close: async () => {
      await browser.close()
      await harness.close()
      tmp.cleanup()
    }
  }
}
