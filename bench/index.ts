/** `npm run bench`: every benchmark, each printing its figures and ratios against a same-run baseline. */
import { benchAdaptation } from './adaptation'
import { loadavg } from 'node:os'
import { benchAnalysisFootprint } from './analysis-footprint'
import { benchAudioEngine } from './audio-engine'
import { benchMfcc } from './audio-mfcc'
import { benchMemos } from './memos'
import { benchLock } from './lock'
import { printResults } from './print'
import { benchQueue } from './queue'
import { benchRenderer } from './renderer'
import { benchTextModel } from './text-model'
import { benchReflect } from './reflect'
import { benchTrends } from './trends'
import type { BenchResult } from './types'

const benches: Record<string, () => Promise<BenchResult[]>> = {
  'audio: MFCC': benchMfcc,
  'audio: engine': benchAudioEngine,
  'memos: recording and analysis': benchMemos,
  'text: model': benchTextModel,
  'trends: SQL aggregates': benchTrends,
  'text: per-writer adaptation': () => benchAdaptation(),
  'queue: pending scans': benchQueue,
  'reflections: weekly and monthly': benchReflect,
  'analysis: start-up and memory': benchAnalysisFootprint,
  'renderer: bundle, first paint, Trends, first reading (Chromium)': benchRenderer,
  'lock: encryption at rest': benchLock
}

const only = process.argv[2]
for (const [name, run] of Object.entries(benches)) {
  if (only && !name.includes(only)) continue
  // The machine is shared: every group says how loaded it was when it ran.
  console.log(`\n== ${name} == (load average ${loadavg().map((l) => l.toFixed(2)).join(', ')})`)
  printResults(await run())
}
