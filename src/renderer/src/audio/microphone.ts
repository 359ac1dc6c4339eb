/**
 * Microphone capture for the renderer, reusable by anything that records (the calibration wizard,
 * voice memos): raw mono PCM through an AudioWorklet, a live level per chunk, and recordings as
 * Float32 samples or a 16-bit WAV.
 *
 * The browser's own voice processing is switched off (echo cancellation, noise suppression,
 * automatic gain): it would reshape the very spectrum the voice model measures, and differently
 * on every machine. The AudioContext is asked for 16 kHz, the voice model's rate, so the browser
 * resamples the microphone itself. A browser that insists on its own rate is used as it is: the
 * recording carries its rate, and the analysis process resamples it with the project's
 * libsamplerate resampler (which cannot run here: the page's CSP allows no WebAssembly compilation).
 */
import { encodeWav16 } from '../../../shared/audio/wav'
import { bytesToBase64 } from './base64'
import { chunkLevel, type ChunkLevel } from '../../../shared/calibration/levels'
import workletUrl from './capture-worklet?worker&url'
import { MicrophoneError, toMicrophoneError } from './microphone-error'

export { MicrophoneError, type MicrophoneErrorCode } from './microphone-error'

export const PREFERRED_SAMPLE_RATE = 16_000

export interface Recording {
  samples: Float32Array
  sampleRate: number
  durationSec: number
}

export interface MicrophoneOptions {
  /** Asked of the AudioContext; 16 kHz unless a caller needs otherwise. */
  sampleRate?: number
  /** A specific input device (from `enumerateDevices`). */
  deviceId?: string
}

type Listener<T> = (value: T) => void

export class MicrophoneCapture {
  private readonly levelListeners = new Set<Listener<ChunkLevel>>()
  private readonly chunkListeners = new Set<Listener<Float32Array>>()
  private recorded: Float32Array[] | null = null
  private closed = false

  private constructor(
    private readonly stream: MediaStream,
    private readonly context: AudioContext,
    private readonly nodes: AudioNode[],
    /** The rate of every chunk and recording (16 kHz unless the browser refused it). */
    readonly sampleRate: number
  ) {}

  /** Asks for the microphone and starts listening. Throws a MicrophoneError with a stable code. */
  static async open(options: MicrophoneOptions = {}): Promise<MicrophoneCapture> {
    if (!navigator.mediaDevices?.getUserMedia || typeof AudioWorkletNode === 'undefined') {
      throw new MicrophoneError('unsupported', 'this browser cannot record audio (no getUserMedia or AudioWorklet)')
    }
    let stream: MediaStream
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: {
          channelCount: 1,
          echoCancellation: false,
          noiseSuppression: false,
          autoGainControl: false,
          ...(options.deviceId ? { deviceId: { exact: options.deviceId } } : {})
        }
      })
    } catch (err) {
      throw toMicrophoneError(err)
    }
    const stopTracks = () => stream.getTracks().forEach((t) => t.stop())
    let context: AudioContext
    try {
      context = new AudioContext({ sampleRate: options.sampleRate ?? PREFERRED_SAMPLE_RATE, latencyHint: 'interactive' })
    } catch {
      // A browser that cannot run a context at 16 kHz: its own rate, resampled later.
      context = new AudioContext({ latencyHint: 'interactive' })
    }
    try {
      await context.audioWorklet.addModule(workletUrl)
      const source = context.createMediaStreamSource(stream)
      const worklet = new AudioWorkletNode(context, 'haru-capture', { numberOfInputs: 1, numberOfOutputs: 1, channelCount: 1, channelCountMode: 'explicit' })
      // A muted path to the output keeps the graph pulled (and the worklet running) in every browser.
      const mute = context.createGain()
      mute.gain.value = 0
      source.connect(worklet).connect(mute).connect(context.destination)
      if (context.state === 'suspended') await context.resume()
      const capture = new MicrophoneCapture(stream, context, [source, worklet, mute], context.sampleRate)
      worklet.port.onmessage = (event: MessageEvent<Float32Array>) => capture.receive(event.data)
      return capture
    } catch (err) {
      stopTracks()
      await context.close().catch(() => {})
      throw err instanceof MicrophoneError ? err : new MicrophoneError('failed', `could not start audio processing: ${(err as Error).message}`)
    }
  }

  private receive(chunk: Float32Array): void {
    if (this.closed) return
    this.recorded?.push(chunk)
    const level = chunkLevel(chunk)
    for (const l of this.levelListeners) l(level)
    for (const l of this.chunkListeners) l(chunk)
  }

  /** Called for every chunk (about every 64 ms) with its level; returns an unsubscribe function. */
  onLevel(listener: Listener<ChunkLevel>): () => void {
    this.levelListeners.add(listener)
    return () => this.levelListeners.delete(listener)
  }

  /** Raw chunks at `sampleRate`, for streaming consumers. */
  onChunk(listener: Listener<Float32Array>): () => void {
    this.chunkListeners.add(listener)
    return () => this.chunkListeners.delete(listener)
  }

  get isRecording(): boolean {
    return this.recorded !== null
  }

  /** Seconds recorded so far in the current recording (0 when not recording). */
  get recordedSec(): number {
    return (this.recorded?.reduce((n, c) => n + c.length, 0) ?? 0) / this.sampleRate
  }

  startRecording(): void {
    if (this.closed) throw new MicrophoneError('failed', 'the microphone is closed')
    this.recorded = []
  }

  /** Ends the current recording and returns it (empty if none was running). */
  stopRecording(): Recording {
    const chunks = this.recorded ?? []
    this.recorded = null
    const samples = new Float32Array(chunks.reduce((n, c) => n + c.length, 0))
    let offset = 0
    for (const c of chunks) {
      samples.set(c, offset)
      offset += c.length
    }
    return { samples, sampleRate: this.sampleRate, durationSec: samples.length / this.sampleRate }
  }

  /** Releases the microphone (the browser's recording indicator goes off). Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.recorded = null
    this.levelListeners.clear()
    this.chunkListeners.clear()
    for (const node of this.nodes) node.disconnect()
    this.stream.getTracks().forEach((t) => t.stop())
    await this.context.close().catch(() => {})
  }
}

/** A recording as the API takes it: base64 of a mono 16-bit WAV. */
export function recordingToWavBase64(recording: Recording): string {
  return bytesToBase64(encodeWav16(recording.samples, recording.sampleRate))
}
