import { resampleTo } from '../shared/audio'
import { decodeWavBytes } from './audio/read-wav'
import type { CalibrationTakeRequest, CalibrationTakeResult } from '../shared/analysis/protocol'
import { analyzeTake } from '../shared/calibration/analyze-take'
import { CALIBRATION_SAMPLE_RATE, MAX_TAKE_SEC } from '../shared/calibration/rules'

export class TakeTooLongError extends Error {
  readonly code = 'take-too-long'
  constructor(seconds: number) {
    super(`the recording is ${seconds.toFixed(0)} s long; a calibration take may be at most ${MAX_TAKE_SEC} s`)
  }
}

/**
 * Checks one calibration take and measures its voiced MFCC frames. Runs here, in the analysis
 * process, for the same reason memos do: decoding, resampling and the MFCC of a take cost tens of
 * milliseconds each and a recomputation runs them for every kept take, which must not stall the
 * main process that answers the UI; and it is then literally the voice engine's code path.
 */
export async function analyzeCalibrationTake(req: CalibrationTakeRequest): Promise<CalibrationTakeResult> {
  // Judged from the header, before decoding.
  const wav = decodeWavBytes(req.wav, { maxSeconds: MAX_TAKE_SEC, limit: '', tooLong: (seconds) => new TakeTooLongError(seconds) })
  const samples = wav.sampleRate === CALIBRATION_SAMPLE_RATE ? wav.samples : await resampleTo(wav.samples, wav.sampleRate, CALIBRATION_SAMPLE_RATE)
  return { ...analyzeTake(samples), sampleRate: wav.sampleRate, durationSec: wav.durationSec }
}
