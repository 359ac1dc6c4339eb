/**
 * Long clips' MFCC on two threads: the analysis process computes the first half of the frames
 * while one helper worker thread computes the second half with the same WebAssembly kernel; the
 * halves join with the whole clip's peak for librosa's 80 dB floor, so the result is exactly
 * `computeMfcc`'s (tests/unit/analysis/mfcc-thread.test.ts). Short clips stay on one thread, where
 * handing work over would cost more than it saves.
 *
 * The helper is started by the first long clip (which itself runs on one thread, as starting a
 * thread costs more than it saves once) and stopped after a minute without one, so an idle
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

/*
 * The helper's whole program. Samples come in and mel dB rows go out through two SharedArrayBuffers
 * that live as long as the helper, and the kernel's tables only when the sample rate changes: a
 * job allocates nothing, so the helper's garbage does not pile up between its collections (it
 * did, by ≈ 35 MB over 18 memos, when every job sent and returned fresh buffers).
 */
const HELPER_SOURCE = `
const { parentPort } = require('node:worker_threads')
let k = null
let inPtr = 0
let outPtr = 0
let chunkFrames = 0
parentPort.on('message', ({ image, input, output, frames }) => {
  if (image) {
    // One kernel binary for the life of the process: instantiate once, reload its tables per rate.
    k ??= new WebAssembly.Instance(image.module, {}).exports
    chunkFrames = image.chunkFrames
    inPtr = (Number(k.__heap_base.value) + 15) & ~15
    outPtr = inPtr + ((chunkFrames - 1) * ${HOP_LENGTH} + ${N_FFT}) * 4
    const need = outPtr + chunkFrames * ${N_MELS} * 4
    if (k.memory.buffer.byteLength < need) k.memory.grow(Math.ceil((need - k.memory.buffer.byteLength) / 65536))
    new Uint8Array(k.memory.buffer, 0, image.memory.byteLength).set(new Uint8Array(image.memory))
  }
  const padded = new Float32Array(input)
  const rows = new Float32Array(output)
  let maxDb = -Infinity
  for (let t = 0; t < frames; t += chunkFrames) {
    const count = Math.min(chunkFrames, frames - t)
    const start = t * ${HOP_LENGTH}
    const length = (count - 1) * ${HOP_LENGTH} + ${N_FFT}
    new Float32Array(k.memory.buffer, inPtr, length).set(padded.subarray(start, start + length))
    maxDb = Math.max(maxDb, k.db_frames(inPtr, count, outPtr))
    rows.set(new Float32Array(k.memory.buffer, outPtr, count * ${N_MELS}), t * ${N_MELS})
  }
  parentPort.postMessage({ maxDb })
})
`

interface HelperReply {
  maxDb: number
}

let helper: Worker | null = null
/** The rate whose tables the helper holds (null: it has none yet). */
let helperRate: number | null = null
/** Input samples and output rows shared with the helper, grown to the longest clip so far. */
let shared: { input: SharedArrayBuffer; output: SharedArrayBuffer } | null = null
let idleTimer: ReturnType<typeof setTimeout> | null = null
let jobs = 0
let splitJobs = 0

function startHelper(): Worker {
  const worker = new Worker(HELPER_SOURCE, { eval: true })
  // The analysis process must be free to exit while the helper idles.
  worker.unref()
  worker.on('error', () => undefined)
  worker.on('exit', () => {
    if (helper === worker) {
      helper = null
      helperRate = null
      shared = null
    }
  })
  helperRate = null
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
  helperRate = null
  shared = null
  if (worker) await worker.terminate()
}

/** How many clips were split across the two threads so far (for tests). */
export function mfccSplitCount(): number {
  return splitJobs
}

/** Whether the helper thread is running (for tests and the benchmark). */
export function mfccHelperRunning(): boolean {
  return helper !== null
}

/** Writes the samples of frames [first, first + frames), zero-padded as librosa centres them (frame i at 512·i). */
function writePaddedFrames(samples: Float32Array, first: number, frames: number, out: Float32Array): void {
  const begin = first * HOP_LENGTH - N_FFT / 2
  const length = (frames - 1) * HOP_LENGTH + N_FFT
  const lo = Math.max(0, begin)
  const hi = Math.min(samples.length, begin + length)
  out.fill(0, 0, length)
  if (hi > lo) out.set(samples.subarray(lo, hi), lo - begin)
}

function sharedBuffers(samples: number, rows: number): { input: SharedArrayBuffer; output: SharedArrayBuffer } {
  if (!shared || shared.input.byteLength < samples * 4 || shared.output.byteLength < rows * 4) {
    shared = { input: new SharedArrayBuffer(samples * 4), output: new SharedArrayBuffer(rows * 4) }
  }
  return shared
}

function runOnHelper(worker: Worker, message: unknown): Promise<HelperReply> {
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
    worker.postMessage(message)
  })
}

export interface ThreadedMfccOptions {
  /** Split from this many frames up (default PARALLEL_MIN_FRAMES); 0 forces the split. */
  minFrames?: number
}

/** `computeMfcc(samples, sampleRate)`, with long clips split across this thread and one helper. */
export async function computeMfccThreaded(samples: Float32Array, sampleRate: number, options: ThreadedMfccOptions = {}): Promise<MfccMatrix> {
  const frames = frameCount(samples.length)
  // One job at a time on the helper (its buffers are shared); a clip arriving meanwhile is not
  // worth queueing behind it and runs here alone.
  const image = jobs === 0 && frames >= Math.max(2, options.minFrames ?? PARALLEL_MIN_FRAMES) ? mfccKernelImage(sampleRate) : null
  // Validation (empty, non-finite, bad rate) happens in computeMfcc / computeUnclampedMelDb.
  if (!image) return computeMfcc(samples, sampleRate)
  if (!helper) {
    // Starting a thread costs more than half a clip's MFCC saves: the first long clip runs here
    // while the helper starts, and the ones after it are split.
    helper = startHelper()
    scheduleStop()
    return computeMfcc(samples, sampleRate)
  }
  const split = Math.ceil(frames / 2)
  const rest = frames - split
  jobs++
  try {
    const worker = helper
    const buffers = sharedBuffers((rest - 1) * HOP_LENGTH + N_FFT, rest * N_MELS)
    writePaddedFrames(samples, split, rest, new Float32Array(buffers.input))
    const second = runOnHelper(worker, { image: helperRate === sampleRate ? undefined : image, ...buffers, frames: rest })
    helperRate = sampleRate
    let first: ReturnType<typeof computeUnclampedMelDb>
    try {
      first = computeUnclampedMelDb(samples, sampleRate, { firstFrame: 0, frameCount: split })
    } catch (err) {
      // The helper is still reading the shared buffers: they are free only once it answers.
      await second.catch(() => undefined)
      throw err
    }
    const { maxDb } = await second
    splitJobs++
    const data = new Float32Array(frames * N_MELS)
    data.set(first.data)
    data.set(new Float32Array(buffers.output, 0, rest * N_MELS), split * N_MELS)
    return mfccFromUnclampedMelDb(frames, data, Math.max(first.maxDb, maxDb))
  } catch (err) {
    // A helper that failed mid-job may hold stale tables: start afresh next time.
    helperRate = null
    throw err
  } finally {
    jobs--
    scheduleStop()
  }
}
