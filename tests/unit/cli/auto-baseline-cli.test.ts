import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../../src/cli/index'
import { encodeWav16 } from '../../../src/shared/audio'
import { AUTO_BASELINE_RULES } from '../../../src/shared/calibration/auto-baseline'
import { makeTempDir } from '../../helpers/temp-dir'
import { syntheticVoice } from '../calibration/signals'

/**
 * Issue 16 in the CLI: `haru memos add` feeds the profile's automatic baseline (and re-reads past
 * memos through the queue when it changes), and `haru analyze-audio --baseline profile:NAME` makes
 * the app's choice, calibrated → automatic → per-memo, saying in its JSON which one it used.
 */
const tmp = makeTempDir()
const files = makeTempDir('haru-auto-cli-')
afterAll(() => {
  tmp.cleanup()
  files.cleanup()
})

async function haru(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await main([...argv, '--data-dir', tmp.dir], (s) => out.push(s), (s) => err.push(s))
  return { code, out: out.join('\n'), err: err.join('\n') }
}
const memoFile = (name: string, seed: number) => {
  const path = join(files.dir, name)
  writeFileSync(path, encodeWav16(syntheticVoice({ seconds: 12, seed, f0: 200 }), 16000))
  return path
}
const used = async (file: string) =>
  JSON.parse((await haru('analyze-audio', file, '--baseline', 'profile:지우', '--json')).out) as { baseline: string; baselineUsed: { source: string; automaticVoicedSec: number | null } }

beforeAll(async () => {
  expect((await haru('profiles', 'add', '지우', '--gender', 'female')).code).toBe(0)
})

describe('automatic baseline from the CLI', () => {
  it('reads against the memo itself at first, then against the baseline its memos made, and says so', { timeout: 120_000 }, async () => {
    const probe = memoFile('probe.wav', 90)
    expect((await used(probe)).baselineUsed.source).toBe('memo')

    const first = await haru('memos', 'add', memoFile('a.wav', 91), '--date', '2026-11-01', '--profile', '지우', '--json')
    expect(first.code).toBe(0)
    const report = JSON.parse(first.out) as { analysis: { voice: { voiceReading: { baselineSource: string } } }; automaticBaseline?: { changed: boolean; reanalysed: number } }
    expect(report.analysis.voice.voiceReading.baselineSource).toBe('memo')
    // One 12 s memo holds the 10 s of voiced speech: the first version, and its own re-read through the queue.
    expect(report.automaticBaseline).toMatchObject({ changed: true, reanalysed: 1 })

    const after = await used(probe)
    expect(after.baseline).toBe('profile:지우 (automatic v1)')
    expect(after.baselineUsed.source).toBe('automatic')
    expect(after.baselineUsed.automaticVoicedSec).toBeGreaterThanOrEqual(AUTO_BASELINE_RULES.minVoicedSec)

    const text = await haru('memos', 'add', memoFile('b.wav', 92), '--date', '2026-11-02', '--profile', '지우')
    expect(text.out).toMatch(/voice: .*automatic baseline from your memos, \d+ s of speech/)
  })
})
