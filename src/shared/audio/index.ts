/** The audio front end of the voice emotion engine: WAV I/O, resampling, librosa-exact MFCC, model features. */
export { AudioDecodeError, AudioProcessingError, type AudioDecodeErrorCode, type AudioProcessingErrorCode } from './errors'
export { decodeWav, encodeWav16, wav16Header, type DecodedWav } from './wav'
export { resampleTo, resampledLength, type ResampleOptions, type ResampleQuality } from './resample'
export {
  computeMfcc,
  computeMelDb,
  computeMelSpectrogram,
  powerToDb,
  melDbToMfcc,
  mfccRow,
  frameCount,
  N_FFT,
  HOP_LENGTH,
  N_MELS,
  N_MFCC,
  type MfccMatrix,
  type MelSpectrogram,
  type MelDb
} from './mfcc'
export {
  SEED_FRAMES,
  DEFAULT_VAD,
  fixFrames,
  normaliseWithBaseline,
  toModelInput,
  seedModelInput,
  frameEnergyDb,
  voicedFrameMask,
  voiceThresholdDb,
  slidingWindows,
  type Baseline,
  type FrameWindow,
  type VoiceActivityOptions
} from './features'
