/** `npm run bench`: every benchmark, each printing its figures and ratios against a same-run baseline. */
import { benchAudioEngine } from './audio-engine'
import { benchMfcc } from './audio-mfcc'
import { benchMemos } from './memos'
import { benchLock } from './lock'
import { printResults } from './print'
import { benchQueue } from './queue'
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
  'queue: pending scans': benchQueue,
  'reflections: weekly and monthly': benchReflect,
  'lock: encryption at rest': benchLock
}

const only = process.argv[2]
for (const [name, run] of Object.entries(benches)) {
  if (only && !name.includes(only)) continue
  console.log(`\n== ${name} ==`)
  printResults(await run())
}
