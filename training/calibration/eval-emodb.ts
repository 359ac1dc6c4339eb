/**
 * Evidence that personal calibration helps, on EmoDB (../shared/datasets/emodb, CC BY 4.0).
 *
 *   /usr/bin/python3 training/calibration/export-folds.py     # fold models → ONNX (once per training run)
 *   npx tsx training/calibration/eval-emodb.ts                # writes training/calibration/RESULTS.md
 *
 * For every speaker, the speaker's NEUTRAL clips are split in two halves. Each half in turn is
 * the calibration: its clips go through the app's calibration code (per-take statistics of the
 * voiced MFCC frames, outlier dropping, degenerate-std check) to give a personal baseline; every
 * other clip of the speaker (the other neutral half and all emotional clips) is then classified
 * with (a) that personal baseline and (b) the gender default, by the model that never heard the
 * speaker: the audio engineer's leave-two-speakers-out fold model holding that speaker out, with
 * the gender defaults computed from that fold's training speakers only. Classification is the
 * app's: MFCC → voiced 100-frame windows (hop 50) averaged by voiced frames (`full` mode), and the
 * first 3.2 s (`seed` mode) for reference.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import * as ort from 'onnxruntime-node'
import { fixFrames, normaliseWithBaseline, SEED_FRAMES, toModelInput, type Baseline } from '../../src/shared/audio'
import { estimateBaseline } from '../../src/shared/calibration/baseline-estimate'
import { poolStats, statsStd } from '../../src/shared/calibration/frame-stats'
import { BASELINE_RULES } from '../../src/shared/calibration/rules'
import { softmax } from '../../src/shared/emotions'
import { voicedWindows, weightedMean } from '../../src/analysis/audio/full-mode'
import { LABELS, loadEmodb, type Clip, type Label } from './eval-data'
import { accuracy, type Prediction } from './eval-metrics'
import { writeReport, type Condition, type EvalRun } from './eval-report'

const here = dirname(fileURLToPath(import.meta.url))
const repo = resolve(here, '..', '..')
const { values: args } = parseArgs({
  options: {
    emodb: { type: 'string', default: resolve(repo, '..', 'shared', 'datasets', 'emodb') },
    folds: { type: 'string', default: join(repo, 'training', '.cache', 'calibration', 'folds') },
    out: { type: 'string', default: join(here, 'RESULTS.md') }
  }
})

interface Model {
  name: string
  session: ort.InferenceSession
  defaults: { MALE: Baseline; FEMALE: Baseline }
}

async function predict(model: Model, clip: Clip, baseline: Baseline, mode: 'seed' | 'full'): Promise<Label> {
  const windows = mode === 'seed' ? [{ start: 0, voicedFrames: 1 }] : voicedWindows(clip.voiced).kept
  const batch = new Float32Array(windows.length * 13 * SEED_FRAMES)
  windows.forEach((w, i) => batch.set(toModelInput(normaliseWithBaseline(fixFrames(clip.mfcc, SEED_FRAMES, w.start), baseline)), i * 13 * SEED_FRAMES))
  const out = await model.session.run({ input: new ort.Tensor('float32', batch, [windows.length, 13, SEED_FRAMES]) })
  const logits = out.logits!.data as Float32Array
  const probs = weightedMean(
    windows.map((_, i) => softmax(Array.from(logits.subarray(i * LABELS.length, (i + 1) * LABELS.length)))),
    windows.map((w) => w.voicedFrames)
  )
  return LABELS[probs.indexOf(Math.max(...probs))]!
}

const session = (path: string) => ort.InferenceSession.create(path, { intraOpNumThreads: 1 })

/**
 * Which frames a fold's training baselines were computed over, read off its stored MALE default:
 * recomputed here from the fold's training speakers both ways, the matching one is the recipe.
 */
function trainingRecipe(clips: Clip[], dir: string): 'voiced frames' | 'all frames' | 'unknown' {
  const f = existsSync(dir) ? readdirSync(dir).find((n) => n.endsWith('.json')) : undefined
  if (!f) return 'unknown'
  const info = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { train_speakers: string[]; defaults: { MALE: { mean: number[] } } }
  const chosen = clips.filter((c) => c.emotion === 'NEUTRAL' && c.gender === 'male' && info.train_speakers.includes(c.speaker))
  const gap = (mean: number[]) => Math.max(...mean.map((m, k) => Math.abs(m - info.defaults.MALE.mean[k]!)))
  const voiced = gap(poolStats(chosen.map((c) => c.take.stats)).mean)
  const all = gap(poolStats(chosen.map((c) => c.allFrames)).mean)
  return Math.min(voiced, all) > 0.05 ? 'unknown' : voiced < all ? 'voiced frames' : 'all frames'
}

async function loadFoldModels(dir: string): Promise<Map<string, Model>> {
  const bySpeaker = new Map<string, Model>()
  if (!existsSync(dir)) return bySpeaker
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const info = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { held_out: string[]; defaults: Model['defaults'] }
    const model: Model = { name: f.replace('.json', ''), session: await session(join(dir, f.replace('.json', '.onnx'))), defaults: info.defaults }
    for (const s of info.held_out) bySpeaker.set(s, model)
  }
  return bySpeaker
}

