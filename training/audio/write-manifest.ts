/**
 * Writes resources/models/audio-default/manifest.json for the model train_v2.py exported: labels,
 * canonical matrix, the MALE/FEMALE default baselines, the temperature and uncertainty threshold
 * fitted on validation speakers, and the SHA-256/size of model.onnx. The result is validated
 * against the app's manifest schema before it is written.
 *
 *   npx tsx training/audio/write-manifest.ts
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sha256File } from '../../src/main/models/sha256'
import { CANONICAL_EMOTIONS } from '../../src/shared/emotions'
import { modelManifestSchema, type BaselineVectors } from '../../src/shared/models/manifest'

const here = dirname(fileURLToPath(import.meta.url))
const repo = resolve(here, '..', '..')
const packDir = join(repo, 'resources', 'models', 'audio-default')
const modelPath = join(packDir, 'model.onnx')
const final = JSON.parse(readFileSync(join(repo, 'training', '.cache', 'audio-v2', 'final.json'), 'utf8')) as {
  candidate: string
  defaults: { MALE: BaselineVectors; FEMALE: BaselineVectors }
  temperature: number
  threshold: number
}
const baselines = final.defaults

/** Output order of the model's logits (train.py's LABELS). */
const LABELS = ['ANGRY', 'SAD', 'DISGUST', 'HAPPY', 'FEAR', 'NEUTRAL']

// Identity onto the canonical space; EmoDB has no SURPRISE, so that row stays zero.
const canonicalMatrix = CANONICAL_EMOTIONS.map((canonical) => LABELS.map((label) => (label === canonical ? 1 : 0)))

/** Float32 values printed with the shortest round-trip decimal of their float32 value. */
const f32 = (v: number): number => Number(Math.fround(v).toPrecision(9))
const vectors = (b: BaselineVectors): BaselineVectors => ({ mean: b.mean.map(f32), std: b.std.map(f32) })

const manifest = {
  formatVersion: 1,
  id: 'haru-audio-emodb-v2',
  name: 'Haru voice emotion (EmoDB, channel-robust)',
  version: '2.0.0',
  kind: 'audio',
  license: 'CC-BY-4.0',
  description:
    'CNN + BiLSTM on 13 MFCC × 100 frames (the seed architecture), trained by the Haru project on EmoDB ' +
    '(German acted speech, 10 speakers). Six outputs: ANGRY, SAD, DISGUST, HAPPY, FEAR, NEUTRAL. ' +
    'EmoDB has no SURPRISE recordings, so this model never predicts SURPRISE (its canonical row is zero). ' +
    'Trained through simulated microphones and rooms with calibrated, automatic (median/MAD of a voice\'s memos) and ' +
    'default baselines. Accuracy on Korean everyday speech has not been measured. See MODEL_CARD.md.',
  labels: LABELS,
  canonicalMatrix,
  input: {
    type: 'mfcc',
    sampleRate: 16000,
    nMfcc: 13,
    frames: 100,
    shape: ['batch', 13, 100],
    inputName: 'input',
    outputName: 'logits'
  },
  baselines: { MALE: vectors(baselines.MALE), FEMALE: vectors(baselines.FEMALE) },
  confidence: {
    temperature: Number(final.temperature.toFixed(3)),
    uncertainBelow: final.threshold,
    fittedOn:
      'Full-mode predictions of the inner validation speakers of the five leave-two-speakers-out folds (never a fold\'s test speakers), ' +
      'under the VALIDATION_CONDITIONS channels (never the evaluation\'s), automatic, personal and per-memo baselines (training/audio/train_v2.py).'
  },
  provenance: {
    source: 'Trained for Haru by training/audio (export-channel-features.ts → train_v2.py → write-manifest.ts); weights made by this project.',
    data:
      'Berlin Database of Emotional Speech (EmoDB), F. Burkhardt, A. Paeschke, M. Rolfes, W. F. Sendlmeier, B. Weiss, ' +
      '"A database of German emotional speech", Proc. Interspeech 2005, pp. 1517-1520, doi:10.21437/Interspeech.2005-446. ' +
      'Licence CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). Changed: 454 of the 535 clips ' +
      '(the 81 boredom clips dropped), features computed from them, plus speed (x0.9, x1.1) and pitch (±2 semitones) perturbed copies, ' +
      'each also through 6 random simulated channels per speaker (gain, band-pass, phone band, EQ tilt, noise, reverb).',
    notes:
      'No SURPRISE class: EmoDB has none. Boredom (Langeweile) was dropped: it is not one of the canonical emotions, and ' +
      'mapping it to NEUTRAL or SAD would teach low-arousal speech to be an emotion the speaker did not act. ' +
      'Features: the app\'s own TypeScript MFCC (librosa-exact) at 16 kHz, first 100 frames, zero rows appended. ' +
      'Baselines: per-coefficient mean and population std over the VOICED MFCC frames (voicedFrameMask(frameEnergyDb(x)), ' +
      'default options, as src/shared/calibration computes them) of neutral clips; during training each window was normalised ' +
      'by a randomly drawn baseline of its speaker and channel: a calibration from a few neutral clips, an automatic baseline ' +
      '(median and 1.4826 x MAD of 4-60 s of voiced speech of any emotion, src/shared/calibration/auto-baseline.ts), the clip itself, ' +
      'or the gender default, each jittered. Temperature and uncertainty threshold: see confidence.fittedOn. ' +
      'MALE/FEMALE here are pooled over the 5 male / 5 female EmoDB speakers\' neutral clips (original audio).'
  },
  integrity: { onnxSha256: await sha256File(modelPath), onnxBytes: statSync(modelPath).size }
}

const parsed = modelManifestSchema.safeParse(manifest)
if (!parsed.success) {
  console.error(parsed.error.issues)
  process.exit(1)
}
writeFileSync(join(packDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n')
console.log(`wrote ${join(packDir, 'manifest.json')} (model ${manifest.integrity.onnxBytes} bytes, sha256 ${manifest.integrity.onnxSha256})`)
