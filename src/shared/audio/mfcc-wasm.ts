/**
 * Loads the WebAssembly SIMD kernel of the MFCC frame pipeline (wasm/mfcc-kernel.c) synchronously
 * and feeds it: computeMfcc stays a plain synchronous function for every caller (the analysis
 * process, calibration, training scripts, tests). Where WebAssembly or its SIMD is unavailable
 * (an old runtime, a page whose CSP refuses compilation) `loadMfccKernel` returns null and mfcc.ts
 * uses the JavaScript path.
 */
import { HOP_LENGTH, N_FFT, N_MELS, melFilterbank, periodicHann } from './mel-filterbank'
import { orthoDct } from './mfcc-js'
import { MFCC_KERNEL_WASM_BASE64 } from './wasm/mfcc-kernel.wasm'

const HALF = N_FFT / 2
const N_MFCC = 13
/** Frames per kernel call: bounds the module's memory (≈ 0.7 MB) whatever the clip's length. */
const CHUNK_FRAMES = 256
const CHUNK_SAMPLES = (CHUNK_FRAMES - 1) * HOP_LENGTH + N_FFT
const PAGE = 65536

interface KernelExports {
  memory: WebAssembly.Memory
  __heap_base: WebAssembly.Global
  window_ptr(): number
  split_cos_ptr(): number
  split_sin_ptr(): number
  twiddles_ptr(): number
  mel_start_ptr(): number
  mel_count_ptr(): number
  mel_offset_ptr(): number
  mel_weights_ptr(): number
  mel_weights_capacity(): number
  dct_ptr(): number
  mel_frames(inPtr: number, frames: number, outPtr: number): void
  db_frames(inPtr: number, frames: number, outPtr: number): number
  dct_frames(dbPtr: number, frames: number, floorDb: number, outPtr: number): void
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

/** e^{-2πi·jp/n} for j = 1, 2, 3 per radix-4 stage (n = 1024, 256, 64, 16, 4), p < n/4. */
function stageTwiddles(): Float64Array {
  const rows: number[] = []
  for (let n = HALF; n >= 4; n >>= 2) {
    for (let p = 0; p < n / 4; p++) {
      for (let j = 1; j <= 3; j++) rows.push(Math.cos((2 * Math.PI * j * p) / n), -Math.sin((2 * Math.PI * j * p) / n))
    }
  }
  return Float64Array.from(rows)
}

/** What a worker thread needs to run the same kernel: the compiled module and its initialised memory. */
export interface MfccKernelImage {
  module: WebAssembly.Module
  /** Bytes [0, heap base) of an initialised instance's memory: every table, for one sample rate. */
  memory: ArrayBuffer
  chunkFrames: number
}

export class MfccKernel {
  private readonly module: WebAssembly.Module
  private readonly k: KernelExports
  private readonly inPtr: number
  private readonly outPtr: number
  private rate = 0

  private constructor(module: WebAssembly.Module, exports: KernelExports) {
    this.module = module
    this.k = exports
    const base = Number(exports.__heap_base.value)
    this.inPtr = (base + 15) & ~15
    this.outPtr = this.inPtr + CHUNK_SAMPLES * 4
    const end = this.outPtr + CHUNK_FRAMES * N_MELS * 4
    const grow = Math.ceil((end - exports.memory.buffer.byteLength) / PAGE)
    if (grow > 0) exports.memory.grow(grow)
    this.f64(exports.window_ptr(), N_FFT).set(periodicHann(N_FFT))
    const cos = this.f64(exports.split_cos_ptr(), HALF)
    const sin = this.f64(exports.split_sin_ptr(), HALF)
    for (let k = 0; k < HALF; k++) {
      cos[k] = Math.cos((2 * Math.PI * k) / N_FFT)
      sin[k] = Math.sin((2 * Math.PI * k) / N_FFT)
    }
    const tw = stageTwiddles()
    this.f64(exports.twiddles_ptr(), tw.length).set(tw)
    this.f64(exports.dct_ptr(), N_MFCC * N_MELS).set(orthoDct())
  }

  /** The kernel, or null where this runtime cannot compile WebAssembly SIMD. */
  static load(): MfccKernel | null {
    if (typeof WebAssembly !== 'object') return null
    try {
      const module = new WebAssembly.Module(decodeBase64(MFCC_KERNEL_WASM_BASE64))
      return new MfccKernel(module, new WebAssembly.Instance(module, {}).exports as unknown as KernelExports)
    } catch {
      return null
    }
  }

