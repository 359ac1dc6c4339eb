import * as ort from 'onnxruntime-node'
import {
  fixFrames,
  frameEnergyDb,
  normaliseWithBaseline,
  resampleTo,
  SEED_FRAMES,
  toModelInput,
  voicedFrameMask,
  type MfccMatrix
} from '../../shared/audio'
import type { AudioAnalysisRequest, AudioAnalysisResult, MfccResult } from '../../shared/analysis/protocol'
import { toCanonical } from '../../shared/emotions'
import type { AudioModelManifest } from '../../shared/models/manifest'
import { loadPack } from '../../main/models/packs'
import { voicedWindows, weightedMean } from './full-mode'
import { baselineFor, calibratedReading, memoFacts } from './reading'
import { ANALYSIS_BOUNDS, decodeWavBytes } from './read-wav'
import { computeMfccThreaded } from './mfcc-thread'

/** The rate every model pack expects; uploads at other rates are resampled first, as the seed did. */
export const MODEL_SAMPLE_RATE = 16_000
const N_MFCC = 13

export class WrongModelKindError extends Error {
  readonly code = 'wrong-model-kind'
  constructor(dir: string, kind: string) {
    super(`${dir} holds a ${kind} model, not an audio model`)
  }
}

interface LoadedAudioModel {
  manifest: AudioModelManifest
  session: ort.InferenceSession
}

// One session per pack for the life of the process: loading costs far more than a run.
const models = new Map<string, Promise<LoadedAudioModel>>()

function audioModel(packDir: string): Promise<LoadedAudioModel> {
  let model = models.get(packDir)
  if (!model) {
    model = (async () => {
      const pack = await loadPack(packDir)
      if (pack.manifest.kind !== 'audio') throw new WrongModelKindError(pack.dir, pack.manifest.kind)
      // No memory arena: it would keep a long memo's batch of windows for the life of the process.
      const session = await ort.InferenceSession.create(pack.modelPath, { intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: 'all', enableCpuMemArena: false })
      return { manifest: pack.manifest, session }
    })()
    // A pack that failed to load may be fixed (re-imported) later: do not cache the failure.
    model.catch(() => models.delete(packDir))
    models.set(packDir, model)
  }
  return model
}

async function readMono16k(bytes: Uint8Array): Promise<{ samples: Float32Array; sourceRate: number; durationSec: number }> {
  const wav = decodeWavBytes(bytes, ANALYSIS_BOUNDS)
  const samples = wav.sampleRate === MODEL_SAMPLE_RATE ? wav.samples : await resampleTo(wav.samples, wav.sampleRate, MODEL_SAMPLE_RATE)
  return { samples, sourceRate: wav.sampleRate, durationSec: wav.durationSec }
}

/** Runs the model on a batch of (13 × 100) windows in one session call; returns logits per window. */
async function runWindows(model: LoadedAudioModel, windows: MfccMatrix[]): Promise<Float32Array[]> {
  const { inputName, outputName } = model.manifest.input
  const batch = new Float32Array(windows.length * N_MFCC * SEED_FRAMES)
  windows.forEach((w, i) => batch.set(toModelInput(w), i * N_MFCC * SEED_FRAMES))
  const output = await model.session.run({ [inputName]: new ort.Tensor('float32', batch, [windows.length, N_MFCC, SEED_FRAMES]) })
  const logits = output[outputName]!.data as Float32Array
  const width = model.manifest.labels.length
  return windows.map((_, i) => logits.slice(i * width, (i + 1) * width))
}

/**
 * `seed` mode: the seed's first 100 frames, bit-compatible for parity. `full` mode: every voiced
 * 100-frame window (hop 50) across the whole memo, probabilities averaged by voiced frames.
 * Either way the result also carries the memo's quality check, its voice statistic (for the
 * automatic baseline), the baseline used and a calibrated confidence (reading.ts).
 */
export async function analyzeAudioFile(req: AudioAnalysisRequest): Promise<AudioAnalysisResult> {
  const model = await audioModel(req.packDir)
  const { samples, sourceRate, durationSec } = await readMono16k(req.wav)
  const mfcc = await computeMfccThreaded(samples, MODEL_SAMPLE_RATE)
  const energy = frameEnergyDb(samples, MODEL_SAMPLE_RATE)
  const voiced = voicedFrameMask(energy)
  const { quality, voiceStats } = memoFacts(samples, energy, mfcc, voiced)
  const baselineUsed = baselineFor(req, voiceStats)

  let logitRows: Float32Array[]
  let weights: number[]
  let windowsTotal = 1
  if (req.mode === 'seed') {
    logitRows = await runWindows(model, [normaliseWithBaseline(fixFrames(mfcc, SEED_FRAMES), baselineUsed.vectors)])
    weights = [1]
  } else {
    const { kept: windows, total } = voicedWindows(voiced)
    windowsTotal = total
    const inputs = windows.map((w) => normaliseWithBaseline(fixFrames(mfcc, SEED_FRAMES, w.start), baselineUsed.vectors))
    logitRows = await runWindows(model, inputs)
    weights = windows.map((w) => w.voicedFrames)
  }
  const reading = calibratedReading(model.manifest, logitRows, weights, quality)
  return {
    modelId: model.manifest.id,
    labels: model.manifest.labels,
    logits: weightedMean(logitRows, weights),
    probs: reading.probs,
    canonical: toCanonical(reading.probs, model.manifest.canonicalMatrix),
    mode: req.mode,
    windowsUsed: logitRows.length,
    windowsTotal,
    durationSec,
    sampleRate: sourceRate,
    temperature: reading.temperature,
    confidence: reading.confidence,
    uncertain: reading.uncertain,
    quality,
    voiceStats,
    baselineUsed
  }
}

/** MFCC at the file's own rate, no resampling: the parity check against librosa. */
export async function mfccOfWav(bytes: Uint8Array): Promise<MfccResult> {
  const wav = decodeWavBytes(bytes, ANALYSIS_BOUNDS)
  const m = await computeMfccThreaded(wav.samples, wav.sampleRate)
  const rows: number[][] = []
  for (let t = 0; t < m.frames; t++) rows.push(Array.from(m.data.subarray(t * N_MFCC, (t + 1) * N_MFCC)))
  return { sr: wav.sampleRate, frames: m.frames, mfcc: rows }
}
