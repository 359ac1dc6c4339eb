/** Stable reasons a byte buffer could not be turned into samples. */
export type AudioDecodeErrorCode =
  | 'not-wav' // no RIFF/WAVE signature (another container, random bytes)
  | 'empty' // zero bytes, or a valid header with no sample frames
  | 'truncated' // the file ends inside a header or before the declared data ends
  | 'malformed' // the header is present but self-contradictory (no fmt/data chunk, 0 channels, ...)
  | 'unsupported-format' // a valid WAV in an encoding this reader does not decode (ADPCM, µ-law, RF64, ...)
  | 'unsupported-rate' // a sample rate outside what Haru records and analyses (8–192 kHz)
  | 'too-long' // longer than the operation accepts (a memo: 10 minutes), judged from the header

export class AudioDecodeError extends Error {
  override readonly name = 'AudioDecodeError'
  constructor(
    readonly code: AudioDecodeErrorCode,
    message: string
  ) {
    super(message)
  }
}

export type AudioProcessingErrorCode = 'invalid-sample-rate' | 'invalid-argument' | 'resampler-failed'

/** Bad arguments to the resampler, MFCC or feature helpers (never thrown for valid audio). */
export class AudioProcessingError extends Error {
  override readonly name = 'AudioProcessingError'
  constructor(
    readonly code: AudioProcessingErrorCode,
    message: string
  ) {
    super(message)
  }
}

export function assertSampleRate(sampleRate: number, what = 'sample rate'): void {
  if (!Number.isFinite(sampleRate) || sampleRate <= 0) {
    throw new AudioProcessingError('invalid-sample-rate', `${what} must be a positive number of Hz, got ${sampleRate}`)
  }
}
