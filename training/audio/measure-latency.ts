/**
 * Latency of the shipped pack in Node with onnxruntime-node, session options as the app's audio
 * engine (one intra-op thread, all graph optimisations): one (1, 13, 100) window, a batch of 8
 * windows, and the whole TS pipeline (decode → MFCC → normalise → model) for one EmoDB clip.
 *
 *   npx tsx training/audio/measure-latency.ts [--runs 200]
 *
 * Prints medians and 90th percentiles in milliseconds (figures for MODEL_CARD.md).
 */
import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import * as ort from 'onnxruntime-node'
import { computeMfcc, decodeWav, fixFrames, normaliseWithBaseline, toModelInput } from '../../src/shared/audio'
import { loadPack } from '../../src/main/models/packs'

const here = dirname(fileURLToPath(import.meta.url))
const repo = resolve(here, '..', '..')
const { values } = parseArgs({ options: { runs: { type: 'string', default: '200' } } })
const runs = Number(values.runs)

const pack = await loadPack(join(repo, 'resources', 'models', 'audio-default'), { verifySha256: true, checkSession: true })
if (pack.manifest.kind !== 'audio') throw new Error('not an audio pack')
const manifest = pack.manifest
const session = await ort.InferenceSession.create(pack.modelPath, { intraOpNumThreads: 1, graphOptimizationLevel: 'all' })
const clipPath = resolve(repo, '..', 'shared', 'datasets', 'emodb', 'wav', '03a01Wa.wav')
const wavBytes = readFileSync(clipPath)

function stats(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b)
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
  return `median ${at(0.5).toFixed(3)} ms, p90 ${at(0.9).toFixed(3)} ms (${times.length} runs)`
}

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 10; i++) await fn() // warm-up: first runs allocate and JIT
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    await fn()
    times.push(performance.now() - t)
  }
  return times
}

const { inputName } = manifest.input
const one = new ort.Tensor('float32', new Float32Array(13 * 100).fill(0.1), [1, 13, 100])
const eight = new ort.Tensor('float32', new Float32Array(8 * 13 * 100).fill(0.1), [8, 13, 100])
const windowTimes = await time(() => session.run({ [inputName]: one }))
const batchTimes = await time(() => session.run({ [inputName]: eight }))
const pipelineTimes = await time(async () => {
  const wav = decodeWav(wavBytes)
  const x = toModelInput(normaliseWithBaseline(fixFrames(computeMfcc(wav.samples, wav.sampleRate)), manifest.baselines.MALE))
  return session.run({ [inputName]: new ort.Tensor('float32', x, [1, 13, 100]) })
})
const clipSec = decodeWav(wavBytes).durationSec

console.log(`model ${pack.modelBytes} bytes, onnxruntime-node ${ort.env.versions.node ?? '?'}, Node ${process.version}`)
console.log(`one window (1×13×100):        ${stats(windowTimes)}`)
console.log(`batch of 8 windows:           ${stats(batchTimes)}`)
console.log(`decode+MFCC+model, ${clipSec.toFixed(2)} s clip: ${stats(pipelineTimes)}`)
await session.release()
