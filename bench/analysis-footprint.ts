/**
 * The analysis process's start-up and memory: spawn → first text result, the first reading after
 * a warm start, and resident memory after a text and a voice analysis, each against the same
 * process as it was before this round (bench/legacy-analysis-worker.ts: tokenizing through all of
 * @huggingface/transformers) in the same run, plus the bundled worker the desktop app runs.
 * Run alone with `npx tsx bench/analysis-footprint.ts`.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { encodeWav16 } from '../src/shared/audio'
import { AnalysisHost } from '../src/main/analysis/host'
import { spawnNodeWorker, WORKER_SOURCE_ENTRY } from '../src/main/analysis/spawn-node'
import { openHaruService } from '../src/main/api/service'
import { DEFAULT_AUDIO_PACK, shippedModelsDir } from '../src/main/resources-dir'
import { makeTempDir } from '../tests/helpers/temp-dir'
import { syntheticSpeech } from './signals'
import { ratio } from './stats'
import type { BenchResult } from './types'

const REPO = fileURLToPath(new URL('..', import.meta.url))
const TEXT_PACK = join(REPO, 'resources/models/text-default')
const LEGACY_ENTRY = fileURLToPath(new URL('./legacy-analysis-worker.ts', import.meta.url))
const SENTENCE = '오늘은 회사에서 발표를 했는데 생각보다 잘 끝나서 정말 기뻤다.'
const RUNS = 5

/** The worker as electron-vite bundles it for the app (`npm run build`), or null when not built. */
function bundledWorker(): string | null {
  const dir = join(REPO, 'out/main/chunks')
  const file = existsSync(dir) ? readdirSync(dir).find((f) => /^worker-.*\.js$/.test(f)) : undefined
  return file ? join(dir, file) : null
}

function rssMb(pid: number | undefined): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN)
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 }
}

interface ColdRun {
  firstTextMs: number
  rss: number
  peak: number
}

/** Spawn → first text result, then a 60 s voice memo in full mode, then the process's memory. */
async function coldRun(entry: string, memo: string, audioPack: string): Promise<ColdRun> {
  const t0 = performance.now()
  const host = new AnalysisHost({ spawn: spawnNodeWorker(entry) })
  try {
    await host.request('analyze-text', { text: SENTENCE, packDir: TEXT_PACK })
    const firstTextMs = performance.now() - t0
    await host.request('analyze-audio', { wav: readFileSync(memo), packDir: audioPack, baseline: { mean: Array(13).fill(0), std: Array(13).fill(20) }, mode: 'full' })
    await host.request('analyze-text', { text: SENTENCE.repeat(20), packDir: TEXT_PACK })
    return { firstTextMs, ...rssMb(host.pid) }
  } finally {
    host.close()
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

/** With warm start: the service warms up, then the first reading is asked for; against a cold service. */
async function firstReading(dataDir: string): Promise<{ warm: number; cold: number }> {
  const times = { warm: [] as number[], cold: [] as number[] }
  for (let i = 0; i < RUNS; i++) {
    for (const mode of ['warm', 'cold'] as const) {
      const service = openHaruService({ dataDir, appVersion: 'bench', transport: 'web' })
      try {
        if (mode === 'warm') await service.warmUp()
        const t0 = performance.now()
        await service.analysis.request('analyze-text', { text: SENTENCE, packDir: TEXT_PACK })
        times[mode].push(performance.now() - t0)
      } finally {
        service.close()
      }
    }
  }
  return { warm: median(times.warm), cold: median(times.cold) }
}

export async function benchAnalysisFootprint(): Promise<BenchResult[]> {
  if (!existsSync('/proc/self/status')) {
    console.log('[skip] analysis footprint: needs /proc (Linux)')
    return []
  }
  const tmp = makeTempDir('haru-bench-footprint-')
  try {
    const memo = join(tmp.dir, 'memo-60s.wav')
    writeFileSync(memo, encodeWav16(syntheticSpeech(60), 16000))
    const audioPack = join(shippedModelsDir(), DEFAULT_AUDIO_PACK)
    const entries: Record<string, string> = { current: WORKER_SOURCE_ENTRY, legacy: LEGACY_ENTRY }
    const bundle = bundledWorker()
    if (bundle) entries.bundle = bundle
    else console.log('[skip] bundled worker: not built (npm run build)')
    const runs: Record<string, ColdRun[]> = {}
    // Alternate the variants run by run, so load on the shared machine hits each alike.
    for (let i = 0; i < RUNS; i++) for (const [name, entry] of Object.entries(entries)) (runs[name] ??= []).push(await coldRun(entry, memo, audioPack))
    const pick = (name: string, key: keyof ColdRun) => median(runs[name]!.map((r) => r[key]))
    const reading = await firstReading(tmp.dir)
    const results: BenchResult[] = [
      { name: 'analysis process spawn → first text result (tsx)', value: pick('current', 'firstTextMs'), unit: 'ms', baseline: { name: 'before: tokenizing through @huggingface/transformers', value: pick('legacy', 'firstTextMs') }, ratio: ratio(pick('current', 'firstTextMs'), pick('legacy', 'firstTextMs')), target: '≤ 1000 ms' },
      { name: 'analysis process RSS after text + 60 s voice analysis (tsx)', value: pick('current', 'rss'), unit: 'MB', baseline: { name: 'before', value: pick('legacy', 'rss') }, ratio: ratio(pick('current', 'rss'), pick('legacy', 'rss')), target: '≤ 150 MB' },
      { name: 'analysis process peak RSS (VmHWM) over the same (tsx)', value: pick('current', 'peak'), unit: 'MB', baseline: { name: 'before', value: pick('legacy', 'peak') }, ratio: ratio(pick('current', 'peak'), pick('legacy', 'peak')) }
    ]
    if (bundle) {
      results.push(
        { name: 'bundled worker (as the app runs it) spawn → first text result', value: pick('bundle', 'firstTextMs'), unit: 'ms', baseline: { name: 'before (tsx)', value: pick('legacy', 'firstTextMs') }, ratio: ratio(pick('bundle', 'firstTextMs'), pick('legacy', 'firstTextMs')), target: '≤ 1000 ms' },
        { name: 'bundled worker RSS after text + 60 s voice analysis', value: pick('bundle', 'rss'), unit: 'MB', baseline: { name: 'before (tsx)', value: pick('legacy', 'rss') }, ratio: ratio(pick('bundle', 'rss'), pick('legacy', 'rss')), target: '≤ 150 MB' },
        { name: 'bundled worker peak RSS (VmHWM)', value: pick('bundle', 'peak'), unit: 'MB' }
      )
    }
    results.push({ name: 'first reading request → result, after warm start', value: reading.warm, unit: 'ms', baseline: { name: 'no warm start (process and pack load on the request)', value: reading.cold }, ratio: ratio(reading.warm, reading.cold) })
    return results
  } finally {
    tmp.cleanup()
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { printResults } = await import('./print')
  printResults(await benchAnalysisFootprint())
}
