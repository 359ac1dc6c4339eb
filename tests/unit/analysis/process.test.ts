import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AnalysisError, AnalysisHost } from '../../../src/main/analysis/host'
import { spawnNodeWorker } from '../../../src/main/analysis/spawn-node'
import { importSeedPack, type SeedExpectation } from '../../helpers/seed-pack'
import { hasShared, sharedPath } from '../../helpers/shared-data'
import { makeTempDir } from '../../helpers/temp-dir'

const fixture = (name: string) => sharedPath('fixtures/audio', name)

describe.skipIf(!hasShared('fixtures/audio') || !hasShared('models/seed-audio'))('analysis process (child_process.fork of the real entry)', () => {
  const tmp = makeTempDir()
  let host: AnalysisHost
  let packDir: string
  const baselines = JSON.parse(readFileSync(sharedPath('models/seed-audio/baselines.json'), 'utf8')) as Record<string, { mean: number[]; std: number[] }>
  const expected = JSON.parse(readFileSync(sharedPath('fixtures/audio/seed-model.expected.json'), 'utf8')) as { fixtures: Record<string, SeedExpectation> }

  beforeAll(async () => {
    packDir = await importSeedPack(tmp.dir)
    host = new AnalysisHost({ spawn: spawnNodeWorker(), backoffMs: [0, 50] })
  })
  afterAll(() => {
    host?.close()
    tmp.cleanup()
  })

  it('starts with a handshake and answers', async () => {
    const pong = await host.request('ping', {})
    expect(pong.pid).toBe(host.pid)
    expect(pong.pid).not.toBe(process.pid)
  })

  it('computes MFCC at the file’s own rate, matching librosa', async () => {
    const ref = JSON.parse(readFileSync(sharedPath('fixtures/audio/ko_hope_s160_p50_22050.mfcc.json'), 'utf8')) as { frames: number; mfcc: number[][] }
    const got = await host.request('mfcc', { wav: readFileSync(fixture('ko_hope_s160_p50_22050.wav')) })
    expect(got.sr).toBe(22050)
    expect(got.frames).toBe(ref.frames)
    const worst = Math.max(...got.mfcc.flatMap((row, t) => row.map((v, k) => Math.abs(v - ref.mfcc[t]![k]!))))
    expect(worst).toBeLessThan(2e-3)
  })

  it('seed mode reproduces the seed logits for 16 kHz fixtures through the process', async () => {
    for (const name of ['ko_happy_s120_p30_16k.wav', 'ko_angry_s190_p70_16k.wav', 'M0001_114169_16k.wav']) {
      for (const gender of ['MALE', 'FEMALE'] as const) {
        const r = await host.request('analyze-audio', { wav: readFileSync(fixture(name)), packDir, baseline: baselines[gender]!, mode: 'seed' })
        const want = expected.fixtures[name]![gender].logits
        expect(Math.max(...r.logits.map((v, i) => Math.abs(v - want[i]!)))).toBeLessThanOrEqual(1e-4)
        expect(r.windowsUsed).toBe(1)
        expect(r.labels).toEqual(['ANGRY', 'SAD', 'DISGUST', 'HAPPY', 'FEAR', 'SURPRISE'])
        expect(r.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6)
        expect(r.canonical.NEUTRAL).toBe(0)
      }
    }
  })

  it('full mode covers the whole memo in voiced windows', async () => {
    const r = await host.request('analyze-audio', { wav: readFileSync(fixture('ko_diary_long_s150_p50_16k.wav')), packDir, baseline: baselines.MALE!, mode: 'full' })
    // 370 frames → windows at 0, 50, …, 250 plus one flush with the end (270): 7 in all.
    expect(r.windowsTotal).toBe(7)
    expect(r.windowsUsed).toBeGreaterThanOrEqual(5)
    expect(r.windowsUsed).toBeLessThanOrEqual(7)
    expect(r.durationSec).toBeCloseTo(11.818, 2)
    expect(r.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6)
  })

  it('gives every odd fixture a result or a clear error, never a crash', async () => {
    const outcomes: Record<string, string> = {}
    for (const name of ['silence_1s_16k.wav', 'short_0p10s_16k.wav', 'ko_angry_clipped_x8_16k.wav', 'ko_angry_stereo_16k.wav', 'ko_hope_s160_p50_8000.wav', 'M0001_114169.wav']) {
      for (const mode of ['seed', 'full'] as const) {
        try {
          const r = await host.request('analyze-audio', { wav: readFileSync(fixture(name)), packDir, baseline: baselines.FEMALE!, mode })
          expect(r.probs.every(Number.isFinite)).toBe(true)
          outcomes[`${name}/${mode}`] = 'ok'
        } catch (err) {
          expect(err).toBeInstanceOf(AnalysisError)
          outcomes[`${name}/${mode}`] = (err as AnalysisError).code
        }
      }
    }
    // Digital silence has no voice to judge in full mode; seed mode keeps the seed's behaviour.
    expect(outcomes).toMatchObject({ 'silence_1s_16k.wav/full': 'no-speech', 'silence_1s_16k.wav/seed': 'ok', 'ko_hope_s160_p50_8000.wav/full': 'ok' })
    const pid = host.pid
    const corrupt = join(tmp.dir, 'corrupt.wav')
    writeFileSync(corrupt, Buffer.from('RIFF\x10\x00\x00\x00WAVEfmt garbage'))
    await expect(host.request('analyze-audio', { wav: readFileSync(corrupt), packDir, baseline: baselines.MALE!, mode: 'seed' })).rejects.toMatchObject({
      name: 'AnalysisError'
    })
    // Audio arrives as bytes (main reads the file): no bytes at all is refused as such, not a crash.
    await expect(host.request('analyze-audio', { wav: new Uint8Array(0), packDir, baseline: baselines.MALE!, mode: 'seed' })).rejects.toMatchObject({ name: 'AnalysisError' })
    expect(host.pid).toBe(pid)
  })

  it('fails pending requests when the process is killed, then restarts for the next one', async () => {
    const before = host.pid!
    const pending = host.request('analyze-audio', { wav: readFileSync(fixture('ko_diary_long_s150_p50_16k.wav')), packDir, baseline: baselines.MALE!, mode: 'full' })
    process.kill(before, 'SIGKILL')
    await expect(pending).rejects.toMatchObject({ code: 'crashed' })
    const pong = await host.request('ping', {})
    expect(pong.pid).not.toBe(before)
    expect(host.pid).toBe(pong.pid)
  })
})
