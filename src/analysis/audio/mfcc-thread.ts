/**
 * Long clips' MFCC on two threads: the analysis process computes the first half of the frames
 * while one helper worker thread computes the second half with the same WebAssembly kernel; the
 * halves join with the whole clip's peak for librosa's 80 dB floor, so the result is exactly
 * `computeMfcc`'s (tests/unit/analysis/mfcc-thread.test.ts). Short clips stay on one thread, where
 * handing work over would cost more than it saves.
 *
 * The helper is started by the first long clip and stopped after a minute without one, so an idle
 * diary does not keep a second V8 isolate in memory. Its code is a small self-contained script
 * (no imports) that receives the compiled module and the kernel's initialised memory: the same
 * source runs under tsx, Vitest and the bundled Electron utility process without a build entry.
 */
import { Worker } from 'node:worker_threads'
import {
  HOP_LENGTH,
  N_FFT,
  N_MELS,
  computeMfcc,
  computeUnclampedMelDb,
  frameCount,
  mfccFromUnclampedMelDb,
  mfccKernelImage,
  type MfccMatrix
} from '../../shared/audio/mfcc'

/** ≈ 19 s at 16 kHz: below this the hand-over (≈ 1 ms) is a large share of the work. */
export const PARALLEL_MIN_FRAMES = 600
const IDLE_STOP_MS = 60_000

const HELPER_SOURCE = `
const { parentPort } = require('node:worker_threads')
let instance = null
parentPort.on('message', ({ image, padded, frames }) => {
  // One kernel binary for the life of the process: instantiate once, reload its tables per job.
  instance ??= new WebAssembly.Instance(image.module, {}).exports
  const k = instance
  const inPtr = (Number(k.__heap_base.value) + 15) & ~15
  const chunkSamples = (image.chunkFrames - 1) * ${HOP_LENGTH} + ${N_FFT}
  const outPtr = inPtr + chunkSamples * 4
  const need = outPtr + image.chunkFrames * ${N_MELS} * 4
  if (k.memory.buffer.byteLength < need) k.memory.grow(Math.ceil((need - k.memory.buffer.byteLength) / 65536))
  new Uint8Array(k.memory.buffer, 0, image.memory.byteLength).set(new Uint8Array(image.memory))
  const data = new Float32Array(frames * ${N_MELS})
  let maxDb = -Infinity
  for (let t = 0; t < frames; t += image.chunkFrames) {
    const count = Math.min(image.chunkFrames, frames - t)
    const start = t * ${HOP_LENGTH}
    new Float32Array(k.memory.buffer, inPtr, chunkSamples).set(padded.subarray(start, start + (count - 1) * ${HOP_LENGTH} + ${N_FFT}))
    maxDb = Math.max(maxDb, k.db_frames(inPtr, count, outPtr))
    data.set(new Float32Array(k.memory.buffer, outPtr, count * ${N_MELS}), t * ${N_MELS})
  }
  parentPort.postMessage({ data, maxDb }, [data.buffer])
})
`

interface HelperReply {
  data: Float32Array
  maxDb: number
}

let helper: Worker | null = null
let idleTimer: ReturnType<typeof setTimeout> | null = null
let jobs = 0

function startHelper(): Worker {
  const worker = new Worker(HELPER_SOURCE, { eval: true })
  // The analysis process must be free to exit while the helper idles.
  worker.unref()
  worker.on('error', () => undefined)
  worker.on('exit', () => {
    if (helper === worker) helper = null
  })
  return worker
}

function scheduleStop(): void {
  if (idleTimer) clearTimeout(idleTimer)
  idleTimer = setTimeout(() => {
    idleTimer = null
    if (jobs === 0) void stopMfccHelper()
  }, IDLE_STOP_MS)
  idleTimer.unref()
}

/** Stops the helper thread now (it starts again with the next long clip). */
export async function stopMfccHelper(): Promise<void> {
  const worker = helper
  helper = null
  if (worker) await worker.terminate()
}

/** Whether the helper thread is running (for tests and the benchmark). */
export function mfccHelperRunning(): boolean {
  return helper !== null
}

/** Samples of frames [first, first + frames) with librosa's centred zero padding: frame i at 512·i. */
function paddedFrames(samples: Float32Array, first: number, frames: number): Float32Array {
  const begin = first * HOP_LENGTH - N_FFT / 2
  const out = new Float32Array((frames - 1) * HOP_LENGTH + N_FFT)
  const lo = Math.max(0, begin)
  const hi = Math.min(samples.length, begin + out.length)
  if (hi > lo) out.set(samples.subarray(lo, hi), lo - begin)
  return out
}

function runOnHelper(worker: Worker, message: unknown, transfer: ArrayBuffer[]): Promise<HelperReply> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: HelperReply): void => {
      worker.off('error', onError)
      resolve(reply)
    }
    const onError = (err: Error): void => {
      worker.off('message', onMessage)
      reject(err)
    }
    worker.once('message', onMessage)
    worker.once('error', onError)
    worker.postMessage(message, transfer)
  })
}

export interface ThreadedMfccOptions {
  /** Split from this many frames up (default PARALLEL_MIN_FRAMES); 0 forces the split. */
  minFrames?: number
}

/** `computeMfcc(samples, sampleRate)`, with long clips split across this thread and one helper. */
export async function computeMfccThreaded(samples: Float32Array, sampleRate: number, options: ThreadedMfccOptions = {}): Promise<MfccMatrix> {
  const frames = frameCount(samples.length)
  const image = frames >= Math.max(2, options.minFrames ?? PARALLEL_MIN_FRAMES) ? mfccKernelImage(sampleRate) : null
  // Validation (empty, non-finite, bad rate) happens in computeMfcc / computeUnclampedMelDb.
  if (!image) return computeMfcc(samples, sampleRate)
  const split = Math.ceil(frames / 2)
  const padded = paddedFrames(samples, split, frames - split)
  jobs++
  try {
    const worker = (helper ??= startHelper())
    const second = runOnHelper(worker, { image, padded, frames: frames - split }, [padded.buffer as ArrayBuffer])
    let first: ReturnType<typeof computeUnclampedMelDb>
    try {
      first = computeUnclampedMelDb(samples, sampleRate, { firstFrame: 0, frameCount: split })
    } catch (err) {
      second.catch(() => undefined)
      throw err
    }
    const rest = await second
    const data = new Float32Array(frames * N_MELS)
    data.set(first.data)
    data.set(rest.data, split * N_MELS)
    return mfccFromUnclampedMelDb(frames, data, Math.max(first.maxDb, rest.maxDb))
  } finally {
    jobs--
    scheduleStop()
  }
}
