import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AnalysisHost } from '../../../src/main/analysis/host'
import { spawnNodeWorker } from '../../../src/main/analysis/spawn-node'
import { encodeWav16 } from '../../../src/shared/audio'
import type { AudioAnalysisResult } from '../../../src/shared/analysis/protocol'
import { AUTO_BASELINE_RULES, automaticBaseline, poolMemoVoiceStats, voicedSecondsOf, type MemoVoiceStats } from '../../../src/shared/calibration/auto-baseline'
import { CANONICAL_EMOTIONS, type CanonicalDistribution } from '../../../src/shared/emotions'
import type { AudioModelManifest } from '../../../src/shared/models/manifest'
import { butterworth } from '../../../training/audio/dsp'
import { repoRoot } from '../../helpers/shared-data'
import { makeTempDir } from '../../helpers/temp-dir'
import { overdrive, syntheticVoice } from '../calibration/signals'

const PACK = join(repoRoot, 'resources', 'models', 'audio-default')
const manifest = JSON.parse(readFileSync(join(PACK, 'manifest.json'), 'utf8')) as AudioModelManifest
const tv = (a: CanonicalDistribution, b: CanonicalDistribution): number => CANONICAL_EMOTIONS.reduce((s, e) => s + Math.abs(a[e] - b[e]), 0) / 2

/** A laptop-like microphone 20 dB quieter: input gain and a 250 Hz–5 kHz band-pass. */
function shiftChannel(x: Float32Array): Float32Array {
  const band = butterworth(butterworth(x, 'highpass', 250, 16000, 4), 'lowpass', 5000, 16000, 2)
  return band.map((v) => v * 0.1)
}

describe('voice readings from the analysis process (issue 16)', () => {
  const tmp = makeTempDir()
  let host: AnalysisHost
  let n = 0
  const wav = (samples: Float32Array): Uint8Array => {
    const path = join(tmp.dir, `memo${n++}.wav`)
    writeFileSync(path, encodeWav16(samples, 16000))
    return readFileSync(path)
  }
  const analyse = (samples: Float32Array, extra: { profileVoiceStats?: MemoVoiceStats | null } = {}): Promise<AudioAnalysisResult> =>
    host.request('analyze-audio', { wav: wav(samples), packDir: PACK, baseline: manifest.baselines.FEMALE, mode: 'full', ...extra })

  beforeAll(() => {
    host = new AnalysisHost({ spawn: spawnNodeWorker(), backoffMs: [0, 50] })
  })
  afterAll(() => {
    host?.close()
    tmp.cleanup()
  })

  it('carries the quality check, the memo statistic and a calibrated confidence', async () => {
    const r = await analyse(syntheticVoice({ seconds: 12, seed: 3, f0: 210 }))
    expect(r.quality).toMatchObject({ ok: true, reason: null })
    expect(r.voiceStats.frames).toBeGreaterThan(200)
    expect(r.voiceStats.frames).toBe(Math.round((r.quality.metrics.voicedSec * 16000) / 512))
    expect(r.baselineUsed).toMatchObject({ source: 'given', vectors: manifest.baselines.FEMALE })
    expect(r.temperature).toBe(manifest.confidence?.temperature ?? 1)
    expect(r.confidence).toBe(Math.max(...r.probs))
    expect(r.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6)
    expect(r.uncertain).toBe(manifest.confidence ? r.confidence < manifest.confidence.uncertainBelow : false)
  })

  it('marks an overdriven memo uncertain and says why', async () => {
    const r = await analyse(overdrive(syntheticVoice({ seconds: 8, seed: 4 }), 30))
    expect(r.quality.reason).toBe('clipped')
    expect(r.uncertain).toBe(true)
  })

  it('reads a memo against itself until the other memos hold enough speech, then uses the automatic baseline', async () => {
    const first = await analyse(syntheticVoice({ seconds: 6, seed: 5 }), { profileVoiceStats: null })
    expect(first.baselineUsed).toMatchObject({ source: 'memo', automaticVoicedSec: 0, automaticNeededSec: AUTO_BASELINE_RULES.minVoicedSec })
    const own = automaticBaseline(first.voiceStats, { ...AUTO_BASELINE_RULES, minVoicedSec: 0 })
    expect(own.status).toBe('ok')
    if (own.status === 'ok') expect(first.baselineUsed.vectors).toEqual(own.baseline)
    // A second memo: the first one's speech now counts, not yet enough for the automatic baseline.
    const second = await analyse(syntheticVoice({ seconds: 6, seed: 6 }), { profileVoiceStats: first.voiceStats })
    expect(second.baselineUsed.source).toBe('memo')
    expect(second.baselineUsed.automaticVoicedSec).toBeCloseTo(voicedSecondsOf(first.voiceStats), 9)
  })

  it("brings a speaker's reading through another microphone back toward the unshifted one", async () => {
    // One synthetic speaker, memos of 12 s; enough of them for the automatic baseline.
    const count = Math.ceil(AUTO_BASELINE_RULES.minVoicedSec / 8) + 1
    const memos = Array.from({ length: count + 1 }, (_, i) => syntheticVoice({ seconds: 12, seed: 100 + i, f0: 190 }))
    const readings: Record<'plain' | 'shifted', { gender: AudioAnalysisResult; automatic: AudioAnalysisResult }> = {} as never
    for (const [name, channel] of [['plain', (x: Float32Array) => x], ['shifted', shiftChannel]] as const) {
      const past: MemoVoiceStats[] = []
      for (const m of memos.slice(0, count)) past.push((await analyse(channel(m))).voiceStats)
      const pool = poolMemoVoiceStats(past)
      expect(voicedSecondsOf(pool)).toBeGreaterThanOrEqual(AUTO_BASELINE_RULES.minVoicedSec)
      const today = channel(memos[count]!)
      const automatic = await analyse(today, { profileVoiceStats: pool })
      expect(automatic.baselineUsed.source).toBe('automatic')
      readings[name] = { gender: await analyse(today), automatic }
    }
    // What the app reads on the original microphone, once the memos hold enough speech.
    const reference = readings.plain.automatic.canonical
    const genderDrift = tv(readings.shifted.gender.canonical, reference)
    const automaticDrift = tv(readings.shifted.automatic.canonical, reference)
    // The shift matters: with the gender default the other microphone reads as another voice...
    expect(genderDrift).toBeGreaterThan(0.1)
    // ...and the automatic baseline, built from memos on the same microphone, brings most of the way back.
    expect(automaticDrift).toBeLessThan(genderDrift / 2)
  })
})
