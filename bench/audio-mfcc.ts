/**
 * MFCC speed: our librosa-exact MFCC vs meyda's per-frame MFCC over the same frames of 10 s of
 * 16 kHz audio, both warm, median of many runs. Run alone with `npx tsx bench/audio-mfcc.ts`.
 */
import { pathToFileURL } from 'node:url'
import Meyda from 'meyda'
import { computeMfcc, frameCount, HOP_LENGTH, N_FFT } from '../src/shared/audio/mfcc'
import { syntheticSpeech } from './signals'
import type { BenchResult } from './types'

const SAMPLE_RATE = 16000
const SECONDS = 10

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

function medianMs(runs: number, fn: () => void): number {
  const times: number[] = []
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now()
    fn()
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]!
}

export async function benchMfcc(): Promise<BenchResult[]> {
  const samples = syntheticSpeech(SECONDS, SAMPLE_RATE)
  const frames = centredFrames(samples)

  Meyda.bufferSize = N_FFT
  Meyda.sampleRate = SAMPLE_RATE
  Meyda.numberOfMFCCCoefficients = 13
  // Same 128 mel bands as librosa's default, so both sides do the same amount of work.
  Meyda.melBands = 128
  const meyda = (): void => {
    for (const frame of frames) Meyda.extract('mfcc', frame)
  }
  const ours = (): void => {
    computeMfcc(samples, SAMPLE_RATE)
  }

  for (let i = 0; i < 10; i++) ours()
  for (let i = 0; i < 3; i++) meyda()
  // Interleave the two so a noisy neighbour on the shared CPU slows both alike.
  const oursTimes: number[] = []
  const meydaTimes: number[] = []
  for (let round = 0; round < 5; round++) {
    oursTimes.push(medianMs(15, ours))
    meydaTimes.push(medianMs(3, meyda))
  }
  const median = (xs: number[]): number => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
  const oursMs = median(oursTimes)
  const meydaMs = median(meydaTimes)
  const baseline = { name: 'meyda 5.6 Meyda.extract("mfcc") per frame, 128 mels', value: meydaMs }
  return [
    {
      name: `MFCC (librosa-exact), ${frames.length} frames = 10 s of 16 kHz audio`,
      value: oursMs,
      unit: 'ms',
      baseline,
      ratio: oursMs / meydaMs,
      target: '≤ 1 ms per 10 s'
    },
    { name: 'MFCC real-time factor (audio seconds per compute second)', value: SECONDS / (oursMs / 1000), unit: '×' }
  ]
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { printResults } = await import('./print')
  printResults(await benchMfcc())
}
