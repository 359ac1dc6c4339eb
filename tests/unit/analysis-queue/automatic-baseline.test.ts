/**
 * Issue 16, the app's wiring of the automatic voice baseline, with real SQLite, the real analysis
 * process and the shipped voice model: memos of one synthetic speaker arrive through the API (as
 * the Today page's import does), feed the profile's automatic baseline, past memos are re-read
 * through the queue when it becomes a new version, and a second microphone (quieter, band-passed)
 * reads back close to the first once its own memos describe the voice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { outdatedParts, wantedFor } from '../../../src/main/analysis-queue/currency'
import { openHaruService, type HaruService } from '../../../src/main/api/service'
import { insertActiveBaseline } from '../../../src/main/repos/baselines'
import { resourcesDir } from '../../../src/main/resources-dir'
import { createHaruApi } from '../../../src/shared/api/client'
import type { MemoAnalysis } from '../../../src/shared/api/memos-schemas'
import { encodeWav16 } from '../../../src/shared/audio'
import { AUTO_BASELINE_RULES } from '../../../src/shared/calibration/auto-baseline'
import { CANONICAL_EMOTIONS, type CanonicalDistribution } from '../../../src/shared/emotions'
import { butterworth } from '../../../training/audio/dsp'
import { syntheticVoice } from '../calibration/signals'
import { makeTempDir } from '../../helpers/temp-dir'
import { join } from 'node:path'
import { readFileSync } from 'node:fs'
import { repoRoot } from '../../helpers/shared-data'
import type { AudioModelManifest } from '../../../src/shared/models/manifest'

const PACK = join(repoRoot, 'resources', 'models', 'audio-default')
const manifest = JSON.parse(readFileSync(join(PACK, 'manifest.json'), 'utf8')) as AudioModelManifest
const tv = (a: CanonicalDistribution, b: CanonicalDistribution): number => CANONICAL_EMOTIONS.reduce((s, e) => s + Math.abs(a[e] - b[e]), 0) / 2

/** A laptop-like microphone 20 dB quieter: a 250 Hz–5 kHz band-pass and −20 dB of gain. */
const laptopMic = (x: Float32Array): Float32Array => butterworth(butterworth(x, 'highpass', 250, 16000, 4), 'lowpass', 5000, 16000, 2).map((v) => v * 0.1)
const plainMic = (x: Float32Array): Float32Array => x

/** The same speaker's memos on every microphone: 12 s each, the last one is "today's". */
const MEMOS = Array.from({ length: 4 }, (_, i) => syntheticVoice({ seconds: 12, seed: 300 + i, f0: 190 }))

let tmp: ReturnType<typeof makeTempDir>
let service: HaruService
let api: ReturnType<typeof createHaruApi>

const autoRows = (profileId: number) =>
  service.db.prepare('SELECT id, version, voiced_sec AS voicedSec, memo_count AS memoCount FROM automatic_baselines WHERE profile_id = ? ORDER BY version').all(profileId) as {
    id: number
    version: number
    voicedSec: number
    memoCount: number
  }[]

async function importMemo(profileId: number, samples: Float32Array, day: string): Promise<number> {
  const wav = encodeWav16(samples, 16000)
  const memo = await api.memos.import({ profileId, entryDate: day, fileName: 'memo.wav', dataBase64: Buffer.from(wav.buffer, wav.byteOffset, wav.byteLength).toString('base64') })
  return memo.id
}

/** One profile recording the same speaker through one microphone: three past memos, then today's. */
async function speakerThrough(name: string, mic: (x: Float32Array) => Float32Array) {
  const profile = await api.profiles.create({ name, gender: 'FEMALE' })
  const past: { id: number; first: MemoAnalysis }[] = []
  for (const [i, m] of MEMOS.slice(0, 3).entries()) {
    const id = await importMemo(profile.id, mic(m), `2026-11-0${i + 1}`)
    past.push({ id, first: await api.memos.analyze({ memoId: id }) })
  }
  // The queue brings the memos read before the automatic baseline existed up to date.
  await service.queue.runPending([profile.id])
  const todayId = await importMemo(profile.id, mic(MEMOS[3]!), '2026-11-04')
  const todayFirst = await api.memos.analyze({ memoId: todayId })
  // Today's memo may move the baseline once more: the queue re-reads what it made outdated.
  await service.queue.runPending([profile.id])
  const today = await api.memos.analysis({ memoId: todayId })
  return { profileId: profile.id, past, todayId, todayFirst, today }
}

beforeAll(() => {
  tmp = makeTempDir()
  service = openHaruService({ dataDir: tmp.dir, appVersion: 't', transport: 'web', backgroundAnalysis: false, queueQuietMs: 0 })
  api = createHaruApi(service.dispatch)
})
afterAll(() => {
  service?.close()
  tmp?.cleanup()
})

