/**
 * The baselines of the channel-shift evaluation, each computed by the app's own code from clips
 * recorded through the same channel as the clip being scored (a person keeps one microphone):
 * - `gender`: the fold's MALE/FEMALE default (computed from its clean training speakers);
 * - `personal`: the calibration (src/shared/calibration/baseline-estimate) over one half of the
 *   speaker's NEUTRAL clips; every other clip of the speaker is scored, once per half;
 * - `automatic`: the automatic baseline (src/shared/calibration/auto-baseline) over the speaker's
 *   clips of one half (all emotions mixed, as a diary's memos are) scores the other half;
 * - `memo`: the automatic statistic of the scored clip alone (per-memo normalisation, a fallback).
 */
import type { Baseline } from '../../src/shared/audio'
import { automaticBaseline, poolMemoVoiceStats, robustBaseline, voicedSecondsOf } from '../../src/shared/calibration/auto-baseline'
import { estimateBaseline } from '../../src/shared/calibration/baseline-estimate'
import { poolStats, statsStd } from '../../src/shared/calibration/frame-stats'
import { BASELINE_RULES } from '../../src/shared/calibration/rules'
import { hashSeed, rng } from './dsp'
import type { EvalClip } from './eval-features'
import type { FoldModel } from './eval-model'

export const REGIMES = ['gender', 'automatic', 'personal', 'memo'] as const
export type Regime = (typeof REGIMES)[number]

/** Calibrations the app's outlier rule refused ("takes disagree"), evaluated with all their takes instead. */
export const calibrationFallbacks: string[] = []

export interface Scored {
  clip: EvalClip
  baseline: Baseline
}

/** Two halves of a speaker's clips, balanced per emotion by a seeded shuffle; the same for every channel. */
export function speakerHalves(clips: readonly EvalClip[]): [EvalClip[], EvalClip[]] {
  const halves: [EvalClip[], EvalClip[]] = [[], []]
  const byEmotion = new Map<string, EvalClip[]>()
  for (const c of [...clips].sort((a, b) => a.file.localeCompare(b.file))) byEmotion.set(c.emotion, [...(byEmotion.get(c.emotion) ?? []), c])
  let turn = 0
  for (const [emotion, group] of [...byEmotion].sort(([a], [b]) => a.localeCompare(b))) {
    const rand = rng(hashSeed(`halves|${group[0]!.speaker}|${emotion}`))
    const shuffled = group.map((c) => ({ c, r: rand() })).sort((a, b) => a.r - b.r).map((x) => x.c)
    // Alternate which half gets the odd clip out, so the halves stay the same size overall.
    shuffled.forEach((c, i) => halves[(i + turn) % 2]!.push(c))
    turn += shuffled.length % 2
  }
  return halves
}

const robust = (clips: readonly EvalClip[]): Baseline => robustBaseline(poolMemoVoiceStats(clips.map((c) => c.memoStats)))

/** Every (clip, baseline) pair one regime scores for one speaker under one channel. */
export function regimeItems(regime: Regime, model: FoldModel, clips: readonly EvalClip[]): Scored[] {
  const gender = clips[0]!.gender === 'male' ? 'MALE' : 'FEMALE'
  switch (regime) {
    case 'gender':
      return clips.map((clip) => ({ clip, baseline: model.defaults[gender] }))
    case 'memo':
      return clips.map((clip) => ({ clip, baseline: robust([clip]) }))
    case 'automatic':
      return speakerHalves(clips).flatMap((pool, i, halves) => {
        const auto = automaticBaseline(poolMemoVoiceStats(pool.map((c) => c.memoStats)), { minVoicedSec: 0, minStd: 1 })
        if (auto.status !== 'ok') throw new Error(`${clips[0]!.speaker}/${clips[0]!.channel}: automatic baseline ${auto.status}`)
        return halves[1 - i]!.map((clip) => ({ clip, baseline: auto.baseline }))
      })
    case 'personal': {
      const neutral = clips.filter((c) => c.emotion === 'NEUTRAL').sort((a, b) => a.file.localeCompare(b.file))
      return [0, 1].flatMap((h) => {
        const cal = neutral.filter((_, i) => i % 2 === h)
        // EmoDB sentences are short: the wizard's 3-take / 8 s minimums are relaxed as in
        // training/calibration/eval-emodb.ts; outlier dropping and the degenerate-std rule apply.
        const est = estimateBaseline(cal.map((c) => ({ id: c.file, stats: c.takeStats })), { ...BASELINE_RULES, minTakes: 2, minVoicedSec: 0 })
        let baseline: Baseline
        if (est.status === 'ok') baseline = est.baseline
        else if (est.reason === 'takes-disagree') {
          // The wizard would ask for new takes; with no more takes to ask for, the evaluation
          // keeps them all (it happens under clipping), and counts how often.
          calibrationFallbacks.push(`${clips[0]!.speaker}/${clips[0]!.channel}`)
          const pooled = poolStats(cal.map((c) => c.takeStats))
          baseline = { mean: pooled.mean, std: statsStd(pooled) }
        } else throw new Error(`${clips[0]!.speaker}/${clips[0]!.channel}: calibration ${est.reason}`)
        const used = new Set(cal.map((c) => c.file))
        return clips.filter((c) => !used.has(c.file)).map((clip) => ({ clip, baseline }))
      })
    }
  }
}

/**
 * The minimum-speech measurement: automatic baselines from `seconds` of voiced speech of the
 * other half (clips drawn at random until that much is pooled; `draws` times), optionally pooled
 * with the scored clip itself (as an app that counts the memo being analysed would do).
 */
export function curveItems(clips: readonly EvalClip[], seconds: number, draws: number, withSelf: boolean): (Scored & { pooledSec: number })[] {
  const out: (Scored & { pooledSec: number })[] = []
  speakerHalves(clips).forEach((pool, i, halves) => {
    for (let d = 0; d < draws; d++) {
      const rand = rng(hashSeed(`curve|${clips[0]!.speaker}|${i}|${d}|${seconds}`))
      const order = pool.map((c) => ({ c, r: rand() })).sort((a, b) => a.r - b.r).map((x) => x.c)
      const chosen: EvalClip[] = []
      let sec = 0
      for (const c of order) {
        if (sec >= seconds) break
        chosen.push(c)
        sec += voicedSecondsOf(c.memoStats)
      }
      const pooled = poolMemoVoiceStats(chosen.map((c) => c.memoStats))
      for (const clip of halves[1 - i]!) {
        const stats = withSelf ? poolMemoVoiceStats([pooled, clip.memoStats]) : pooled
        if (stats.frames < 2) continue
        out.push({ clip, baseline: robustBaseline(stats), pooledSec: voicedSecondsOf(stats) })
      }
    }
  })
  return out
}
