import type { CanonicalDistribution } from '../emotions'
import type { BaselineVectors } from '../models/manifest'
import type { TakeAnalysis } from '../calibration/analyze-take'

/**
 * Messages between the main process and the analysis process. Every request carries a sequence
 * number and its reply echoes it; the process announces itself with one `ready` message first.
 * Audio travels as bytes (a WAV file's contents, structured-cloned by the IPC channel), never as a
 * path: in an encrypted diary only main can read the files, and the analysis process never holds
 * a key, a path into the data folder, or a file handle.
 */

export type AudioMode = 'seed' | 'full'

export interface AudioAnalysisRequest {
  /** A WAV file's bytes (any PCM/float WAV; resampled to the model's 16 kHz when needed). */
  wav: Uint8Array
  /** Folder of an audio model pack. */
  packDir: string
  baseline: BaselineVectors
  mode: AudioMode
}

export interface AudioAnalysisResult {
  modelId: string
  labels: string[]
  logits: number[]
  probs: number[]
  canonical: CanonicalDistribution
  mode: AudioMode
  /** Windows that went into the result (always 1 in seed mode). */
  windowsUsed: number
  windowsTotal: number
  durationSec: number
  sampleRate: number
}

export interface TextAnalysisRequest {
  text: string
  packDir: string
}

export interface TextSentenceResult {
  text: string
  /** Character offsets into the analysed text, for highlighting. */
  start: number
  end: number
  label: string
  probs: number[]
  canonical: CanonicalDistribution
}

export interface TextAnalysisResult {
  modelId: string
  labels: string[]
  sentences: TextSentenceResult[]
  /** The seed's statistic: percentage of sentences per model label. */
  percentages: Record<string, number>
  meanProbs: number[]
  /** The entry's emotion mix (length-weighted, neutral sentences left out; see entry-mix.ts). */
  mix: CanonicalDistribution
  totalSentences: number
  truncated: boolean
}

export interface NormalizeRecordingRequest {
  /** The imported WAV's bytes. */
  data: Uint8Array
}

export interface NormalizeRecordingResult {
  /** What Haru stores for the memo: mono 16-bit WAV at 16 kHz (main writes it, sealed or plain). */
  wav: Uint8Array
  durationSec: number
  sampleRate: number
  sourceRate: number
  channels: number
}

export interface MfccRequest {
  wav: Uint8Array
}

export interface MfccResult {
  sr: number
  frames: number
  mfcc: number[][]
}

export interface CalibrationTakeRequest {
  /** A calibration take's WAV bytes (any rate; resampled to 16 kHz like every analysis). */
  wav: Uint8Array
}

export interface CalibrationTakeResult extends TakeAnalysis {
  /** The file's own rate and length. */
  sampleRate: number
  durationSec: number
}

export interface TranscribeRequest {
  wav: Uint8Array
  /** A Whisper model folder (models are not diary data and stay plain). */
  modelDir: string
}

/** Operation name → [request payload, result]. */
export interface AnalysisOperations {
  ping: [Record<string, never>, { pid: number; uptimeMs: number; maxRssMb: number }]
  'analyze-audio': [AudioAnalysisRequest, AudioAnalysisResult]
  'analyze-text': [TextAnalysisRequest, TextAnalysisResult]
  mfcc: [MfccRequest, MfccResult]
  'normalize-recording': [NormalizeRecordingRequest, NormalizeRecordingResult]
  transcribe: [TranscribeRequest, { text: string }]
  'calibration-take': [CalibrationTakeRequest, CalibrationTakeResult]
}
export type AnalysisOperation = keyof AnalysisOperations

export interface AnalysisRequest<Op extends AnalysisOperation = AnalysisOperation> {
  kind: 'request'
  seq: number
  op: Op
  payload: AnalysisOperations[Op][0]
}

export interface AnalysisErrorData {
  /** Stable code from the failing module (e.g. 'truncated', 'invalid-pack'), or 'internal'. */
  code: string
  message: string
}

export type AnalysisReply =
  | { kind: 'reply'; seq: number; ok: true; result: unknown }
  | { kind: 'reply'; seq: number; ok: false; error: AnalysisErrorData }

export interface AnalysisReady {
  kind: 'ready'
  pid: number
  protocol: typeof ANALYSIS_PROTOCOL_VERSION
}

/**
 * Sent by the main process while requests are pending and echoed by the worker from its message
 * loop: a worker whose main thread is stuck (a loop that never ends) cannot echo it, and is replaced.
 */
export interface AnalysisHeartbeat {
  kind: 'heartbeat'
  n: number
}

export type AnalysisMessageFromWorker = AnalysisReply | AnalysisReady | AnalysisHeartbeat

/** Bumped whenever the message shapes change, so a stale worker build is refused at handshake. */
export const ANALYSIS_PROTOCOL_VERSION = 3

export function isReply(value: unknown): value is AnalysisReply {
  const v = value as AnalysisReply
  return typeof v === 'object' && v !== null && v.kind === 'reply' && typeof v.seq === 'number'
}

export function isHeartbeat(value: unknown): value is AnalysisHeartbeat {
  const v = value as AnalysisHeartbeat
  return typeof v === 'object' && v !== null && v.kind === 'heartbeat' && typeof v.n === 'number'
}

export function isReady(value: unknown): value is AnalysisReady {
  const v = value as AnalysisReady
  return typeof v === 'object' && v !== null && v.kind === 'ready' && typeof v.pid === 'number'
}