describe('automatic voice baseline in the app', () => {
  let plain: Awaited<ReturnType<typeof speakerThrough>>
  let laptop: Awaited<ReturnType<typeof speakerThrough>>

  it('reads the first memo against itself, then makes a versioned baseline from the memos and re-reads the past through the queue', { timeout: 180_000 }, async () => {
    plain = await speakerThrough('평소 마이크', plainMic)
    const first = plain.past[0]!.first.voice!
    expect(first.voiceReading).toMatchObject({ baselineSource: 'memo', automaticVoicedSec: null })
    expect(first.baselineId).toBeNull()

    const versions = autoRows(plain.profileId)
    expect(versions.length).toBeGreaterThanOrEqual(1)
    expect(versions[0]!.voicedSec).toBeGreaterThanOrEqual(AUTO_BASELINE_RULES.minVoicedSec)
    const current = versions.at(-1)!

    // Every past memo is current for the queue again: read against the newest version.
    const wanted = await wantedFor({ db: service.db, dataDir: tmp.dir, resourcesDir: resourcesDir() }, plain.profileId)
    expect(wanted.voice).toMatchObject({ baselineId: null, autoBaselineId: current.id })
    for (const id of [...plain.past.map((p) => p.id), plain.todayId]) expect(outdatedParts(service.db, wanted, { kind: 'memo', id })).toEqual([])
    const reread = service.db
      .prepare(
        `SELECT vr.auto_baseline_id AS auto FROM analyses a JOIN voice_readings vr ON vr.analysis_id = a.id
          WHERE a.memo_id = ? AND a.source = 'audio' ORDER BY a.id DESC LIMIT 1`
      )
      .get(plain.past[0]!.id) as { auto: number }
    expect(reread.auto).toBe(current.id)

    // Today's memo: the temporary baseline from the other memos, with the speech it rests on.
    expect(plain.todayFirst.voice!.voiceReading!.baselineSource).toBe('automatic')
    expect(plain.today.voice!.voiceReading!.baselineSource).toBe('automatic')
    expect(plain.today.voice!.voiceReading!.automaticVoicedSec).toBeGreaterThanOrEqual(AUTO_BASELINE_RULES.minVoicedSec)
    const status = await api.baselines.list({ profileId: plain.profileId })
    expect(status.active.kind).toBe('default-female')
    expect(status.automatic).toMatchObject({ inUse: true, neededSec: AUTO_BASELINE_RULES.minVoicedSec })
    expect(status.automatic!.version).toBe(autoRows(plain.profileId).at(-1)!.version)
  })

  it('brings a quieter, band-passed microphone back toward the first one, where the gender default does not', { timeout: 180_000 }, async () => {
    laptop = await speakerThrough('노트북 마이크', laptopMic)
    expect(laptop.today.voice!.voiceReading!.baselineSource).toBe('automatic')
    // What the gender default (every uncalibrated profile before issue 16) reads through the laptop.
    const gender = await service.analysis.request('analyze-audio', {
      wav: service.files.read(join(tmp.dir, (service.db.prepare('SELECT file_path FROM voice_memos WHERE id = ?').get(laptop.todayId) as { file_path: string }).file_path)),
      packDir: PACK,
      baseline: manifest.baselines.FEMALE,
      mode: 'full'
    })
    const reference = plain.today.voice!.canonical
    const genderDrift = tv(gender.canonical, reference)
    const automaticDrift = tv(laptop.today.voice!.canonical, reference)
    expect(genderDrift).toBeGreaterThan(0.1)
    expect(automaticDrift).toBeLessThan(genderDrift / 2)
  })

  it('never lets the automatic baseline replace a calibrated one', { timeout: 60_000 }, async () => {
    const calibrated = insertActiveBaseline(service.db, plain.profileId, manifest.baselines.FEMALE, 3, 'calibrated')
    const again = await api.memos.analyze({ memoId: plain.todayId })
    expect(again.voice).toMatchObject({ baselineId: calibrated.id, voiceReading: { baselineSource: 'calibrated', automaticVoicedSec: null } })
    const wanted = await wantedFor({ db: service.db, dataDir: tmp.dir, resourcesDir: resourcesDir() }, plain.profileId)
    expect(wanted.voice).toMatchObject({ baselineId: calibrated.id, autoBaselineId: null })
    const status = await api.baselines.list({ profileId: plain.profileId })
    expect(status.active).toEqual({ kind: 'calibrated', baselineId: calibrated.id })
    expect(status.automatic).toMatchObject({ inUse: false })
  })
})
