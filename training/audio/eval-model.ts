/**
 * Fold models in ONNX Runtime, run the way the app's analysis process runs a memo (`full` mode):
 * every 100-frame window (hop 50) with ≥ 30 % voiced frames, `(X − mean)/(std + 1e-8)`, softmax
 * per window (after dividing by the temperature), averaged with the windows' voiced frames.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as ort from 'onnxruntime-node'
import { fixFrames, normaliseWithBaseline, SEED_FRAMES, toModelInput, type Baseline } from '../../src/shared/audio'
import { softmax } from '../../src/shared/emotions'
import { NoSpeechError, voicedWindows, weightedMean } from '../../src/analysis/audio/full-mode'
import { LABELS, type EvalClip } from './eval-features'

export interface FoldModel {
  name: string
  heldOut: string[]
  defaults: { MALE: Baseline; FEMALE: Baseline }
  /** Fitted on the fold's inner validation speakers (v2 folds); 1 otherwise. */
  temperature: number
  session: ort.InferenceSession
}

export async function loadFolds(dir: string): Promise<FoldModel[]> {
  if (!existsSync(dir)) throw new Error(`no fold models in ${dir}`)
  const out: FoldModel[] = []
  for (const f of readdirSync(dir).filter((n) => /^fold\d+\.json$/.test(n)).sort()) {
    const info = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { held_out: string[]; defaults: FoldModel['defaults']; temperature?: number }
    const session = await ort.InferenceSession.create(join(dir, f.replace('.json', '.onnx')), { intraOpNumThreads: 1 })
    out.push({ name: f.replace('.json', ''), heldOut: info.held_out, defaults: info.defaults, temperature: info.temperature ?? 1, session })
  }
  if (out.length === 0) throw new Error(`no fold models in ${dir}`)
  return out
}

/** One clip's window logits and voiced-frame weights; null when no window has enough voice. */
export interface ClipLogits {
  rows: Float32Array[]
  weights: number[]
}

/** Runs every voiced window of every clip (each with its own baseline) in batches of up to 256 windows. */
export async function clipLogits(model: FoldModel, items: readonly { clip: EvalClip; baseline: Baseline }[]): Promise<(ClipLogits | null)[]> {
  const plan: { item: number; start: number; weight: number }[] = []
  const inputs: Float32Array[] = []
  items.forEach(({ clip, baseline }, item) => {
    let windows
    try {
      windows = voicedWindows(clip.voiced).kept
    } catch (err) {
      if (err instanceof NoSpeechError) return
      throw err
    }
    for (const w of windows) {
      plan.push({ item, start: w.start, weight: w.voicedFrames })
      inputs.push(toModelInput(normaliseWithBaseline(fixFrames(clip.mfcc, SEED_FRAMES, w.start), baseline)))
    }
  })
  const out: (ClipLogits | null)[] = items.map(() => null)
  const size = 13 * SEED_FRAMES
  for (let b = 0; b < inputs.length; b += 256) {
    const chunk = inputs.slice(b, b + 256)
    const batch = new Float32Array(chunk.length * size)
    chunk.forEach((x, i) => batch.set(x, i * size))
    const res = await model.session.run({ input: new ort.Tensor('float32', batch, [chunk.length, 13, SEED_FRAMES]) })
    const logits = res.logits!.data as Float32Array
    chunk.forEach((_, i) => {
      const p = plan[b + i]!
      const slot = (out[p.item] ??= { rows: [], weights: [] })
      slot.rows.push(logits.slice(i * LABELS.length, (i + 1) * LABELS.length))
      slot.weights.push(p.weight)
    })
  }
  return out
}

/** The memo's probabilities: per-window softmax of logits / T, averaged by voiced frames. */
export function probsOf(l: ClipLogits | null, temperature = 1): number[] | null {
  if (!l) return null
  return weightedMean(l.rows.map((r) => softmax(Array.from(r, (v) => v / temperature))), l.weights)
}
