/**
 * Voice memos through the real service (openHaruService on a temporary data folder, the real
 * analysis process, the shipped voice model), measuring what the issue asks for:
 *
 * (a) stop → result for a 30 s memo: `memos.finish` + `memos.analyze` after 30 one-second chunks of
 *     speech-like audio; median of warm runs, against the memo's own duration (ratio = fraction of
 *     real time), plus the first run after start (analysis process cold) against the warm median.
 * (b) memory while recording 10 minutes: 600 one-second chunks; main-process memory kept from start
 *     to end (heap + array buffers after a full GC), peak RSS while recording and RSS after
 *     `memos.finish`, against the same for 60 chunks; what is kept should be flat, not ten times
 *     larger. Also the finished WAV's size on disk.
 * (c) smoothness: `appendChunk` round-trip (dispatcher call → reply: validation, base64 decode,
 *     append, fsync) p50/p99 while a 60 s memo is analysed over and over in the analysis process,
 *     against idle, in alternating phases; plus the main event loop's delay in the same phases.
 *     Chunks go every 50 ms (20× the recorder's pace) to collect enough samples.
 *
 * Run alone with `npx tsx bench/memos.ts`.
 */
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { createHaruApi } from '../src/shared/api/client'
import { encodeWav16 } from '../src/shared/audio'
import { openHaruService } from '../src/main/api/service'
import { makeTempDir } from '../tests/helpers/temp-dir'
import { syntheticSpeech } from './signals'
import { ratio } from './stats'
import type { BenchResult } from './types'

type Api = ReturnType<typeof createHaruApi>
const RATE = 16000
const MB = 1024 * 1024

/**
 * A full GC when one can be had (`--expose-gc`, or the V8 flag set at run time; null when neither
 * works). Twice, with a turn of the event loop between: array buffer backing stores are released
 * after the collection that finds them dead.
 */
function findGc(): (() => Promise<void>) | null {
  let gc = (globalThis as { gc?: () => void }).gc
  if (!gc) {
    try {
      setFlagsFromString('--expose-gc')
      gc = runInNewContext('gc') as () => void
    } catch {
      return null
    }
  }
  const run = gc
  return async () => {
    run()
    await new Promise((r) => setImmediate(r))
    run()
  }
}

/** One-second chunks of the speech-like signal as the recorder sends them (16-bit PCM, base64). */
function speechChunks(seconds: number): string[] {
  const pcm = encodeWav16(syntheticSpeech(seconds, RATE), RATE).subarray(44)
  return Array.from({ length: seconds }, (_, s) => Buffer.from(pcm.subarray(s * RATE * 2, (s + 1) * RATE * 2)).toString('base64'))
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}
const median = (values: number[]): number => percentile([...values].sort((a, b) => a - b), 50)

async function record(api: Api, profileId: number, entryDate: string, chunks: string[], onChunk?: (seq: number) => void): Promise<string> {
  const { recordingId } = await api.memos.begin({ profileId, entryDate, sampleRate: RATE })
  for (let seq = 0; seq < chunks.length; seq++) {
    await api.memos.appendChunk({ recordingId, seq, pcm16: chunks[seq]! })
    onChunk?.(seq)
  }
  return recordingId
}

/** (a) Stop → result: finish + analyze a freshly recorded 30 s memo. The first run also starts the analysis process. */
async function stopToResult(api: Api, profileId: number): Promise<BenchResult[]> {
  const chunks = speechChunks(30)
  const times: number[] = []
  let analyzeOnly: number[] = []
  for (let run = 0; run < 6; run++) {
    const recordingId = await record(api, profileId, `2026-10-${String(run + 1).padStart(2, '0')}`, chunks)
    const t0 = performance.now()
    const memo = await api.memos.finish({ recordingId })
    const t1 = performance.now()
    const result = await api.memos.analyze({ memoId: memo.id })
    const t2 = performance.now()
    if (!result.voice) throw new Error(`the 30 s memo got no voice result: ${result.notes.join('; ')}`)
    times.push(t2 - t0)
    analyzeOnly.push(t2 - t1)
  }
  const cold = times.shift()!
  analyzeOnly = analyzeOnly.slice(1)
  const warm = median(times)
  return [
    { name: 'stop → result, 30 s memo (memos.finish + memos.analyze, warm, median of 5)', value: warm, unit: 'ms', baseline: { name: "the memo's own duration", value: 30_000 }, ratio: ratio(warm, 30_000), target: '≤ 2000 ms' },
    { name: 'of which memos.analyze (voice model, full mode, in the analysis process)', value: median(analyzeOnly), unit: 'ms', baseline: { name: 'stop → result', value: warm }, ratio: ratio(median(analyzeOnly), warm) },
    { name: 'stop → result, first memo after start (forks the analysis process, loads the model)', value: cold, unit: 'ms', baseline: { name: 'warm median', value: warm }, ratio: ratio(cold, warm), target: '≤ 2000 ms' }
  ]
}

