import type { CanonicalDistribution, CanonicalEmotion } from '../emotions'
import type { TextAdapterWeights } from '../adaptation/adapter'
import type { AdapterHyperparameters, AdapterTrainingResult } from '../adaptation/train'
import type { BaselineVectors } from '../models/manifest'
import type { TakeAnalysis } from '../calibration/analyze-take'
import type { MemoVoiceStats } from '../calibration/auto-baseline'
import type { MemoQuality } from '../calibration/memo-quality'
import type { VoiceBaselineSource } from '../calibration/voice-baseline-choice'

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
  /**
   * Issue 16, optional. For a profile that has not calibrated: its memos' voice statistics merged
   * (`MemoVoiceStats`, null when it has none yet). When this key is present the analysis process
   * chooses the baseline with `chooseVoiceBaseline` (automatic when enough voiced speech, else the
   * fallback), and `baseline` must be the profile's gender default. Absent: `baseline` is used as given.
   */
  profileVoiceStats?: MemoVoiceStats | null
}

/** The baseline an audio analysis used: `given` is the request's own (calibrated or gender default). */
export interface AudioBaselineUsed {
  source: 'given' | VoiceBaselineSource
  vectors: BaselineVectors
  /** Voiced seconds behind the automatic baseline (counting this memo); null when it was not considered. */
  automaticVoicedSec: number | null
  automaticNeededSec: number | null
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
  /** The temperature applied: `probs` and `canonical` are softmax(logits / temperature) per window (1 without one in the pack). */
  temperature: number
  /** Calibrated probability of the top label (max of `probs`). */
  confidence: number
  /** Do not present the label as a reading: confidence below the pack's threshold, or a quality problem. */
  uncertain: boolean
  /** The recording's quality check (too quiet, clipped, too little voiced speech). */
  quality: MemoQuality
  /** This memo's voiced-frame statistic for the automatic baseline: main stores it with the memo. */
  voiceStats: MemoVoiceStats
  baselineUsed: AudioBaselineUsed
}

export interface TextAnalysisRequest {
  text: string
  packDir: string
  /** The profile's adapter (issue 12): applied to every sentence's canonical reading. Absent: the pack alone. */
  adapter?: TextAdapterWeights
}

export interface TextSentenceResult {
  text: string
  /** Character offsets into the analysed text, for highlighting. */
  start: number
  end: number
  label: string
  probs: number[]
  canonical: CanonicalDistribution
  /** The pack's own canonical reading, present when an adapter changed `canonical`. */
  base?: CanonicalDistribution
  /**
   * The top label's probability, calibrated when the pack declares a calibration (issue 10).
   * Stored analyses made before this field existed lack it.
   */
  confidence: number
  /** Below the pack's dev-fitted threshold: shown as "not sure" and weighs less in the mix. */
  uncertain: boolean
}

export interface TextEmbedRequest {
  sentences: string[]
  packDir: string
}

/** The pack's per-sentence vectors (manifest `representation`), e.g. for per-profile adaptation. */
export interface TextEmbedResult {
  modelId: string
  /** Where the vector comes from: a named ONNX output (e.g. `pooled`) or the n-gram hidden layer. */
  source: string
  dim: number
  vectors: number[][]
}

export interface TextAnalysisResult {
  modelId: string
  labels: string[]
  sentences: TextSentenceResult[]
  /** The seed's statistic: percentage of sentences per model label. */
  percentages: Record<string, number>
  meanProbs: number[]
  /** The entry's emotion mix (length-weighted, neutral sentences left out, uncertain ones weigh less; see entry-mix.ts). */
  mix: CanonicalDistribution
  totalSentences: number
  truncated: boolean
}

/** Trains a profile's adapter over a pack: the pack reads the example sentences, the adapter learns the writer's labels. */
export interface AdapterTrainingRequest {
  packDir: string
  /** The writer's corrections, in a stable order (training is deterministic). */
  examples: { text: string; emotion: CanonicalEmotion }[]
  hyperparameters?: Partial<AdapterHyperparameters>
}

export interface AdapterTrainingReply extends AdapterTrainingResult {
  /** The pack the adapter was trained over. */
  modelId: string
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
  'embed-text': [TextEmbedRequest, TextEmbedResult]
  mfcc: [MfccRequest, MfccResult]
  'normalize-recording': [NormalizeRecordingRequest, NormalizeRecordingResult]
  transcribe: [TranscribeRequest, { text: string }]
  'calibration-take': [CalibrationTakeRequest, CalibrationTakeResult]
  'train-adapter': [AdapterTrainingRequest, AdapterTrainingReply]
  /** Loads a text pack's tokenizer and ONNX session without analysing anything (warm start). */
  'warm-text': [{ packDir: string }, { modelId: string; loadMs: number }]
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
