/** `npm run bench`: every benchmark, each printing its figures and ratios against a same-run baseline. */
import { benchAdaptation } from './adaptation'
import { benchAudioEngine } from './audio-engine'
import { benchMfcc } from './audio-mfcc'
import { benchMemos } from './memos'
import { printResults } from './print'
import { benchTextModel } from './text-model'
import { benchTrends } from './trends'
import type { BenchResult } from './types'

const benches: Record<string, () => Promise<BenchResult[]>> = {
  'audio: MFCC': benchMfcc,
  'audio: engine': benchAudioEngine,
  'memos: recording and analysis': benchMemos,
  'text: model': benchTextModel,
  'trends: SQL aggregates': benchTrends,
  'text: per-writer adaptation': () => benchAdaptation()
}

const only = process.argv[2]
for (const [name, run] of Object.entries(benches)) {
  if (only && !name.includes(only)) continue
  console.log(`\n== ${name} ==`)
  printResults(await run())
}
