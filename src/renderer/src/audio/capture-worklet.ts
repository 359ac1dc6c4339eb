/**
 * Runs on the audio rendering thread: copies the microphone's mono input into fixed-size Float32
 * chunks and posts each one (transferring its buffer, no copy) to the main thread. Kept free of
 * imports so Vite's `?worker&url` emits it as one standalone script that `addModule` can load.
 */

// The AudioWorkletGlobalScope is not in TypeScript's DOM library; declare just what is used here.
declare class AudioWorkletProcessor {
  readonly port: MessagePort
  constructor(options?: unknown)
}
declare function registerProcessor(name: string, processor: new (options?: unknown) => AudioWorkletProcessor): void

/** 1024 samples: 64 ms at 16 kHz, a smooth meter and few messages. */
const CHUNK = 1024

class CaptureProcessor extends AudioWorkletProcessor {
  private buffer = new Float32Array(CHUNK)
  private filled = 0

  process(inputs: Float32Array[][]): boolean {
    const channel = inputs[0]?.[0]
    if (channel) {
      let offset = 0
      while (offset < channel.length) {
        const n = Math.min(CHUNK - this.filled, channel.length - offset)
        this.buffer.set(channel.subarray(offset, offset + n), this.filled)
        this.filled += n
        offset += n
        if (this.filled === CHUNK) {
          this.port.postMessage(this.buffer, [this.buffer.buffer])
          this.buffer = new Float32Array(CHUNK)
          this.filled = 0
        }
      }
    }
    // Keep running while the node exists, even through silence (an input with no frames).
    return true
  }
}

registerProcessor('haru-capture', CaptureProcessor)

// A module, so the declarations above stay out of the page's global types.
export {}
