/**
 * The renderer in Debian's Chromium through the browser harness: bundle sizes, first paint of
 * Today, first open of Trends, and app start → first reading. Same-run baselines: the renderer of
 * BASELINE_COMMIT (before route splitting, built from git into a temporary folder) for the first
 * three, the harness without warm start for the last. Run alone with `npx tsx bench/renderer.ts`.
 */
import { execFileSync, spawn } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
import { openDatabase } from '../src/main/db/open'
import { insertAnalysis } from '../src/main/repos/analyses'
import { createEntry } from '../src/main/repos/entries'
import { createProfile } from '../src/main/repos/profiles'
import { addDays, localIsoDate } from '../src/shared/dates'
import { CANONICAL_EMOTIONS } from '../src/shared/emotions'
import { startWebHarness } from '../src/web/server'
import { makeTempDir } from '../tests/helpers/temp-dir'
import { ratio } from './stats'
import type { BenchResult } from './types'

const REPO = fileURLToPath(new URL('..', import.meta.url))
/** The last commit before route splitting: its renderer is the baseline. */
const BASELINE_COMMIT = '329a998'
const CHROMIUM = process.env.HARU_CHROMIUM ?? '/usr/bin/chromium'
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
const RUNS = 4
const SENTENCE = '오늘은 친구와 한강에서 산책을 했는데 날씨가 좋아서 정말 행복했다.'

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

function quiet(cmd: string, args: string[], cwd: string): void {
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] })
}

/** The baseline renderer built from git, or the reason it cannot be. */
function buildBaseline(dir: string): string | { reason: string } {
  try {
    execFileSync('git', ['cat-file', '-e', `${BASELINE_COMMIT}^{commit}`], { cwd: REPO, stdio: 'ignore' })
  } catch {
    return { reason: `commit ${BASELINE_COMMIT} is not in this clone` }
  }
  const archive = execFileSync('git', ['archive', BASELINE_COMMIT, 'src', 'electron.vite.config.ts', 'tsconfig.json', 'tsconfig.base.json', 'tsconfig.node.json', 'tsconfig.web.json', 'package.json'], { cwd: REPO, maxBuffer: 256 * 1024 * 1024 })
  execFileSync('tar', ['-x', '-C', dir], { input: archive })
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'))
  quiet('npx', ['electron-vite', 'build'], dir)
  return join(dir, 'out', 'renderer')
}

function jsSizes(rendererDir: string): { start: number; trends: number } {
  const assets = join(rendererDir, 'assets')
  const files = readdirSync(assets).filter((f) => f.endsWith('.js'))
  const size = (f: string) => statSync(join(assets, f)).size
  return { start: files.filter((f) => f.startsWith('index-')).reduce((s, f) => s + size(f), 0), trends: files.filter((f) => f.startsWith('TrendsPage-')).reduce((s, f) => s + size(f), 0) }
}

/** A diary with a year of analysed days (the Trends page draws every chart). */
function seedDiary(dataDir: string): number {
  const db = openDatabase(dataDir)
  try {
    const profile = createProfile(db, '지민', 'FEMALE')
    const today = localIsoDate()
    for (let d = 1; d <= 365; d++) {
      const emotion = CANONICAL_EMOTIONS[d % CANONICAL_EMOTIONS.length]!
      const entry = createEntry(db, profile.id, addDays(today, -d), `${d}일 전의 일기.`)
      const canonical = Object.fromEntries(CANONICAL_EMOTIONS.map((e) => [e, e === emotion ? 0.64 : 0.06])) as Record<(typeof CANONICAL_EMOTIONS)[number], number>
      insertAnalysis(db, { entryId: entry.id, source: 'text', modelId: 'bench', labels: [...CANONICAL_EMOTIONS], probs: CANONICAL_EMOTIONS.map((e) => canonical[e]), canonical })
    }
    return profile.id
  } finally {
    db.close()
  }
}

/** Seeded days that fall in this calendar year (the year the Trends page opens on). */
function daysThisYear(): number {
  const today = localIsoDate()
  let n = 0
  for (let d = 1; d <= 365; d++) if (addDays(today, -d).slice(0, 4) === today.slice(0, 4)) n++
  return n
}

/**
 * Page instrumentation: a MutationObserver stamps `performance.now()` when each watched state first
 * appears, so the figures do not include Playwright's polling.
 */
