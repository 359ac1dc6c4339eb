/**
 * MFCC speed on 10 s and 60 s of 16 kHz speech-like audio, all in one run: the WebAssembly SIMD
 * kernel (one thread, and long clips split across two as the analysis process does), today's
 * JavaScript pipeline (fft.js, the fallback) as the same-run baseline, librosa (or, without it,
 * librosa's numpy/scipy calls) side by side, and meyda per frame as before.
 * Run alone with `npx tsx bench/audio-mfcc.ts`.
 */
import { pathToFileURL } from 'node:url'
import Meyda from 'meyda'
import { computeMfcc, frameCount, HOP_LENGTH, N_FFT } from '../src/shared/audio/mfcc'
import { computeMfccThreaded, stopMfccHelper } from '../src/analysis/audio/mfcc-thread'
import { findPython, timeLibrosa, type LibrosaTiming } from './mfcc-librosa'
import { syntheticSpeech } from './signals'
import { ratio } from './stats'
import type { BenchResult } from './types'

const SAMPLE_RATE = 16000

/** The same centred, zero-padded 2048-sample frames our STFT uses. */
function centredFrames(samples: Float32Array): Float32Array[] {
  return Array.from({ length: frameCount(samples.length) }, (_, t) => {
    const frame = new Float32Array(N_FFT)
    const begin = t * HOP_LENGTH - N_FFT / 2
    for (let i = 0; i < N_FFT; i++) {
      const j = begin + i
      if (j >= 0 && j < samples.length) frame[i] = samples[j]!
    }
    return frame
  })
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

async function timeRuns(fn: () => unknown, runs: number): Promise<number[]> {
  const times: number[] = []
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now()
    await fn()
    times.push(performance.now() - t0)
  }
  return times
}

interface Variant {
  name: string
  run: (x: Float32Array) => unknown
}

const VARIANTS: Variant[] = [
  { name: 'wasm', run: (x) => computeMfcc(x, SAMPLE_RATE, { backend: 'wasm' }) },
  { name: 'threads', run: (x) => computeMfccThreaded(x, SAMPLE_RATE, { minFrames: 0 }) },
  { name: 'js', run: (x) => computeMfcc(x, SAMPLE_RATE, { backend: 'js' }) }
]

/** Medians per variant and clip, the variants interleaved round by round so load hits all alike. */
async function timeOurs(clips: Float32Array[], rounds: number): Promise<Map<string, number[][]>> {
  const times = new Map(VARIANTS.map((v) => [v.name, clips.map(() => [] as number[])]))
  for (let round = 0; round < rounds; round++) {
    for (const v of VARIANTS) {
      for (const [i, x] of clips.entries()) times.get(v.name)![i]!.push(...(await timeRuns(() => v.run(x), v.name === 'js' ? 3 : 7)))
    }
  }
  return times
}

function librosaSide(clips: Float32Array[]): { timing: LibrosaTiming | null; note: string } {
  const found = findPython()
  if ('reason' in found) return { timing: null, note: `[skip] librosa side by side: ${found.reason}` }
  const timing = timeLibrosa(found.python, clips, 15)
  const what =
    timing.impl === 'librosa'
      ? `librosa ${timing.version}`
      : `librosa's numpy/scipy calls (${timing.version}; librosa itself is not installed: Debian 12 has no python3-librosa and PyPI is unreachable here)`
  return { timing, note: `librosa side: ${what}, ${timing.python}, OpenBLAS on one thread` }
}

export async function benchMfcc(): Promise<BenchResult[]> {
  const clips = [syntheticSpeech(10, SAMPLE_RATE), syntheticSpeech(60, SAMPLE_RATE)]
  const labels = clips.map((x) => `${x.length / SAMPLE_RATE} s (${frameCount(x.length)} frames)`)
  // Warm every path (JIT, WebAssembly tier-up, the helper thread) before timing.
  for (const v of VARIANTS) for (let i = 0; i < 5; i++) for (const x of clips) await v.run(x)

  const first = await timeOurs(clips, 3)
  const { timing: librosa, note } = librosaSide(clips)
  const second = await timeOurs(clips, 3)
  await stopMfccHelper()
  const ours = (name: string, clip: number): number => median([...first.get(name)![clip]!, ...second.get(name)![clip]!])
  console.log(note)

  const results: BenchResult[] = []
  clips.forEach((x, i) => {
    const wasm = ours('wasm', i)
    const js = ours('js', i)
    const threads = ours('threads', i)
    results.push({ name: `MFCC ${labels[i]}, WebAssembly SIMD, one thread`, value: wasm, unit: 'ms', baseline: { name: "today's JavaScript MFCC (fft.js)", value: js }, ratio: ratio(wasm, js), target: 'faster' })
    if (librosa) {
      const ref = librosa.medianMs[i]!
      const drift = Math.max(...librosa.firstFrame[i]!.map((v, k) => Math.abs(v - (computeMfcc(x, SAMPLE_RATE).data[k] ?? NaN))))
      results.push(
        { name: `MFCC ${labels[i]}, one thread, vs librosa (first frame |Δ| ${drift.toExponential(1)})`, value: wasm, unit: 'ms', baseline: { name: librosa.impl, value: ref }, ratio: ratio(wasm, ref), target: 'ratio ≤ 1.0, aim ≤ 0.5' },
        { name: `MFCC ${labels[i]}, split across two threads${i === 0 ? ' (forced; the app splits from 600 frames)' : ''}, vs librosa`, value: threads, unit: 'ms', baseline: { name: librosa.impl, value: ref }, ratio: ratio(threads, ref), target: 'ratio ≤ 1.0, aim ≤ 0.5' }
      )
    } else {
      results.push({ name: `MFCC ${labels[i]}, split across two threads`, value: threads, unit: 'ms', baseline: { name: 'one thread', value: wasm }, ratio: ratio(threads, wasm) })
    }
  })

  // meyda per frame, the baseline this benchmark has printed since the first round.
  const frames = centredFrames(clips[0]!)
  Meyda.bufferSize = N_FFT
  Meyda.sampleRate = SAMPLE_RATE
  Meyda.numberOfMFCCCoefficients = 13
  Meyda.melBands = 128 // librosa's default, so both sides do the same amount of work
  const meyda = median(await timeRuns(() => frames.forEach((f) => Meyda.extract('mfcc', f)), 5))
  const wasm10 = ours('wasm', 0)
  results.push(
    { name: `MFCC ${labels[0]} vs meyda 5.6 per frame (128 mels)`, value: wasm10, unit: 'ms', baseline: { name: 'meyda', value: meyda }, ratio: ratio(wasm10, meyda), target: '≤ 1 ms per 10 s' },
    { name: 'MFCC real-time factor, one thread (audio seconds per compute second)', value: 10 / (wasm10 / 1000), unit: '×' }
  )
  return results
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { printResults } = await import('./print')
  printResults(await benchMfcc())
}
