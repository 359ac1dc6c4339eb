import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../../src/cli/index'
import { encodeWav16 } from '../../../src/shared/audio'
import { hasShared, sharedPath } from '../../helpers/shared-data'
import { makeTempDir } from '../../helpers/temp-dir'
import { silence, syntheticVoice } from './signals'

describe('haru calibrate / baselines list', () => {
  const tmp = makeTempDir()
  const data = join(tmp.dir, 'data')
  const wav = (name: string, samples: Float32Array) => {
    const path = join(tmp.dir, name)
    writeFileSync(path, encodeWav16(samples, 16000))
    return path
  }
  async function haru(...argv: string[]) {
    const out: string[] = []
    const err: string[] = []
    const code = await main([...argv, '--data-dir', data], (s) => out.push(s), (s) => err.push(s))
    return { code, out: out.join('\n'), err: err.join('\n') }
  }
  const takes: string[] = []
  beforeAll(async () => {
    for (let i = 1; i <= 5; i++) takes.push(wav(`take${i}.wav`, syntheticVoice({ seconds: 4, seed: i })))
    expect((await haru('profiles', 'add', '도윤', '--gender', 'male')).code).toBe(0)
  })
  afterAll(() => tmp.cleanup())

  it('computes, stores and prints a baseline; refused and unreadable files are reported, not used', async () => {
    const notWav = join(tmp.dir, 'notes.wav')
    writeFileSync(notWav, 'this is not audio')
    const r = await haru('calibrate', '--profile', '도윤', ...takes, wav('quiet.wav', silence(3)), notWav)
    expect(r.code).toBe(0)
    const result = JSON.parse(r.out) as {
      status: string
      baselineId: number
      baseline: { mean: number[]; std: number[] }
      usedTakes: number
      takes: { file: string; accepted: boolean; problems: string[]; used: boolean; error?: string }[]
    }
    expect(result).toMatchObject({ status: 'ok', usedTakes: 5, baselineId: 1 })
    expect(result.baseline.mean).toHaveLength(13)
    expect(result.takes.map((t) => [t.accepted, t.used])).toEqual([...takes.map(() => [true, true]), [false, false], [false, false]])
    expect(result.takes[5]!.problems).toEqual(['silent'])
    expect(result.takes[6]!.error).toMatch(/could not be used.*RIFF|not.*WAV/i)
    // The five accepted recordings are kept in the data folder for recomputation.
    expect(readdirSync(join(data, 'calibration', '1'), { recursive: true }).filter((f) => String(f).endsWith('.wav'))).toHaveLength(5)

    const list = await haru('baselines', 'list', '--profile', '도윤', '--json')
    const status = JSON.parse(list.out) as { active: { kind: string; baselineId: number }; baselines: { id: number; takesKept: number; mean: number[] }[] }
    expect(status.active).toEqual({ kind: 'calibrated', baselineId: 1 })
    expect(status.baselines).toHaveLength(1)
    expect(status.baselines[0]).toMatchObject({ id: 1, takesKept: 5, mean: result.baseline.mean })
    expect((await haru('baselines', 'list', '--profile', '도윤')).out).toMatch(/analyses use calibrated #1\n\* #1\t.*\tcalibrated\t5 takes/)
  })

  it('stores nothing and exits 1 when the takes give no sound baseline', async () => {
    const r = await haru('calibrate', '--profile', '도윤', takes[0]!, wav('silent.wav', silence(2)))
    expect(r.code).toBe(1)
    expect(JSON.parse(r.out)).toMatchObject({ status: 'rejected', reason: 'too-few-takes', baselineId: null })
    expect(r.err).toMatch(/no baseline stored: too-few-takes \(1 of 2 takes passed/)
    expect(readdirSync(join(data, 'calibration', '1'))).toHaveLength(1) // only the first calibration's session
    expect(JSON.parse((await haru('baselines', 'list', '--profile', '도윤', '--json')).out).baselines).toHaveLength(1)
  })

  it('needs files and a known profile', async () => {
    expect((await haru('calibrate', '--profile', '도윤')).code).toBe(2)
    const unknown = await haru('calibrate', '--profile', '없음', takes[0]!)
    expect(unknown.code).toBe(1)
    expect(unknown.err).toMatch(/no profile named "없음"/)
  })

  it.skipIf(!hasShared('models/seed-audio'))('analyze-audio --baseline profile:NAME uses the calibrated baseline', async () => {
    const seedOut = join(data, 'models', 'seed-audio')
    const seedDir = sharedPath('models', 'seed-audio')
    if (!existsSync(seedOut)) {
      await haru('models', 'import-seed-audio', '--pth', join(seedDir, 'pytorch_model.pth'), '--labels', join(seedDir, 'labels.json'), '--baselines', join(seedDir, 'baselines.json'), '--out', seedOut)
    }
    const r = await haru('analyze-audio', takes[0]!, '--model', 'seed', '--baseline', 'profile:도윤', '--json')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.out).baseline).toBe('profile:도윤 (calibrated #1)')
  })
})