const MARKS_SCRIPT = (profileId: number) => `
  const YEAR_MARKS = ${daysThisYear()}
  localStorage.setItem('haru.profileId', '${profileId}')
  window.__marks = {}
  window.__watch = {
    today: () => document.querySelector('textarea'),
    // Drawn with their data: the year's cells carry one mark each (an empty year is drawn too, but
    // has no marks), the other two charts draw paths only for data.
    trends: () => document.querySelector('[data-testid="month-calendar"] button[data-dominant]') &&
      document.querySelectorAll('[data-testid="year-pixels"] svg text').length >= YEAR_MARKS &&
      ['distribution-chart', 'emotion-lines'].every((id) => document.querySelector('[data-testid="' + id + '"] svg path')),
    reading: () => document.querySelector('[data-testid="emotion-mix"] li')
  }
  new MutationObserver(() => {
    for (const [name, seen] of Object.entries(window.__watch)) if (!(name in window.__marks) && seen()) window.__marks[name] = performance.now()
  }).observe(document, { subtree: true, childList: true, attributes: true })
`

async function waitMark(page: Page, name: string, timeout = 30_000): Promise<number> {
  await page.waitForFunction((n) => n in ((window as unknown as { __marks: Record<string, number> }).__marks ?? {}), name, { timeout, polling: 50 })
  return page.evaluate((n) => (window as unknown as { __marks: Record<string, number> }).__marks[n]!, name)
}

/**
 * Today's first paint (ms from navigation) and Trends' first open (ms from the click), clicked as
 * soon as Today shows or once the app has settled (4 s, when the pages' chunks have preloaded).
 */
async function pageTimings(browser: Browser, loginUrl: string, profileId: number, settled: boolean): Promise<{ today: number; trends: number }> {
  const context = await browser.newContext({ locale: 'ko-KR' })
  try {
    await context.addInitScript(MARKS_SCRIPT(profileId))
    const page = await context.newPage()
    await page.goto(loginUrl)
    const today = await waitMark(page, 'today')
    if (settled) await page.waitForTimeout(4000)
    const clickedAt = await page.evaluate(() => {
      const button = Array.from(document.querySelectorAll('nav button')).find((b) => b.textContent?.trim() === '감정 흐름') as HTMLButtonElement
      const t = performance.now()
      button.click()
      return t
    })
    return { today, trends: (await waitMark(page, 'trends')) - clickedAt }
  } finally {
    await context.close()
  }
}

/** `npm run web`'s entry as a fresh process: harness start → the first reading on Today. */
async function startToReading(browser: Browser, dataDir: string, profileId: number, warm: boolean): Promise<{ total: number; afterTyping: number }> {
  const t0 = performance.now()
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO, 'src/web/main.ts')], {
    cwd: REPO,
    env: { ...process.env, HARU_DATA_DIR: dataDir, HARU_WEB_PORT: '0', HARU_NO_WARM_START: warm ? '0' : '1' },
    stdio: ['ignore', 'pipe', 'inherit']
  })
  const context = await browser.newContext({ locale: 'ko-KR' })
  try {
    const url = await new Promise<string>((ok, fail) => {
      let out = ''
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString()
        const m = /Open: (\S+)/.exec(out)
        if (m) ok(m[1]!)
      })
      child.once('exit', (code) => fail(new Error(`harness exited (${code})`)))
    })
    await context.addInitScript(MARKS_SCRIPT(profileId))
    const page = await context.newPage()
    await page.goto(url)
    await waitMark(page, 'today')
    await page.locator('textarea').fill(SENTENCE)
    const typedAt = performance.now()
    await waitMark(page, 'reading')
    const now = performance.now()
    return { total: now - t0, afterTyping: now - typedAt }
  } finally {
    await context.close()
    child.kill()
    await new Promise((ok) => child.once('exit', ok))
  }
}

