/**
 * Reads a feature set written by export-channel-features.ts (eval or val): every clip under every
 * channel condition, as the app's front end saw it, plus what the evaluation derives once per
 * clip: the calibration's voiced-frame statistics and the automatic baseline's histograms.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { MfccMatrix } from '../../src/shared/audio'
import { memoVoiceStats, type MemoVoiceStats } from '../../src/shared/calibration/auto-baseline'
import { statsOfFrames, type FrameStats } from '../../src/shared/calibration/frame-stats'
import { memoQualityProblems, type MemoQualityProblem } from '../../src/shared/calibration/memo-quality'
import type { TakeMetrics } from '../../src/shared/calibration/take-quality'

export const LABELS = ['ANGRY', 'SAD', 'DISGUST', 'HAPPY', 'FEAR', 'NEUTRAL'] as const
export type Label = (typeof LABELS)[number]

export interface EvalClip {
  file: string
  emotion: Label
  label: number
  speaker: string
  gender: 'male' | 'female'
  channel: string
  mfcc: MfccMatrix
  voiced: Uint8Array
  /** Mean/M2 of the voiced frames: what a calibration take stores. */
  takeStats: FrameStats
  /** Histograms of the voiced frames: what a memo stores for the automatic baseline. */
  memoStats: MemoVoiceStats
  /** The memo quality check on this clip, re-derived from its stored measurements with today's rules. */
  quality?: { problems: MemoQualityProblem[]; metrics: TakeMetrics }
}

export interface FeatureSet {
  conditions: string[]
  clips: EvalClip[]
  /** clips by condition, then by speaker. */
  byCondition: Map<string, Map<string, EvalClip[]>>
}

export function loadFeatureSet(dir: string): FeatureSet {
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as {
    totalFrames: number
    conditions: { name: string }[]
    clips: (Omit<EvalClip, 'mfcc' | 'voiced' | 'takeStats' | 'memoStats' | 'label' | 'quality'> & { offset: number; frames: number; quality?: TakeMetrics })[]
  }
  const raw = readFileSync(join(dir, 'features.f32'))
  const frames = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4)
  const voicedAll = new Uint8Array(readFileSync(join(dir, 'voiced.u8')))
  if (frames.length !== index.totalFrames * 13 || voicedAll.length !== index.totalFrames) {
    throw new Error(`${dir}: features and index disagree; re-run export-channel-features.ts`)
  }
  const clips = index.clips.map((c) => {
    const mfcc: MfccMatrix = { frames: c.frames, nMfcc: 13, data: frames.subarray(c.offset * 13, (c.offset + c.frames) * 13) }
    const voiced = voicedAll.subarray(c.offset, c.offset + c.frames)
    return {
      ...c,
      label: LABELS.indexOf(c.emotion),
      mfcc,
      voiced,
      takeStats: statsOfFrames(mfcc, voiced),
      memoStats: memoVoiceStats(mfcc, voiced),
      quality: c.quality ? { problems: memoQualityProblems(c.quality), metrics: c.quality } : undefined
    }
  })
  const byCondition = new Map<string, Map<string, EvalClip[]>>()
  for (const c of clips) {
    const bySpeaker = byCondition.get(c.channel) ?? new Map<string, EvalClip[]>()
    byCondition.set(c.channel, bySpeaker)
    bySpeaker.set(c.speaker, [...(bySpeaker.get(c.speaker) ?? []), c])
  }
  return { conditions: index.conditions.map((c) => c.name), clips, byCondition }
}