  /** This kernel's module and tables for `sampleRate`, for another thread (see mfcc-thread.ts). */
  image(sampleRate: number): MfccKernelImage {
    this.useRate(sampleRate)
    return { module: this.module, memory: this.k.memory.buffer.slice(0, this.inPtr), chunkFrames: CHUNK_FRAMES }
  }

  private f64(ptr: number, length: number): Float64Array {
    return new Float64Array(this.k.memory.buffer, ptr, length)
  }

  private useRate(sampleRate: number): void {
    if (this.rate === sampleRate) return
    const fb = melFilterbank(sampleRate)
    if (fb.weights.length > this.k.mel_weights_capacity()) throw new Error(`mel filterbank of ${fb.weights.length} weights exceeds the kernel's table`)
    const mem = this.k.memory.buffer
    new Int32Array(mem, this.k.mel_start_ptr(), N_MELS).set(fb.start)
    new Int32Array(mem, this.k.mel_count_ptr(), N_MELS).set(fb.count)
    new Int32Array(mem, this.k.mel_offset_ptr(), N_MELS).set(fb.offset)
    this.f64(this.k.mel_weights_ptr(), fb.weights.length).set(fb.weights)
    this.rate = sampleRate
  }

  /** Copies the (zero-padded) samples of frames [first, first + count), count ≤ 256, into the kernel. */
  private loadChunk(samples: Float32Array, first: number, count: number): void {
    const input = new Float32Array(this.k.memory.buffer, this.inPtr, CHUNK_SAMPLES)
    // Frame t is centred on sample 512·t: with librosa's zero padding it starts at 512·t − 1024.
    const begin = first * HOP_LENGTH - HALF
    const length = (count - 1) * HOP_LENGTH + N_FFT
    const lo = Math.max(0, begin)
    const hi = Math.min(samples.length, begin + length)
    input.fill(0, 0, length)
    if (hi > lo) input.set(samples.subarray(lo, hi), lo - begin)
  }

  /** Runs `step` over frames [first, first + frames) chunk by chunk, appending its 128-band rows to one matrix. */
  private perChunk(samples: Float32Array, sampleRate: number, frames: number, first: number, step: (count: number) => void): Float32Array {
    this.useRate(sampleRate)
    const data = new Float32Array(frames * N_MELS)
    for (let t = 0; t < frames; t += CHUNK_FRAMES) {
      const count = Math.min(CHUNK_FRAMES, frames - t)
      this.loadChunk(samples, first + t, count)
      step(count)
      data.set(new Float32Array(this.k.memory.buffer, this.outPtr, count * N_MELS), t * N_MELS)
    }
    return data
  }

  /** Mel power (float32, frame-major, 128 bands) of frames [first, first + frames); input already validated. */
  melSpectrogram(samples: Float32Array, sampleRate: number, frames: number, first = 0): Float32Array {
    return this.perChunk(samples, sampleRate, frames, first, (count) => this.k.mel_frames(this.inPtr, count, this.outPtr))
  }

  /** Unclamped mel dB (`10·log10(max(S, 1e-10))`, float32) of the same frames, and its largest value. */
  melDb(samples: Float32Array, sampleRate: number, frames: number, first = 0): { data: Float32Array; maxDb: number } {
    let maxDb = -Infinity
    const data = this.perChunk(samples, sampleRate, frames, first, (count) => {
      maxDb = Math.max(maxDb, this.k.db_frames(this.inPtr, count, this.outPtr))
    })
    return { data, maxDb }
  }

  /** 13 DCT-II (ortho) coefficients of each 128-band log-mel row, every value first raised to `floorDb`. */
  dct(db: Float32Array, frames: number, floorDb = -Infinity): Float32Array {
    const out = new Float32Array(frames * N_MFCC)
    const mem = this.k.memory.buffer
    for (let t = 0; t < frames; t += CHUNK_FRAMES) {
      const count = Math.min(CHUNK_FRAMES, frames - t)
      new Float32Array(mem, this.inPtr, count * N_MELS).set(db.subarray(t * N_MELS, (t + count) * N_MELS))
      this.k.dct_frames(this.inPtr, count, floorDb, this.outPtr)
      out.set(new Float32Array(mem, this.outPtr, count * N_MFCC), t * N_MFCC)
    }
    return out
  }
}