export async function benchRenderer(): Promise<BenchResult[]> {
  if (!existsSync(CHROMIUM)) {
    console.log(`[skip] renderer: no Chromium at ${CHROMIUM}`)
    return []
  }
  const tmp = makeTempDir('haru-bench-renderer-')
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS })
  try {
    quiet('npm', ['run', 'build', '--silent'], REPO)
    const current = join(REPO, 'out', 'renderer')
    mkdirSync(join(tmp.dir, 'baseline'))
    const baseline = buildBaseline(join(tmp.dir, 'baseline'))
    if (typeof baseline !== 'string') console.log(`[skip] baseline renderer: ${baseline.reason}`)
    const seeded = join(tmp.dir, 'seeded')
    mkdirSync(seeded)
    const profileId = seedDiary(seeded)
    const variants: Record<string, string> = { current, ...(typeof baseline === 'string' ? { baseline } : {}) }
    const harnesses = await Promise.all(
      Object.entries(variants).map(async ([name, rendererDir]) => {
        const dataDir = join(tmp.dir, `data-${name}`)
        mkdirSync(dataDir)
        copyFileSync(join(seeded, 'haru.sqlite3'), join(dataDir, 'haru.sqlite3'))
        return [name, await startWebHarness({ dataDir, rendererDir })] as const
      })
    )
    const times: Record<string, { today: number[]; trends: number[]; trendsAtOnce: number[] }> = {}
    try {
      for (let i = 0; i < RUNS; i++) {
        for (const [name, harness] of harnesses) {
          const settled = await pageTimings(browser, harness.loginUrl, profileId, true)
          const atOnce = await pageTimings(browser, harness.loginUrl, profileId, false)
          const t = (times[name] ??= { today: [], trends: [], trendsAtOnce: [] })
          t.today.push(settled.today, atOnce.today)
          t.trends.push(settled.trends)
          t.trendsAtOnce.push(atOnce.trends)
        }
      }
    } finally {
      await Promise.all(harnesses.map(([, h]) => h.close()))
    }
    const reading = { warm: [] as number[], cold: [] as number[], warmTyping: [] as number[], coldTyping: [] as number[] }
    for (let i = 0; i < 3; i++) {
      for (const warm of [true, false]) {
        const dataDir = join(tmp.dir, `start-${i}-${warm}`)
        mkdirSync(dataDir)
        copyFileSync(join(seeded, 'haru.sqlite3'), join(dataDir, 'haru.sqlite3'))
        const r = await startToReading(browser, dataDir, profileId, warm)
        reading[warm ? 'warm' : 'cold'].push(r.total)
        reading[warm ? 'warmTyping' : 'coldTyping'].push(r.afterTyping)
      }
    }

    const sizes = jsSizes(current)
    const cur = times.current!
    const base = times.baseline
    const vs = (value: number, key: 'today' | 'trends' | 'trendsAtOnce', target?: string): Pick<BenchResult, 'baseline' | 'ratio' | 'target'> =>
      base ? { baseline: { name: `renderer of ${BASELINE_COMMIT}`, value: median(base[key]) }, ratio: ratio(value, median(base[key])), target } : { target }
    const results: BenchResult[] = []
    const baseSizes = typeof baseline === 'string' ? jsSizes(baseline) : null
    results.push(
      { name: 'renderer start-up JavaScript (index chunk)', value: sizes.start / 1024, unit: 'KB', ...(baseSizes ? { baseline: { name: `renderer of ${BASELINE_COMMIT}`, value: baseSizes.start / 1024 }, ratio: ratio(sizes.start, baseSizes.start) } : {}) },
      { name: 'Trends chunk', value: sizes.trends / 1024, unit: 'KB', ...(baseSizes ? { baseline: { name: `renderer of ${BASELINE_COMMIT}`, value: baseSizes.trends / 1024 }, ratio: ratio(sizes.trends, baseSizes.trends) } : {}) },
      { name: 'Today first paint (navigation → editor shown, harness, Chromium)', value: median(cur.today), unit: 'ms', ...vs(median(cur.today), 'today') },
      { name: 'Trends first open (click → calendar and three charts drawn, a year of data), app settled', value: median(cur.trends), unit: 'ms', ...vs(median(cur.trends), 'trends', '≤ 500 ms') },
      { name: 'Trends first open, clicked the moment Today shows (chunk not preloaded yet)', value: median(cur.trendsAtOnce), unit: 'ms', ...vs(median(cur.trendsAtOnce), 'trendsAtOnce') },
      { name: 'harness start → first reading on Today (typing, 0.7 s save, 1.2 s wait included)', value: median(reading.warm), unit: 'ms', baseline: { name: 'without warm start', value: median(reading.cold) }, ratio: ratio(median(reading.warm), median(reading.cold)) },
      { name: 'typing done → first reading shown (of which 1.9 s are the save and analysis delays)', value: median(reading.warmTyping), unit: 'ms', baseline: { name: 'without warm start', value: median(reading.coldTyping) }, ratio: ratio(median(reading.warmTyping), median(reading.coldTyping)) }
    )
    return results
  } finally {
    await browser.close()
    tmp.cleanup()
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { printResults } = await import('./print')
  printResults(await benchRenderer())
}
