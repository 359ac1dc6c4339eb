/**
 * A deterministic 16 kHz 16-bit test signal for recording tests: sample `n` of the whole stream is
 * a 220 Hz tone plus a small hash of `n`, so every position has its own value and a lost, repeated,
 * reordered or byte-shifted chunk shows up as a mismatch at an exact sample.
 */
export const SIGNAL_RATE = 16000

export function signalSample(n: number): number {
  const tone = Math.round(12000 * Math.sin((2 * Math.PI * 220 * n) / SIGNAL_RATE))
  const hash = (Math.imul(n + 1, 2654435761) >>> 24) - 128
  return tone + hash
}

/** `count` samples of the stream from sample `start`, as integers. */
export function signalInt16(start: number, count: number): Int16Array {
  return Int16Array.from({ length: count }, (_, i) => signalSample(start + i))
}

/** Chunk `seq` (one second by default) as little-endian 16-bit PCM bytes, base64, as the recorder sends it. */
export function signalChunkBase64(seq: number, seconds = 1): string {
  const count = SIGNAL_RATE * seconds
  const pcm = signalInt16(seq * count, count)
  const bytes = Buffer.alloc(pcm.length * 2)
  for (let i = 0; i < pcm.length; i++) bytes.writeInt16LE(pcm[i]!, i * 2)
  return bytes.toString('base64')
}

/** The samples a WAV decoder returns for the stream's first `count` samples (int16 / 32768). */
export function signalFloat(count: number): Float32Array {
  return Float32Array.from(signalInt16(0, count), (v) => v / 32768)
}

/** Index of the first sample where `decoded` differs from the stream, or -1 when all of it matches. */
export function firstSignalMismatch(decoded: Float32Array): number {
  const expected = signalFloat(decoded.length)
  for (let i = 0; i < decoded.length; i++) if (decoded[i] !== expected[i]) return i
  return -1
}
