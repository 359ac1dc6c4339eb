import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { main } from '../../../src/cli/index'
import { openHaruService } from '../../../src/main/api/service'
import { insertActiveBaseline } from '../../../src/main/repos/baselines'
import type { SeedExpectation } from '../../helpers/seed-pack'
import { hasShared, sharedPath } from '../../helpers/shared-data'
import { makeTempDir } from '../../helpers/temp-dir'

describe.skipIf(!hasShared('fixtures/audio') || !hasShared('models/seed-audio'))('haru audio commands', () => {
  const tmp = makeTempDir()
  afterAll(() => tmp.cleanup())
  const seedDir = sharedPath('models/seed-audio')
  const fixture = (n: string) => sharedPath('fixtures/audio', n)

  async function haru(...argv: string[]) {
    const out: string[] = []
    const err: string[] = []
    const code = await main([...argv, '--data-dir', tmp.dir], (s) => out.push(s), (s) => err.push(s))
    return { code, out: out.join('\n'), err: err.join('\n') }
  }

  it('mfcc --json prints librosa-parity MFCC at the file’s own rate', async () => {
    const r = await haru('mfcc', fixture('M0001_114169.wav'), '--json')
    const got = JSON.parse(r.out) as { sr: number; frames: number; mfcc: number[][] }
    const ref = JSON.parse(readFileSync(fixture('M0001_114169.mfcc.json'), 'utf8')) as { mfcc: number[][] }
    expect(got.sr).toBe(48000)
    expect(got.frames).toBe(394)
    expect(Math.max(...got.mfcc.flatMap((row, t) => row.map((v, k) => Math.abs(v - ref.mfcc[t]![k]!))))).toBeLessThan(2e-3)
  })

  it('imports the seed model and analyses with it, including a profile’s calibrated baseline', async () => {
    const out = join(tmp.dir, 'models', 'seed-audio')
    const imported = await haru('models', 'import-seed-audio', '--pth', join(seedDir, 'pytorch_model.pth'), '--labels', join(seedDir, 'labels.json'), '--baselines', join(seedDir, 'baselines.json'), '--out', out)
    expect(imported.out).toMatch(/imported seed-audio/)
    expect(imported.out).toMatch(/looks untrained/)

    const expected = JSON.parse(readFileSync(fixture('seed-model.expected.json'), 'utf8')) as { fixtures: Record<string, SeedExpectation> }
    const r = await haru('analyze-audio', fixture('ko_angry_s190_p70_16k.wav'), '--model', 'seed', '--baseline', 'female', '--mode', 'seed', '--json')
    const result = JSON.parse(r.out) as { logits: number[]; windowsUsed: number; baseline: string }
    const want = expected.fixtures['ko_angry_s190_p70_16k.wav']!.FEMALE.logits
    expect(Math.max(...result.logits.map((v, i) => Math.abs(v - want[i]!)))).toBeLessThanOrEqual(1e-4)

    // A profile with a calibrated baseline equal to the MALE one must reproduce the MALE logits.
    const baselines = JSON.parse(readFileSync(join(seedDir, 'baselines.json'), 'utf8')) as Record<string, { mean: number[]; std: number[] }>
    await haru('profiles', 'add', '민준', '--gender', 'female')
    const service = openHaruService({ dataDir: tmp.dir, appVersion: 't', transport: 'web' })
    insertActiveBaseline(service.db, 1, baselines.MALE!, 7, 'calibrated')
    service.close()
    const viaProfile = JSON.parse((await haru('analyze-audio', fixture('ko_angry_s190_p70_16k.wav'), '--model', 'seed', '--baseline', 'profile:민준', '--mode', 'seed', '--json')).out) as typeof result
    expect(viaProfile.baseline).toBe('profile:민준 (calibrated #1)')
    const male = expected.fixtures['ko_angry_s190_p70_16k.wav']!.MALE.logits
    expect(Math.max(...viaProfile.logits.map((v, i) => Math.abs(v - male[i]!)))).toBeLessThanOrEqual(1e-4)
  })

  it('reports bad audio and a missing model clearly', async () => {
    const silence = await haru('analyze-audio', fixture('silence_1s_16k.wav'), '--model', 'seed', '--mode', 'full')
    expect(silence).toMatchObject({ code: 1 })
    expect(silence.err).toMatch(/no voice was detected/)
    const notWav = await haru('analyze-audio', fixture('seed-model.expected.json'), '--model', 'seed')
    expect(notWav.err).toMatch(/not a WAV file/)
    const other = makeTempDir()
    const out: string[] = []
    const err: string[] = []
    expect(await main(['analyze-audio', fixture('silence_1s_16k.wav'), '--model', 'seed', '--data-dir', other.dir], (s) => out.push(s), (s) => err.push(s))).toBe(1)
    expect(err.join('')).toMatch(/seed model is not imported yet/)
    other.cleanup()
  })
})
