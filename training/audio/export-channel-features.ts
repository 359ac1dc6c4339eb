/**
 * MFCC frames and voice-activity masks of EmoDB through simulated channels, computed by the app's
 * own TypeScript front end (as export-features.ts does for the clean clips).
 *
 *   npx tsx training/audio/export-channel-features.ts --set eval    # 454 clips × 10 EVAL_CONDITIONS
 *   npx tsx training/audio/export-channel-features.ts --set val     # 454 clips × 10 VALIDATION_CONDITIONS
 *   npx tsx training/audio/export-channel-features.ts --set clipping # 454 clips × 6 CLIPPING_CONDITIONS (the memo check's clipping limit)
 *   npx tsx training/audio/export-channel-features.ts --set train   # 454 clips × 5 voice augmentations × (clean + 6 random channels)
 *
 * Writes training/.cache/audio-v2/<set>/{features.f32, voiced.u8, index.json} (git-ignored).
 * In the training set a speaker keeps one random channel across all their clips of one voice
 * augmentation ("channel group"), as one person keeps one microphone: that is what lets training
 * compute a calibrated or automatic baseline inside the group.
 */
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { computeMfcc, decodeWav, frameEnergyDb, N_MFCC, voicedFrameMask } from '../../src/shared/audio'
import { checkMemoQuality } from '../../src/shared/calibration/memo-quality'
import { AUGMENTATIONS, SAMPLE_RATE } from './augment'
import { applyChannel, CLIPPING_CONDITIONS, EVAL_CONDITIONS, randomChannel, VALIDATION_CONDITIONS, type ChannelCondition, type ChannelStep } from './channels'
import { hashSeed, rng } from './dsp'

const here = dirname(fileURLToPath(import.meta.url))
const repo = resolve(here, '..', '..')
const { values } = parseArgs({
  options: {
    set: { type: 'string', default: 'eval' },
    emodb: { type: 'string', default: resolve(repo, '..', 'shared', 'datasets', 'emodb') },
    channels: { type: 'string', default: '6' },
    out: { type: 'string' }
  }
})
const FIXED: Record<string, readonly ChannelCondition[]> = { eval: EVAL_CONDITIONS, val: VALIDATION_CONDITIONS, clipping: CLIPPING_CONDITIONS }
const set = values.set as 'eval' | 'val' | 'clipping' | 'train'
if (!(set in FIXED) && set !== 'train') throw new Error(`--set must be eval, val, clipping or train, not ${set}`)
const outDir = values.out ?? join(repo, 'training', '.cache', 'audio-v2', set)
const emodbDir = values.emodb!
const randomChannelsPerGroup = Number(values.channels)

interface Row {
  file: string
  emotion: string
  speaker: string
  gender: string
}
const [header, ...lines] = readFileSync(join(emodbDir, 'metadata.csv'), 'utf8').trim().split(/\r?\n/)
const cols = header!.split(',')
const rows: Row[] = lines.map((l) => {
  const c = l.split(',')
  return { file: c[cols.indexOf('file')]!, emotion: c[cols.indexOf('emotion')]!, speaker: c[cols.indexOf('speaker')]!, gender: c[cols.indexOf('gender')]! }
})

/** Channel variants of one clip: [name, steps] for the set. */
function variantsOf(row: Row, aug: string): { channel: string; steps: ChannelStep[] }[] {
  if (set !== 'train') return FIXED[set]!.map((c) => ({ channel: c.name, steps: c.steps }))
  // The same draws for every clip of (speaker, augmentation): one microphone per group.
  const draw = rng(hashSeed(`train-channels|${row.speaker}|${aug}`))
  return [
    { channel: 'clean', steps: [] },
    ...Array.from({ length: randomChannelsPerGroup }, (_, j) => ({ channel: `random${j}`, steps: randomChannel(draw) }))
  ]
}

mkdirSync(outDir, { recursive: true })
const features = createWriteStream(join(outDir, 'features.f32'))
const voicedOut = createWriteStream(join(outDir, 'voiced.u8'))
const write = async (s: ReturnType<typeof createWriteStream>, b: Buffer) => {
  if (!s.write(b)) await new Promise<void>((r) => s.once('drain', () => r()))
}
const index: Record<string, unknown>[] = []
const channelSteps: Record<string, ChannelStep[]> = {}
let offset = 0
const started = performance.now()
const augs = set === 'train' ? AUGMENTATIONS : AUGMENTATIONS.filter((a) => a.name === 'orig')

for (const [i, row] of rows.entries()) {
  const wav = decodeWav(readFileSync(join(emodbDir, row.file)))
  if (wav.sampleRate !== SAMPLE_RATE) throw new Error(`${row.file}: ${wav.sampleRate} Hz`)
  for (const aug of augs) {
    const voice = await aug.apply(wav.samples)
    for (const { channel, steps } of variantsOf(row, aug.name)) {
      const samples = await applyChannel(voice, steps, `${set}|${row.file}|${aug.name}|${channel}`)
      const mfcc = computeMfcc(samples, SAMPLE_RATE)
      const energy = frameEnergyDb(samples, SAMPLE_RATE)
      const voiced = voicedFrameMask(energy)
      await write(features, Buffer.from(mfcc.data.buffer, mfcc.data.byteOffset, mfcc.data.byteLength))
      await write(voicedOut, Buffer.from(voiced))
      const entry: Record<string, unknown> = { ...row, aug: aug.name, channel, offset, frames: mfcc.frames }
      if (set !== 'train') {
        const q = checkMemoQuality(samples, energy)
        // The measurements, not the verdict: the evaluation re-applies the current rules to them.
        entry.quality = q.metrics
      }
      channelSteps[`${row.speaker}|${aug.name}|${channel}`] ??= steps
      index.push(entry)
      offset += mfcc.frames
    }
  }
  if ((i + 1) % 25 === 0) console.log(`${set}: ${i + 1}/${rows.length} clips, ${((performance.now() - started) / 1000).toFixed(0)} s`)
}
for (const s of [features, voicedOut]) await new Promise<void>((r, j) => s.end((e?: Error | null) => (e ? j(e) : r())))
const channels = FIXED[set] ?? null
writeFileSync(
  join(outDir, 'index.json'),
  JSON.stringify({ set, nMfcc: N_MFCC, sampleRate: SAMPLE_RATE, totalFrames: offset, conditions: channels, trainChannels: set === 'train' ? channelSteps : undefined, clips: index })
)
console.log(`${set}: ${index.length} feature matrices, ${offset} frames → ${outDir} (${((performance.now() - started) / 1000).toFixed(0)} s)`)