interface MemoryRun {
  /** Live memory after a full GC (V8 heap + array buffers), end minus start: what the recording keeps. */
  retainedMb: number
  startRssMb: number
  /** Highest RSS sampled after each chunk. */
  peakRssMb: number
  /** RSS right after `memos.finish`. */
  finishRssMb: number
  wavBytes: number
}

const live = (m: NodeJS.MemoryUsage): number => m.heapUsed + m.arrayBuffers

/** (b) Records `seconds` one-second chunks, sampling RSS after each, and finishes the memo. */
async function memoryWhileRecording(api: Api, profileId: number, dataDir: string, seconds: number, gc: (() => Promise<void>) | null, entryDate: string): Promise<MemoryRun> {
  const chunk = speechChunks(1)[0]!
  const chunks = Array.from({ length: seconds }, () => chunk) // the same bytes: the signal itself is not what is measured
  await gc?.()
  const start = process.memoryUsage()
  let peakRss = start.rss
  const recordingId = await record(api, profileId, entryDate, chunks, () => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss())
  })
  await gc?.()
  const end = process.memoryUsage()
  const memo = await api.memos.finish({ recordingId })
  const finished = process.memoryUsage.rss()
  return {
    retainedMb: (live(end) - live(start)) / MB,
    startRssMb: start.rss / MB,
    peakRssMb: peakRss / MB,
    finishRssMb: finished / MB,
    wavBytes: statSync(join(dataDir, memo.filePath)).size
  }
}

const signedMb = (v: number): string => `${v >= 0 ? '+' : '−'}${Math.abs(v) < 1 ? Math.abs(v).toFixed(2) : Math.abs(v).toFixed(1)} MB`

async function memory(api: Api, profileId: number, dataDir: string): Promise<BenchResult[]> {
  const gc = findGc()
  await memoryWhileRecording(api, profileId, dataDir, 10, gc, '2026-09-01') // warm-up: JIT, statement cache
  const short = await memoryWhileRecording(api, profileId, dataDir, 60, gc, '2026-09-02')
  const long = await memoryWhileRecording(api, profileId, dataDir, 600, gc, '2026-09-03')
  const expectedWav = 600 * RATE * 2 + 44
  const after = gc ? 'after a full GC' : 'no GC available, so garbage included'
  const oneMin = (what: string) => `1 min (60 chunks)${what}`
  const above = (r: MemoryRun, v: number) => signedMb(v - r.startRssMb)
  return [
    // Tens of kB either way, so the ratio is taken against the audio itself: ≈ 1 would mean the chunks are held in memory.
    { name: `main-process memory kept by a 10 min recording (heap + buffers, end − start, ${after}; 1 min: ${signedMb(short.retainedMb)})`, value: long.retainedMb, unit: 'MB', baseline: { name: 'the PCM recorded (600 × 32,000 bytes)', value: (600 * RATE * 2) / MB }, ratio: ratio(long.retainedMb, (600 * RATE * 2) / MB), target: 'flat: ≪ the audio' },
    { name: `main-process peak RSS while recording 10 min (${above(long, long.peakRssMb)} above the start; decoded chunks wait for a GC)`, value: long.peakRssMb, unit: 'MB', baseline: { name: oneMin(` (${above(short, short.peakRssMb)})`), value: short.peakRssMb }, ratio: ratio(long.peakRssMb, short.peakRssMb), target: 'flat' },
    { name: `main-process RSS right after memos.finish of the 10 min memo (${above(long, long.finishRssMb)}; the PCM is read whole, then concatenated)`, value: long.finishRssMb, unit: 'MB', baseline: { name: oneMin(` (${above(short, short.finishRssMb)})`), value: short.finishRssMb }, ratio: ratio(long.finishRssMb, short.finishRssMb) },
    { name: 'the 10 min memo on disk (WAV)', value: long.wavBytes, unit: 'bytes', baseline: { name: '600 × 32,000 + 44-byte header', value: expectedWav }, ratio: ratio(long.wavBytes, expectedWav), target: 'exactly the PCM + header' }
  ]
}

