import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../../src/cli/index'
import { openDatabase } from '../../../src/main/db/open'
import { decodeWav } from '../../../src/shared/audio'
import { hasAudioTools, makePhoneMemos, OTHER_SENTENCE } from '../../helpers/phone-audio'
import { makeTempDir } from '../../helpers/temp-dir'

/** `haru memos add` with a phone's voice notes, end to end: decode, store on the recording's day, analyse. */
const ready = hasAudioTools()
const tmp = makeTempDir('haru-phone-cli-')
const data = join(tmp.dir, 'data')
let dated: ReturnType<typeof makePhoneMemos>
let undated: ReturnType<typeof makePhoneMemos>

async function haru(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await main([...argv, '--data-dir', data], (s) => out.push(s), (s) => err.push(s))
  return { code, out: out.join('\n'), err: err.join('\n') }
}
const memoRows = () => {
  const db = openDatabase(data)
  try {
    return db.prepare('SELECT vm.id, vm.file_path AS filePath, e.entry_date AS day FROM voice_memos vm JOIN entries e ON e.id = vm.entry_id ORDER BY vm.id').all() as { id: number; filePath: string; day: string }[]
  } finally {
    db.close()
  }
}

beforeAll(async () => {
  if (!ready) return
  dated = makePhoneMemos(tmp.dir, { stamp: '2026-09-14T12:00:00Z' })
  undated = makePhoneMemos(tmp.dir, { sentence: OTHER_SENTENCE, prefix: 'undated-' })
  expect((await haru('profiles', 'add', '지민', '--gender', 'female')).code).toBe(0)
}, 120_000) // ten files through ffmpeg and sox, on a loaded machine
afterAll(() => tmp.cleanup())

describe.skipIf(!ready)('haru memos add with phone formats', () => {
  it('stores an iPhone-style M4A on the day it was recorded, as a 16 kHz WAV, and analyses its voice', { timeout: 60_000 }, async () => {
    const r = await haru('memos', 'add', dated.m4a, '--json')
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    const report = JSON.parse(r.out) as { memo: { entryDate: string; filePath: string; durationSec: number }; dayFrom: string; analysis: { voice: { modelId: string } | null } }
    expect(report).toMatchObject({ memo: { entryDate: '2026-09-14' }, dayFrom: 'recorded' })
    expect(report.analysis.voice?.modelId).toBe('haru-audio-emodb-v2')
    const stored = decodeWav(new Uint8Array(readFileSync(join(data, report.memo.filePath))))
    expect(stored.sampleRate).toBe(16000)
    const wavSeconds = decodeWav(new Uint8Array(readFileSync(dated.wav))).samples.length / 22050
    expect(report.memo.durationSec).toBeCloseTo(wavSeconds, 1)
  })

  it("uses the file's modification day when the file carries no date, and --date over both", { timeout: 60_000 }, async () => {
    utimesSync(undated.opus, new Date(2026, 7, 3, 9), new Date(2026, 7, 3, 9))
    const fromMtime = await haru('memos', 'add', undated.opus)
    expect(fromMtime.code).toBe(0)
    expect(fromMtime.out).toMatch(/^stored memo \d+ · 2026-08-03 · .*day from the file's modification date/)
    const flagged = await haru('memos', 'add', dated.flac, '--date', '2026-11-01', '--json')
    expect(JSON.parse(flagged.out)).toMatchObject({ memo: { entryDate: '2026-11-01' }, dayFrom: 'flag' })
    for (const file of [dated.mp3, dated.vorbis]) expect((await haru('memos', 'add', file)).code).toBe(0)
    expect(memoRows().map((m) => m.day)).toEqual(['2026-09-14', '2026-08-03', '2026-11-01', '2026-09-14', '2026-09-14'])
  })

  it('refuses a damaged file by name and stores nothing', async () => {
    const before = memoRows()
    const cut = join(tmp.dir, '녹음 (잘림).m4a')
    const bytes = readFileSync(dated.m4a)
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)))
    const r = await haru('memos', 'add', cut)
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/녹음 \(잘림\)\.m4a (could not be decoded|has no audio Haru can decode) as M4A\/AAC/)
    expect(r.err).toContain('nothing was stored')
    expect(memoRows()).toEqual(before)
    const files = existsSync(join(data, 'memos')) ? readdirSync(join(data, 'memos'), { recursive: true }).filter((f) => String(f).endsWith('.wav')) : []
    expect(files).toHaveLength(before.length)
  })
})
