/**
 * Checks the exported pack against PyTorch and picks the clips the unit test asserts on.
 *
 *   npx tsx training/audio/pick-test-clips.ts
 *
 * 1. Parity: runs model.onnx (onnxruntime-node) on inputs built by the app's TS pipeline for the
 *    first window of every EmoDB clip and compares with the final PyTorch model's logits
 *    (train_v2.py --stage reference), with the speaker's own baseline and with the gender default.
 * 2. Picks, per label, the clip classified correctly and most confidently by (a) the fold model
 *    that never saw the speaker (cv-predictions.json) and (b) the shipped model with both
 *    baselines. Writes training/.cache/audio/test-clips.json.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as ort from 'onnxruntime-node'
import { computeMfcc, decodeWav, fixFrames, normaliseWithBaseline, toModelInput, type Baseline, type MfccMatrix } from '../../src/shared/audio'
import { softmax } from '../../src/shared/emotions'
import { loadPack } from '../../src/main/models/packs'
import { neutralBaseline } from './neutral-baseline'

const here = dirname(fileURLToPath(import.meta.url))
const repo = resolve(here, '..', '..')
// The shipped model is v2: its reference logits come from train_v2.py --stage reference.
const cache = join(repo, 'training', '.cache', 'audio-v2')
const emodb = resolve(repo, '..', 'shared', 'datasets', 'emodb')

interface FinalRow { file: string; speaker: string; gender: string; emotion: string; logits_personal: number[]; logits_default: number[] }
interface CvRecord { file: string; label: number; probs: number[] }
const final = JSON.parse(readFileSync(join(cache, 'final-predictions.json'), 'utf8')) as { labels: string[]; clips: FinalRow[] }
const cv = new Map((JSON.parse(readFileSync(join(cache, 'cv-predictions.json'), 'utf8')) as { records: CvRecord[] }).records.map((r) => [r.file, r]))

const pack = await loadPack(join(repo, 'resources', 'models', 'audio-default'), { verifySha256: true, checkSession: true })
if (pack.manifest.kind !== 'audio') throw new Error('not an audio pack')
const manifest = pack.manifest
const session = await ort.InferenceSession.create(pack.modelPath)

const mfccs = new Map<string, MfccMatrix>()
const samples = new Map<string, Float32Array>()
for (const row of final.clips) {
  const wav = decodeWav(readFileSync(join(emodb, row.file)))
  samples.set(row.file, wav.samples)
  mfccs.set(row.file, computeMfcc(wav.samples, wav.sampleRate))
}
const personal = new Map<string, Baseline>()
for (const speaker of new Set(final.clips.map((r) => r.speaker))) {
  const neutral = final.clips.filter((r) => r.speaker === speaker && r.emotion === 'NEUTRAL')
  personal.set(speaker, neutralBaseline(neutral.map((r) => samples.get(r.file)!)))
}

async function logits(mfcc: MfccMatrix, baseline: Baseline): Promise<number[]> {
  const x = toModelInput(normaliseWithBaseline(fixFrames(mfcc), baseline))
  const out = await session.run({ [manifest.input.inputName]: new ort.Tensor('float32', x, [1, 13, 100]) })
  return Array.from(out[manifest.input.outputName]!.data as Float32Array)
}

let maxDiff = 0
let agree = 0
const candidates: { file: string; emotion: string; gender: string; confidence: number; pOwn: number; pDefault: number; pHeldOut: number }[] = []
for (const row of final.clips) {
  const mfcc = mfccs.get(row.file)!
  const own = await logits(mfcc, personal.get(row.speaker)!)
  const def = await logits(mfcc, manifest.baselines[row.gender === 'male' ? 'MALE' : 'FEMALE'])
  own.forEach((v, i) => (maxDiff = Math.max(maxDiff, Math.abs(v - row.logits_personal[i]!))))
  def.forEach((v, i) => (maxDiff = Math.max(maxDiff, Math.abs(v - row.logits_default[i]!))))
  const argmax = (v: number[]): number => v.indexOf(Math.max(...v))
  if (argmax(own) === argmax(row.logits_personal) && argmax(def) === argmax(row.logits_default)) agree++
  const label = final.labels.indexOf(row.emotion)
  const heldOut = cv.get(row.file)!
  const pOwn = softmax(own)[label]!
  const pDefault = softmax(def)[label]!
  const pHeldOut = heldOut.probs[label]!
  candidates.push({ file: row.file, emotion: row.emotion, gender: row.gender, confidence: Math.min(pOwn, pDefault, pHeldOut), pOwn, pDefault, pHeldOut })
}
console.log(`parity over ${final.clips.length} clips × 2 baselines: max |ONNX − PyTorch| logit ${maxDiff.toExponential(2)}, same argmax for ${agree}/${final.clips.length}`)

const picks = final.labels.map((label) => candidates.filter((c) => c.emotion === label).sort((a, b) => b.confidence - a.confidence)[0]!)
for (const p of picks) {
  console.log(`${p.emotion.padEnd(8)} ${p.file} (${p.gender}): held-out fold p=${p.pHeldOut.toFixed(3)}, shipped own-baseline p=${p.pOwn.toFixed(3)}, shipped gender-default p=${p.pDefault.toFixed(3)}`)
}
writeFileSync(join(cache, 'test-clips.json'), JSON.stringify({ maxLogitDiff: maxDiff, picks }, null, 1))
await session.release()