/** Appends `count` chunks to a recording, one every `intervalMs`, adding each round-trip (ms) to `times`. */
async function appendPaced(api: Api, recordingId: string, firstSeq: number, count: number, intervalMs: number, times: number[]): Promise<void> {
  const chunk = speechChunks(1)[0]!
  for (let seq = firstSeq; seq < firstSeq + count; seq++) {
    const t0 = performance.now()
    await api.memos.appendChunk({ recordingId, seq, pcm16: chunk })
    const took = performance.now() - t0
    times.push(took)
    await new Promise((r) => setTimeout(r, Math.max(0, intervalMs - took)))
  }
}

/**
 * (c) Chunk acknowledgement while the analysis process analyses a 60 s memo back to back, against
 * idle. Idle and busy phases alternate (3 rounds of 50 chunks each) so that the machine's own load
 * and disk stalls fall on both alike. The main event loop's delay is recorded in the same phases.
 */
async function smoothness(api: Api, profileId: number): Promise<BenchResult[]> {
  const memo = await api.memos.finish({ recordingId: await record(api, profileId, '2026-08-01', speechChunks(60)) })
  await api.memos.analyze({ memoId: memo.id }) // the process and model are warm before either measurement
  const rounds = 3
  const perPhase = 50
  const interval = 50
  const idle: number[] = []
  const busy: number[] = []
  const idleLoop = monitorEventLoopDelay({ resolution: 1 })
  const busyLoop = monitorEventLoopDelay({ resolution: 1 })
  const idleRec = (await api.memos.begin({ profileId, entryDate: '2026-08-02', sampleRate: RATE })).recordingId
  const busyRec = (await api.memos.begin({ profileId, entryDate: '2026-08-03', sampleRate: RATE })).recordingId
  let analyses = 0
  for (let round = 0; round < rounds; round++) {
    idleLoop.enable()
    await appendPaced(api, idleRec, round * perPhase, perPhase, interval, idle)
    idleLoop.disable()

    let analysing = true
    const loop = (async () => {
      while (analysing) {
        await api.memos.analyze({ memoId: memo.id })
        analyses++
      }
    })()
    busyLoop.enable()
    await appendPaced(api, busyRec, round * perPhase, perPhase, interval, busy)
    busyLoop.disable()
    analysing = false
    await loop
  }
  await api.memos.discard({ recordingId: idleRec })
  await api.memos.discard({ recordingId: busyRec })
  if (analyses < 3 * rounds) throw new Error(`only ${analyses} analyses overlapped the measurement`)

  idle.sort((a, b) => a - b)
  busy.sort((a, b) => a - b)
  const [i50, i99, b50, b99] = [percentile(idle, 50), percentile(idle, 99), percentile(busy, 50), percentile(busy, 99)]
  const [li99, lb99] = [idleLoop.percentile(99) / 1e6, busyLoop.percentile(99) / 1e6]
  const during = `while a 60 s memo is analysed (${analyses} analyses back to back)`
  return [
    { name: `chunk acknowledgement p50 ${during}`, value: b50, unit: 'ms', baseline: { name: 'idle', value: i50 }, ratio: ratio(b50, i50) },
    { name: `chunk acknowledgement p99 ${during}, ${busy.length} chunks`, value: b99, unit: 'ms', baseline: { name: 'idle', value: i99 }, ratio: ratio(b99, i99), target: '≤ 50 ms' },
    { name: 'chunk acknowledgement, slowest of each', value: busy.at(-1)!, unit: 'ms', baseline: { name: 'idle', value: idle.at(-1)! }, ratio: ratio(busy.at(-1)!, idle.at(-1)!) },
    { name: 'main event-loop delay p99 in the same phases', value: lb99, unit: 'ms', baseline: { name: 'idle', value: li99 }, ratio: ratio(lb99, li99) }
  ]
}

export async function benchMemos(): Promise<BenchResult[]> {
  const tmp = makeTempDir('haru-bench-memos-')
  const service = openHaruService({ dataDir: tmp.dir, appVersion: 'bench', transport: 'web' })
  try {
    const api = createHaruApi(service.dispatch)
    const profile = await api.profiles.create({ name: '벤치' })
    // Memory first, before the analysis process and the other runs have touched the heap.
    const results = await memory(api, profile.id, tmp.dir)
    results.unshift(...(await stopToResult(api, profile.id)))
    results.push(...(await smoothness(api, profile.id)))
    return results
  } finally {
    service.close()
    tmp.cleanup()
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { printResults } = await import('./print')
  printResults(await benchMemos())
}
