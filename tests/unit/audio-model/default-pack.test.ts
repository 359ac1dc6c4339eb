import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as ort from 'onnxruntime-node'
import { computeMfcc, decodeWav, fixFrames, normaliseWithBaseline, toModelInput, type Baseline, type MfccMatrix } from '../../../src/shared/audio'
import { CANONICAL_EMOTIONS, softmax, toCanonical } from '../../../src/shared/emotions'
import { loadPack } from '../../../src/main/models/packs'
import type { AudioModelManifest } from '../../../src/shared/models/manifest'
import { neutralBaseline } from '../../../training/audio/neutral-baseline'
import { hasShared, repoRoot, sharedPath } from '../../helpers/shared-data'

const PACK_DIR = join(repoRoot, 'resources', 'models', 'audio-default')
const LABELS = ['ANGRY', 'SAD', 'DISGUST', 'HAPPY', 'FEAR', 'NEUTRAL']

/**
 * One clip per label that the leave-speakers-out fold model (which never heard the speaker) and
 * the shipped model, with both the speaker's own and the gender default baseline, all classify
 * correctly with high confidence (training/audio/pick-test-clips.ts, recorded in MODEL_CARD.md).
 */
const CONFIDENT_CLIPS: { file: string; label: string; speaker: string; gender: 'MALE' | 'FEMALE' }[] = [
  { file: 'wav/16b01Wb.wav', label: 'ANGRY', speaker: 'emodb_16', gender: 'FEMALE' },
  { file: 'wav/13a04Ta.wav', label: 'SAD', speaker: 'emodb_13', gender: 'FEMALE' },
  { file: 'wav/16a02Ea.wav', label: 'DISGUST', speaker: 'emodb_16', gender: 'FEMALE' },
  { file: 'wav/14b01Fa.wav', label: 'HAPPY', speaker: 'emodb_14', gender: 'FEMALE' },
  { file: 'wav/14a05Aa.wav', label: 'FEAR', speaker: 'emodb_14', gender: 'FEMALE' },
  { file: 'wav/03b02Na.wav', label: 'NEUTRAL', speaker: 'emodb_03', gender: 'MALE' }
]

let manifest: AudioModelManifest
let session: ort.InferenceSession

beforeAll(async () => {
  const pack = await loadPack(PACK_DIR, { verifySha256: true, checkSession: true })
  if (pack.manifest.kind !== 'audio') throw new Error(`expected an audio pack, got ${pack.manifest.kind}`)
  manifest = pack.manifest
  session = await ort.InferenceSession.create(pack.modelPath, { intraOpNumThreads: 1 })
})
afterAll(async () => {
  await session?.release()
})

async function run(windows: Float32Array[]): Promise<number[][]> {
  const batch = new Float32Array(windows.length * 13 * 100)
  windows.forEach((w, i) => batch.set(w, i * 13 * 100))
  const out = await session.run({ [manifest.input.inputName]: new ort.Tensor('float32', batch, [windows.length, 13, 100]) })
  const logits = out[manifest.input.outputName]!.data as Float32Array
  return windows.map((_, i) => Array.from(logits.subarray(i * 6, (i + 1) * 6)))
}

const input = (mfcc: MfccMatrix, baseline: Baseline): Float32Array => toModelInput(normaliseWithBaseline(fixFrames(mfcc), baseline))

function expectDistribution(probs: number[]): void {
  expect(probs).toHaveLength(LABELS.length)
  for (const p of probs) {
    expect(Number.isFinite(p)).toBe(true)
    expect(p).toBeGreaterThanOrEqual(0)
    expect(p).toBeLessThanOrEqual(1)
  }
  expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5)
}

