/**
 * Voice engine speed: model latency per window (batched vs one window per run), a 60 s memo end
 * to end in `full` mode through the analysis process, and the process's time-to-ready and peak RSS.
 * Run alone with `npx tsx bench/audio-engine.ts`.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { fork } from 'node:child_process'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import * as ort from 'onnxruntime-node'
import { computeMfcc, encodeWav16, frameEnergyDb, voicedFrameMask } from '../src/shared/audio'
import { memoVoiceStats, mergeMemoVoiceStats } from '../src/shared/calibration/auto-baseline'
import { checkMemoQuality } from '../src/shared/calibration/memo-quality'
import { chooseVoiceBaseline } from '../src/shared/calibration/voice-baseline-choice'
import { AnalysisHost } from '../src/main/analysis/host'
import { spawnNodeWorker } from '../src/main/analysis/spawn-node'
import { loadPack } from '../src/main/models/packs'
import { importSeedAudioFromDir } from '../src/main/models/seed-import'
import { DEFAULT_AUDIO_PACK, shippedModelsDir } from '../src/main/resources-dir'
import { makeTempDir } from '../tests/helpers/temp-dir'
import { sharedDir } from '../tests/helpers/shared-data'
import { syntheticSpeech } from './signals'
import { medianMs, ratio } from './stats'
import type { BenchResult } from './types'

async function benchPackDir(tmp: string): Promise<string> {
  const shipped = join(shippedModelsDir(), DEFAULT_AUDIO_PACK)
  if (existsSync(join(shipped, 'model.onnx'))) return shipped
  return (await importSeedAudioFromDir(join(sharedDir, 'models', 'seed-audio'), join(tmp, 'seed'))).packDir
}

async function windowLatency(packDir: string): Promise<BenchResult[]> {
  const pack = await loadPack(packDir)
  if (pack.manifest.kind !== 'audio') throw new Error('not an audio pack')
  const { inputName } = pack.manifest.input
  const session = await ort.InferenceSession.create(pack.modelPath, { intraOpNumThreads: 1 })
  const batch = 16
  const one = new ort.Tensor('float32', new Float32Array(13 * 100).map(() => Math.random()), [1, 13, 100])
  const many = new ort.Tensor('float32', new Float32Array(batch * 13 * 100).map(() => Math.random()), [batch, 13, 100])
  const single = await medianMs(() => session.run({ [inputName]: one }), 200, 20)
  const batched = (await medianMs(() => session.run({ [inputName]: many }), 50, 5)) / batch
  await session.release()
  return [
    { name: `model latency per window (${pack.manifest.id}, batch of ${batch})`, value: batched, unit: 'ms', baseline: { name: 'one window per run', value: single }, ratio: ratio(batched, single), target: '≤ 0.3 ms' }
  ]
}

/** Time from fork to the process's `ready` message, against forking a bare Node child. */
async function timeToReady(): Promise<{ ready: number; bare: number }> {
  const bare = await medianMs(
    () => new Promise<void>((ok) => fork('-e', ['process.send("ready")'], { execArgv: [] }).once('message', function (this: unknown) { ok() })),
    5,
    1
  ).catch(() => NaN)
  const ready = await medianMs(async () => {
    const host = new AnalysisHost({ spawn: spawnNodeWorker() })
    await host.request('ping', {})
    host.close()
  }, 5, 1)
  return { ready, bare }
}

/**
 * What issue 16 adds to every memo analysis (quality check, memo statistic, automatic baseline
 * from the merged profile statistic), in this process, against the MFCC of the same 60 s memo.
 */
async function readingOverhead(): Promise<BenchResult> {
  const samples = syntheticSpeech(60)
  const mfcc = computeMfcc(samples, 16000)
  const energy = frameEnergyDb(samples, 16000)
  const voiced = voicedFrameMask(energy)
  const profile = mergeMemoVoiceStats(memoVoiceStats(mfcc, voiced), memoVoiceStats(mfcc, voiced))
  const added = await medianMs(() => {
    checkMemoQuality(samples, energy)
    const own = memoVoiceStats(mfcc, voiced)
    return chooseVoiceBaseline({ calibrated: null, profileStats: profile, memoStats: own, genderDefault: { mean: Array(13).fill(0), std: Array(13).fill(20) } })
  }, 15, 3)
  const mfccMs = await medianMs(() => computeMfcc(samples, 16000), 7, 2)
  return { name: '60 s memo: quality check + memo statistic + automatic baseline (issue 16)', value: added, unit: 'ms', baseline: { name: 'MFCC of the same memo', value: mfccMs }, ratio: ratio(added, mfccMs) }
}

export async function benchAudioEngine(): Promise<BenchResult[]> {
  const tmp = makeTempDir('haru-bench-')
  try {
    const packDir = await benchPackDir(tmp.dir)
    const results = await windowLatency(packDir)
    results.push(await readingOverhead())
    const memo = join(tmp.dir, 'memo-60s.wav')
    writeFileSync(memo, encodeWav16(syntheticSpeech(60), 16000))
    const host = new AnalysisHost({ spawn: spawnNodeWorker() })
    const baseline = { mean: Array(13).fill(0), std: Array(13).fill(20) }
    const full = await medianMs(() => host.request('analyze-audio', { wav: readFileSync(memo), packDir, baseline, mode: 'full' }), 7, 2)
    const seed = await medianMs(() => host.request('analyze-audio', { wav: readFileSync(memo), packDir, baseline, mode: 'seed' }), 7, 2)
    // Issue 16: the same memo for a profile that has not calibrated: the analysis process merges the
    // profile's memo statistics (here two minutes' worth) and computes the automatic baseline itself.
    const { voiceStats } = await host.request('analyze-audio', { wav: readFileSync(memo), packDir, baseline, mode: 'full' })
    const profileVoiceStats = mergeMemoVoiceStats(voiceStats, voiceStats)
    const automatic = await medianMs(() => host.request('analyze-audio', { wav: readFileSync(memo), packDir, baseline, mode: 'full', profileVoiceStats }), 7, 2)
    const { maxRssMb } = await host.request('ping', {})
    host.close()
    const { ready, bare } = await timeToReady()
    results.push(
      { name: '60 s memo end to end, full mode (read, MFCC, VAD, all windows)', value: full, unit: 'ms', baseline: { name: 'same memo, seed mode (first 100 frames)', value: seed }, ratio: ratio(full, seed), target: '≤ 150 ms' },
      { name: '60 s memo, full mode, automatic baseline from 2 min of memos (issue 16)', value: automatic, unit: 'ms', baseline: { name: 'given baseline', value: full }, ratio: ratio(automatic, full), target: '≤ 300 ms' },
      { name: 'analysis process time-to-ready (fork → handshake, via tsx)', value: ready, unit: 'ms', baseline: { name: 'bare node child fork', value: bare }, ratio: ratio(ready, bare), target: '≤ 1000 ms' },
      { name: 'analysis process peak RSS after the 60 s memo', value: maxRssMb, unit: 'MB' }
    )
    return results
  } finally {
    tmp.cleanup()
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { printResults } = await import('./print')
  printResults(await benchAudioEngine())
}
