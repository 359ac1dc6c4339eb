/** EmoDB clips with everything the evaluation needs, computed once with the app's own front end. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { computeMfcc, decodeWav, frameEnergyDb, voicedFrameMask, type MfccMatrix } from '../../src/shared/audio'
import { analyzeTake, type TakeAnalysis } from '../../src/shared/calibration/analyze-take'
import { statsOfFrames, type FrameStats } from '../../src/shared/calibration/frame-stats'

export const LABELS = ['ANGRY', 'SAD', 'DISGUST', 'HAPPY', 'FEAR', 'NEUTRAL'] as const
export type Label = (typeof LABELS)[number]

export interface Clip {
  file: string
  emotion: Label
  speaker: string
  gender: 'male' | 'female'
  mfcc: MfccMatrix
  voiced: Uint8Array
  /** The calibration's view of the clip as a take: checks and voiced-frame statistics. */
  take: TakeAnalysis
  /** Statistics over every frame (the training recipe's baseline uses all frames). */
  allFrames: FrameStats
}

export function loadEmodb(dir: string): Clip[] {
  const [header, ...lines] = readFileSync(join(dir, 'metadata.csv'), 'utf8').trim().split(/\r?\n/)
  const cols = header!.split(',')
  const at = (name: string) => cols.indexOf(name)
  return lines.map((line) => {
    const cells = line.split(',')
    const file = cells[at('file')]!
    const wav = decodeWav(readFileSync(join(dir, file)))
    if (wav.sampleRate !== 16000) throw new Error(`${file}: ${wav.sampleRate} Hz; EmoDB here is 16 kHz`)
    const mfcc = computeMfcc(wav.samples, 16000)
    return {
      file,
      emotion: cells[at('emotion')] as Label,
      speaker: cells[at('speaker')]!,
      gender: cells[at('gender')] as 'male' | 'female',
      mfcc,
      voiced: voicedFrameMask(frameEnergyDb(wav.samples, 16000)),
      take: analyzeTake(wav.samples),
      allFrames: statsOfFrames(mfcc)
    }
  })
}