async function loadShippedModel(): Promise<Model | null> {
  const pack = join(repo, 'resources', 'models', 'audio-default')
  if (!existsSync(join(pack, 'model.onnx'))) return null
  const manifestPath = join(pack, 'manifest.json')
  const defaultsPath = join(repo, 'training', '.cache', 'audio', 'baselines.json')
  const defaults = existsSync(manifestPath)
    ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as { baselines: Model['defaults'] }).baselines
    : existsSync(defaultsPath)
      ? (JSON.parse(readFileSync(defaultsPath, 'utf8')) as Model['defaults'])
      : null
  return defaults ? { name: 'shipped', session: await session(join(pack, 'model.onnx')), defaults } : null
}

/** Personal baselines from one half of a speaker's neutral clips, computed as the app computes them. */
function personalBaselines(cal: Clip[]) {
  // EmoDB sentences are short (median 2.0 s voiced): the per-take length rule and the 3-take /
  // 8 s minimums are for the wizard's longer sentences and are relaxed here; the outlier and
  // degenerate-std rules apply unchanged.
  const est = estimateBaseline(
    cal.map((c) => ({ id: c.file, stats: c.take.stats })),
    { ...BASELINE_RULES, minTakes: 2, minVoicedSec: 0 }
  )
  const all = poolStats(cal.map((c) => c.allFrames))
  return { est, allFrames: { mean: all.mean, std: statsStd(all) } as Baseline }
}

async function evaluate(clips: Clip[], modelFor: (speaker: string) => Model | undefined, label: EvalRun['label']): Promise<EvalRun> {
  const preds: Record<Condition, Prediction[]> = { personal: [], default: [], personalAllFrames: [], personalSeed: [], defaultSeed: [] }
  const calibrations: EvalRun['calibrations'] = []
  const speakers = [...new Set(clips.map((c) => c.speaker))].sort()
  for (const speaker of speakers) {
    const model = modelFor(speaker)
    if (!model) throw new Error(`no model holds out ${speaker}`)
    const own = clips.filter((c) => c.speaker === speaker)
    const neutral = own.filter((c) => c.emotion === 'NEUTRAL').sort((a, b) => a.file.localeCompare(b.file))
    const halves = [neutral.filter((_, i) => i % 2 === 0), neutral.filter((_, i) => i % 2 === 1)]
    const gender = own[0]!.gender === 'male' ? 'MALE' : 'FEMALE'
    for (const cal of halves) {
      const { est, allFrames } = personalBaselines(cal)
      calibrations.push({
        speaker,
        takes: cal.length,
        used: est.used.length,
        dropped: est.dropped.length,
        refusedByTakeRules: cal.filter((c) => !c.take.accepted).length,
        voicedSec: est.voicedSec,
        status: est.status === 'ok' ? 'ok' : est.reason
      })
      if (est.status !== 'ok') throw new Error(`${speaker}: calibration rejected (${est.reason})`)
      const calFiles = new Set(cal.map((c) => c.file))
      for (const clip of own.filter((c) => !calFiles.has(c.file))) {
        const base = { speaker, truth: clip.emotion }
        preds.personal.push({ ...base, predicted: await predict(model, clip, est.baseline, 'full') })
        preds.default.push({ ...base, predicted: await predict(model, clip, model.defaults[gender], 'full') })
        preds.personalAllFrames.push({ ...base, predicted: await predict(model, clip, allFrames, 'full') })
        preds.personalSeed.push({ ...base, predicted: await predict(model, clip, est.baseline, 'seed') })
        preds.defaultSeed.push({ ...base, predicted: await predict(model, clip, model.defaults[gender], 'seed') })
      }
    }
  }
  const perSpeaker = speakers.map((s) => ({
    speaker: s,
    gender: clips.find((c) => c.speaker === s)!.gender,
    ...(Object.fromEntries(Object.entries(preds).map(([k, v]) => [k, accuracy(v.filter((p) => p.speaker === s))])) as Record<Condition, ReturnType<typeof accuracy>>)
  }))
  const overall = Object.fromEntries(Object.entries(preds).map(([k, v]) => [k, accuracy(v)])) as Record<Condition, ReturnType<typeof accuracy>>
  return { label, perSpeaker, overall, calibrations }
}

const started = performance.now()
const clips = loadEmodb(args.emodb!)
console.log(`${clips.length} EmoDB clips analysed in ${((performance.now() - started) / 1000).toFixed(1)} s`)
const folds = await loadFoldModels(args.folds!)
const shipped = await loadShippedModel()
const runs: EvalRun[] = []
if (folds.size > 0) runs.push(await evaluate(clips, (s) => folds.get(s), 'fold'))
else console.warn(`no fold models in ${args.folds}: run training/calibration/export-folds.py`)
if (shipped) runs.push(await evaluate(clips, () => shipped, 'shipped'))
const modelFiles = (dir: string) =>
  existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.onnx')).map((f) => ({ file: f, mtime: statSync(join(dir, f)).mtime.toISOString() })) : []
const cvSettingsPath = join(repo, 'training', '.cache', 'audio', 'cv-metrics.json')
const cvSettings = existsSync(cvSettingsPath) ? (JSON.parse(readFileSync(cvSettingsPath, 'utf8')) as { settings?: unknown }).settings ?? null : null
writeReport(args.out!, {
  clips,
  runs,
  foldInfo: modelFiles(args.folds!),
  foldRecipe: trainingRecipe(clips, args.folds!),
  cvSettings
})
for (const run of runs) {
  console.log(`${run.label}: personal UA ${(100 * run.overall.personal.ua).toFixed(1)} vs default ${(100 * run.overall.default.ua).toFixed(1)}`)
}
console.log(`wrote ${args.out} (${((performance.now() - started) / 1000).toFixed(1)} s)`)