describe('shipped audio-default pack', () => {
  it('is a valid audio pack with the six EmoDB labels and no SURPRISE output', () => {
    expect(manifest.id).toBe('haru-audio-emodb-v2')
    expect(manifest.license).toBe('CC-BY-4.0')
    // Issue 16: a temperature and an uncertainty threshold fitted on validation speakers.
    expect(manifest.confidence!.temperature).toBeGreaterThan(0.5)
    expect(manifest.confidence!.temperature).toBeLessThan(5)
    expect(manifest.confidence!.uncertainBelow).toBeGreaterThan(1 / LABELS.length)
    expect(manifest.confidence!.uncertainBelow).toBeLessThan(1)
    expect(manifest.labels).toEqual(LABELS)
    expect(manifest.input).toMatchObject({ inputName: 'input', outputName: 'logits', sampleRate: 16000, nMfcc: 13, frames: 100 })
    // Identity onto the canonical space, SURPRISE row all zero.
    manifest.canonicalMatrix.forEach((row, i) => {
      expect(row).toEqual(LABELS.map((l) => (l === CANONICAL_EMOTIONS[i] ? 1 : 0)))
    })
    expect(manifest.canonicalMatrix[CANONICAL_EMOTIONS.indexOf('SURPRISE')]).toEqual([0, 0, 0, 0, 0, 0])
    // Default baselines are MFCC statistics of real speech (c0 of speech at 16 kHz sits far below 0 dB).
    for (const g of ['MALE', 'FEMALE'] as const) {
      expect(manifest.baselines[g].mean[0]).toBeLessThan(-100)
      expect(manifest.baselines[g].std.every((s) => s > 0.5)).toBe(true)
    }
    expect(manifest.baselines.MALE.mean).not.toEqual(manifest.baselines.FEMALE.mean)
  })

  it('returns finite probabilities that sum to 1 for odd inputs, with a dynamic batch axis', async () => {
    const silence = computeMfcc(new Float32Array(16000 * 3), 16000)
    const tiny = computeMfcc(Float32Array.from({ length: 800 }, (_, i) => 0.3 * Math.sin(i / 3)), 16000)
    const clipped = computeMfcc(Float32Array.from({ length: 32000 }, (_, i) => (i % 40 < 20 ? 1 : -1)), 16000)
    const windows = [input(silence, manifest.baselines.MALE), input(tiny, manifest.baselines.FEMALE), input(clipped, manifest.baselines.MALE), new Float32Array(1300).fill(1e4)]
    const batched = await run(windows)
    for (const logits of batched) {
      expect(logits.every(Number.isFinite)).toBe(true)
      expectDistribution(softmax(logits))
      const canonical = toCanonical(softmax(logits), manifest.canonicalMatrix)
      expect(canonical.SURPRISE).toBe(0)
    }
    // The same windows one at a time give the same logits: batch rows are independent.
    for (const [i, w] of windows.entries()) {
      const [single] = await run([w])
      single!.forEach((v, j) => expect(v).toBeCloseTo(batched[i]![j]!, 4))
    }
  })
})

describe.skipIf(!hasShared('datasets/emodb'))('shipped audio-default pack on EmoDB clips (TS features → ONNX)', () => {
  const emodb = sharedPath('datasets/emodb')
  const metadata = readFileSync(join(emodb, 'metadata.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','))
  const samplesOf = (file: string): Float32Array => decodeWav(readFileSync(join(emodb, file))).samples

  it('labels one confident clip per class correctly, with the gender default and with a calibrated baseline', async () => {
    expect(CONFIDENT_CLIPS.map((c) => c.label).sort()).toEqual([...LABELS].sort())
    for (const clip of CONFIDENT_CLIPS) {
      const mfcc = computeMfcc(samplesOf(clip.file), 16000)
      // Calibration as the model was trained: voiced frames of the speaker's NEUTRAL clips.
      const neutralFiles = metadata.filter((r) => r[2] === clip.speaker && r[1] === 'NEUTRAL').map((r) => r[0]!)
      expect(neutralFiles.length).toBeGreaterThanOrEqual(4)
      const own = neutralBaseline(neutralFiles.map(samplesOf))
      const [withDefault, withOwn] = await run([input(mfcc, manifest.baselines[clip.gender]), input(mfcc, own)])
      for (const logits of [withDefault!, withOwn!]) {
        const probs = softmax(logits)
        expectDistribution(probs)
        expect({ file: clip.file, predicted: LABELS[probs.indexOf(Math.max(...probs))] }).toEqual({ file: clip.file, predicted: clip.label })
        expect(probs[LABELS.indexOf(clip.label)]).toBeGreaterThan(0.5)
      }
    }
  })
})
