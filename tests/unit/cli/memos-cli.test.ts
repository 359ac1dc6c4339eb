import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main } from '../../../src/cli/index'
import { openHaruService } from '../../../src/main/api/service'
import { DEFAULT_AUDIO_PACK, shippedModelsDir } from '../../../src/main/resources-dir'
import { encodeWav16 } from '../../../src/shared/audio'
import { localIsoDate } from '../../../src/shared/dates'
import { CANONICAL_EMOTIONS, type CanonicalDistribution } from '../../../src/shared/emotions'
import { syntheticSpeech } from '../../../bench/signals'
import { makeTempDir } from '../../helpers/temp-dir'

/** `haru memos add|list` on the shipped voice model (resources/models): no ../shared data needed. */
const tmp = makeTempDir()
const files = makeTempDir('haru-memo-files-')
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

/** Reads the diary as the app would, after the CLI has closed it. */
function query<T>(sql: string, ...params: unknown[]): T[] {
  const service = openHaruService({ dataDir: tmp.dir, appVersion: 't', transport: 'web' })
  try {
    return service.db.prepare(sql).all(...params) as T[]
  } finally {
    service.close()
  }
}

interface MemoJson {
  id: number
  entryDate: string
  filePath: string
  durationSec: number
  sampleRate: number
  transcript: string | null
}
interface Report {
  memo: MemoJson
  analysis: { voice: { modelId: string; canonical: CanonicalDistribution; baselineId: number | null } | null; text: unknown; fused: unknown; notes: string[] } | null
  dominant: { voice: string | null; text: string | null; fused: string | null }
}

const argmax = (d: CanonicalDistribution) => CANONICAL_EMOTIONS.reduce((best, e) => (d[e] > d[best] ? e : best))
const audioModelId = (JSON.parse(readFileSync(join(shippedModelsDir(), DEFAULT_AUDIO_PACK, 'manifest.json'), 'utf8')) as { id: string }).id
const speech = join(files.dir, 'speech-22k.wav')
const memoFiles = () => readdirSync(join(tmp.dir, 'memos'), { recursive: true, withFileTypes: true }).filter((f) => f.isFile()).map((f) => f.name)

beforeAll(async () => {
  // 3 s of speech-like sound at 22.05 kHz, so the import has to resample it to 16 kHz as the app does.
  writeFileSync(speech, encodeWav16(syntheticSpeech(3, 22050), 22050))
  expect((await haru('profiles', 'add', '지민', '--gender', 'female')).code).toBe(0)
})

