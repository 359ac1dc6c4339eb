import { AudioDecodeError } from './errors'
import type { WavInfo } from './wav'

/** The rates Haru records (`memos.begin`) and analyses; a header outside them is a damaged or hostile file. */
export const MIN_AUDIO_RATE = 8000
export const MAX_AUDIO_RATE = 192_000

export interface AudioBounds {
  /** Longest audio accepted, in seconds. */
  maxSeconds: number
  /** How the limit reads in a message, e.g. "a voice memo may be at most 10 minutes". */
  limit: string
  /** The error for audio that is too long, when the caller has its own (default: AudioDecodeError 'too-long'). */
  tooLong?: (seconds: number) => Error
}

const hz = (n: number) => `${n.toLocaleString('en')} Hz`

/** Refuses, from the header alone, a rate outside 8–192 kHz or audio longer than the bounds allow. */
export function checkAudioBounds(info: WavInfo, bounds: AudioBounds): void {
  if (info.sampleRate < MIN_AUDIO_RATE || info.sampleRate > MAX_AUDIO_RATE) {
    throw new AudioDecodeError(
      'unsupported-rate',
      `the file declares a sample rate of ${hz(info.sampleRate)}; Haru reads audio recorded at ${hz(MIN_AUDIO_RATE)} to ${hz(MAX_AUDIO_RATE)}`
    )
  }
  if (info.durationSec > bounds.maxSeconds) {
    if (bounds.tooLong) throw bounds.tooLong(info.durationSec)
    throw new AudioDecodeError('too-long', `the recording is ${Math.round(info.durationSec)} s long; ${bounds.limit}`)
  }
}
