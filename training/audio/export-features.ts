/**
 * Computes the MFCC frames of every EmoDB clip (and its augmented copies) with the app's own
 * TypeScript MFCC, so training and inference can never disagree about features.
 *
 *   npx tsx training/audio/export-features.ts [--emodb <dir>] [--out <dir>]
 *
 * Writes to training/.cache/audio/ (git-ignored, dataset-derived):
 * - features.f32: float32 little-endian, every clip's full MFCC matrix back to back, frame-major
 *   (coefficient k of frame t at t·13 + k), exactly what `computeMfcc` returns;
 * - voiced.u8: one byte per frame of features.f32, 1 where the app's voice-activity mask
 *   (`voicedFrameMask(frameEnergyDb(x))`, default options) calls the frame voiced. Baselines are
 *   built from voiced frames only, as the calibration (src/shared/calibration/analyze-take.ts) does;
 * - index.json: one entry per (clip, augmentation) with its frame offset and count.
 * Cutting to 100 frames, windows and baseline normalisation happen in train.py.
 */
import { mkdirSync, readFileSync, writeFileSync, createWriteStream } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { computeMfcc, decodeWav, frameEnergyDb, N_MFCC, voicedFrameMask } from '../../src/shared/audio'
import { AUGMENTATIONS, SAMPLE_RATE } from './augment'

const here = dirname(fileURLToPath(import.meta.url))
const repo = resolve(here, '..', '..')
const { values } = parseArgs({
  options: {
    emodb: { type: 'string', default: resolve(repo, '..', 'shared', 'datasets', 'emodb') },
    out: { type: 'string', default: join(repo, 'training', '.cache', 'audio') }
  }
})
const emodbDir = values.emodb!
const outDir = values.out!

interface ClipRow {
  file: string
  emotion: string
  speaker: string
  gender: string
  sentence: string
}

function readMetadata(path: string): ClipRow[] {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split(/\r?\n/)
  const columns = header!.split(',')
  const col = (name: string): number => {
    const i = columns.indexOf(name)
    if (i < 0) throw new Error(`${path}: no "${name}" column`)
    return i
  }
  const [f, e, s, g, t] = ['file', 'emotion', 'speaker', 'gender', 'text_or_sentence_id'].map(col) as [number, number, number, number, number]
  return lines.map((line) => {
    const cells = line.split(',')
    return { file: cells[f]!, emotion: cells[e]!, speaker: cells[s]!, gender: cells[g]!, sentence: cells[t]! }
  })
}

const rows = readMetadata(join(emodbDir, 'metadata.csv'))
mkdirSync(outDir, { recursive: true })
const featuresPath = join(outDir, 'features.f32')
const stream = createWriteStream(featuresPath)
const voicedStream = createWriteStream(join(outDir, 'voiced.u8'))
const index: (ClipRow & { aug: string; offset: number; frames: number; samples: number })[] = []
let offset = 0
const started = performance.now()

for (const [i, row] of rows.entries()) {
  const wav = decodeWav(readFileSync(join(emodbDir, row.file)))
  if (wav.sampleRate !== SAMPLE_RATE) throw new Error(`${row.file}: ${wav.sampleRate} Hz, expected ${SAMPLE_RATE}`)
  for (const aug of AUGMENTATIONS) {
    const samples = await aug.apply(wav.samples)
    const mfcc = computeMfcc(samples, SAMPLE_RATE)
    const bytes = new Uint8Array(mfcc.data.buffer, mfcc.data.byteOffset, mfcc.data.byteLength)
    const voiced = voicedFrameMask(frameEnergyDb(samples, SAMPLE_RATE))
    if (voiced.length !== mfcc.frames) throw new Error(`${row.file}: ${voiced.length} mask frames for ${mfcc.frames} MFCC frames`)
    if (!stream.write(Buffer.from(bytes))) await new Promise<void>((r) => stream.once('drain', () => r()))
    if (!voicedStream.write(Buffer.from(voiced))) await new Promise<void>((r) => voicedStream.once('drain', () => r()))
    index.push({ ...row, aug: aug.name, offset, frames: mfcc.frames, samples: samples.length })
    offset += mfcc.frames
  }
  if ((i + 1) % 50 === 0) console.log(`${i + 1}/${rows.length} clips, ${((performance.now() - started) / 1000).toFixed(1)} s`)
}
for (const s of [stream, voicedStream]) await new Promise<void>((r, j) => s.end((e?: Error | null) => (e ? j(e) : r())))

writeFileSync(
  join(outDir, 'index.json'),
  JSON.stringify({ nMfcc: N_MFCC, sampleRate: SAMPLE_RATE, totalFrames: offset, augmentations: AUGMENTATIONS.map((a) => a.name), clips: index })
)
console.log(`${index.length} feature matrices (${rows.length} clips × ${AUGMENTATIONS.length}), ${offset} frames → ${featuresPath}`)
console.log(`took ${((performance.now() - started) / 1000).toFixed(1)} s`)