describe('haru memos', () => {
  let added: Report

  it('adds a WAV as a memo of the given day and analyses its voice, like the app’s import', async () => {
    const r = await haru('memos', 'add', speech, '--date', '2026-11-24', '--json')
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    added = JSON.parse(r.out) as Report
    expect(added.memo).toMatchObject({ id: 1, entryDate: '2026-11-24', sampleRate: 16000, transcript: null })
    expect(added.memo.durationSec).toBeCloseTo(3, 2)
    expect(added.memo.filePath).toMatch(/^memos\/2026-11\/2026-11-24-[0-9a-f]{32}\.wav$/)

    // The stored row and file.
    const rows = query<{ id: number; file_path: string; duration_sec: number; sample_rate: number; entry_date: string; text: string }>(
      'SELECT vm.id, vm.file_path, vm.duration_sec, vm.sample_rate, e.entry_date, e.text FROM voice_memos vm JOIN entries e ON e.id = vm.entry_id'
    )
    expect(rows).toEqual([{ id: 1, file_path: added.memo.filePath, duration_sec: added.memo.durationSec, sample_rate: 16000, entry_date: '2026-11-24', text: '' }])
    expect(existsSync(join(tmp.dir, added.memo.filePath))).toBe(true)

    // The voice analysis: one 'audio' row with the shipped model and no stored baseline (no calibration), as printed.
    const voice = added.analysis!.voice!
    expect(voice.modelId).toBe(audioModelId)
    expect(voice.baselineId).toBeNull()
    expect(Object.values(voice.canonical).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5)
    expect(added.dominant).toEqual({ voice: argmax(voice.canonical), text: null, fused: null })
    expect(added.analysis!.text).toBeNull()
    expect(added.analysis!.notes).toEqual(['no transcript yet: the voice result stands alone'])
    const analyses = query<{ source: string; model_id: string; baseline_id: number | null; canonical_json: string }>(
      'SELECT source, model_id, baseline_id, canonical_json FROM analyses WHERE memo_id = 1'
    )
    expect(analyses).toHaveLength(1)
    expect(analyses[0]).toMatchObject({ source: 'audio', model_id: audioModelId, baseline_id: null })
    expect(JSON.parse(analyses[0]!.canonical_json)).toEqual(voice.canonical)

    // Same numbers as analysing the stored file directly through the profile (issue 16: before
    // calibration and before 10 s of speech in the profile's memos, the memo is read against itself).
    const direct = JSON.parse((await haru('analyze-audio', join(tmp.dir, added.memo.filePath), '--model', 'default', '--baseline', 'profile:지민', '--mode', 'full', '--json')).out) as {
      canonical: CanonicalDistribution
      baselineUsed: { source: string }
    }
    expect(direct.baselineUsed.source).toBe('memo')
    expect((added.analysis!.voice as unknown as { voiceReading: { baselineSource: string } }).voiceReading.baselineSource).toBe('memo')
    for (const e of CANONICAL_EMOTIONS) expect(voice.canonical[e]).toBeCloseTo(direct.canonical[e], 9)
  })

  it('lists memos with their stored analysis, for all days or one', async () => {
    const listed = JSON.parse((await haru('memos', 'list', '--json')).out) as Report[]
    expect(listed).toEqual([{ memo: { ...added.memo }, analysis: { ...added.analysis, notes: [] }, dominant: added.dominant }])
    expect(JSON.parse((await haru('memos', 'list', '--date', '2026-11-24', '--json')).out)).toEqual(listed)
    expect(JSON.parse((await haru('memos', 'list', '--date', '2026-11-25', '--json')).out)).toEqual([])

    const e = added.dominant.voice as keyof CanonicalDistribution
    const human = await haru('memos', 'list', '--profile', '지민')
    const label = { ANGRY: 'Angry', SAD: 'Sad', DISGUST: 'Disgust', HAPPY: 'Happy', FEAR: 'Fear', SURPRISE: 'Surprise', NEUTRAL: 'Neutral' }[e]
    expect(human.out).toBe(`2026-11-24\t#1\t3.0 s\tvoice ${label} ${(added.analysis!.voice!.canonical[e] * 100).toFixed(1)}%`)
    expect((await haru('memos', 'list', '--date', '2026-11-25')).out).toBe('no voice memos for 지민 on 2026-11-25')
  })

  it('refuses a corrupt file, naming it, and stores nothing', async () => {
    const corrupt = join(files.dir, 'broken.wav')
    writeFileSync(corrupt, Buffer.concat([readFileSync(speech).subarray(0, 40), Buffer.from('not audio at all')]))
    const r = await haru('memos', 'add', corrupt, '--date', '2026-11-25')
    expect(r.code).toBe(1)
    expect(r.out).toBe('')
    expect(r.err).toContain(corrupt)
    expect(r.err).toMatch(/cannot be imported: .*\(nothing was stored\)/)
    expect(query('SELECT id FROM voice_memos')).toEqual([{ id: 1 }])
    expect(query('SELECT entry_date FROM entries')).toEqual([{ entry_date: '2026-11-24' }])
    expect(memoFiles()).toEqual([added.memo.filePath.split('/').pop()])
    // Nothing is left in recordings/ (an import no longer passes through it at all since issue 14).
    const recordings = join(tmp.dir, 'recordings')
    expect(existsSync(recordings) ? readdirSync(recordings) : []).toEqual([])

    const missing = await haru('memos', 'add', join(files.dir, 'nope.wav'))
    expect(missing.code).toBe(1)
    expect(missing.err).toMatch(/cannot read .*nope\.wav/)
    expect((await haru('memos', 'add')).code).toBe(2)
  })

  it('keeps a memo whose analysis fails, says so, and exits 1 (default day: today)', async () => {
    const silence = join(files.dir, 'silence.wav')
    writeFileSync(silence, encodeWav16(new Float32Array(32000), 16000))
    const r = await haru('memos', 'add', silence)
    expect(r.code).toBe(1)
    expect(r.err).toMatch(/^haru: memo 2 was stored and is kept, but its voice analysis failed: no voice was detected/)
    expect(r.out).toMatch(new RegExp(`^stored memo 2 · ${localIsoDate()} · 2\\.0 s`))
    expect(r.out).toContain('\nvoice: not analysed\nnote: no voice was detected')
    const rows = query<{ id: number; entry_date: string; duration_sec: number }>(
      'SELECT vm.id, e.entry_date, vm.duration_sec FROM voice_memos vm JOIN entries e ON e.id = vm.entry_id WHERE vm.id = 2'
    )
    expect(rows).toEqual([{ id: 2, entry_date: localIsoDate(), duration_sec: 2 }])
    expect(query('SELECT id FROM analyses WHERE memo_id = 2')).toEqual([])
  })
})
