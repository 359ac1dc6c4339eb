import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { channelName } from '../../../src/shared/api/channel'
import type { Domain, InputOf, OutputOf, Verb } from '../../../src/shared/api/contract'
import { HaruApiError } from '../../../src/shared/api/errors'
import { MAX_TAKE_BASE64_CHARS } from '../../../src/shared/calibration/rules'
import { openHaruService, type HaruService } from '../../../src/main/api/service'
import { chooseBaseline } from '../../../src/main/baseline-choice'
import { makeTempDir } from '../../helpers/temp-dir'
import { silence } from './signals'
import { voiceBase64, voiceBase64At48k } from './wav-fixtures'
import { encodeWav16 } from '../../../src/shared/audio'

let tmp: ReturnType<typeof makeTempDir>
let service: HaruService
let profileId: number

async function api<D extends Domain, V extends Verb<D>>(domain: D, verb: V, input: InputOf<D, V>): Promise<OutputOf<D, V>> {
  const result = await service.dispatch(channelName(domain, verb), input)
  if (!result.ok) throw HaruApiError.fromData(result.error)
  return result.data as OutputOf<D, V>
}
async function apiError(domain: Domain, verb: string, input: unknown): Promise<{ code: string; message: string }> {
  const result = await service.dispatch(channelName(domain, verb), input)
  if (result.ok) throw new Error(`expected ${domain}.${verb} to fail`)
  return result.error
}
const takeFiles = () => {
  const root = join(tmp.dir, 'calibration')
  return existsSync(root) ? readdirSync(root, { recursive: true }).filter((f) => String(f).endsWith('.wav')).map(String) : []
}
const rowCount = (sql: string, ...args: unknown[]) => (service.db.prepare(sql).get(...args) as { n: number }).n

beforeAll(async () => {
  tmp = makeTempDir()
  service = openHaruService({ dataDir: tmp.dir, appVersion: 't', transport: 'web', resourcesDir: join(tmp.dir, 'no-resources') })
  profileId = (await api('profiles', 'create', { name: '지민', gender: 'FEMALE' })).id
})
afterAll(() => {
  service.close()
  tmp.cleanup()
})

describe('calibration through the API (real analysis process, real files)', () => {
  let sessionId: string

  it('starts with the gender default and no history', async () => {
    const status = await api('baselines', 'list', { profileId })
    expect(status).toMatchObject({ gender: 'FEMALE', active: { kind: 'default-female', baselineId: null }, defaultModel: false, baselines: [] })
    sessionId = (await api('calibration', 'start', { profileId })).sessionId
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('refuses a silent take with its reason and keeps nothing of it', async () => {
    const wavBase64 = Buffer.from(encodeWav16(silence(3), 16000)).toString('base64')
    const r = await api('calibration', 'addTake', { profileId, sessionId, sentenceIndex: 0, wavBase64 })
    expect(r).toMatchObject({ accepted: false, problems: ['silent'], takeId: null, sessionTakes: 0 })
    expect(takeFiles()).toEqual([])
    expect(rowCount('SELECT count(*) AS n FROM calibration_takes')).toBe(0)
  })

  it('keeps accepted takes as WAV files under the data folder, any sample rate', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await api('calibration', 'addTake', { profileId, sessionId, sentenceIndex: i, wavBase64: voiceBase64({ seconds: 4, seed: i + 1 }) })
      expect(r).toMatchObject({ accepted: true, problems: [], sessionTakes: i + 1 })
      expect(r.takeId).toBeGreaterThan(0)
    }
    // Resampled to 16 kHz by the analysis process; the file is kept at its own rate.
    const r48 = await api('calibration', 'addTake', { profileId, sessionId, sentenceIndex: 5, wavBase64: await voiceBase64At48k({ seconds: 4, seed: 6 }) })
    expect(r48.accepted).toBe(true)
    const files = takeFiles()
    expect(files).toHaveLength(6)
    const row = service.db.prepare('SELECT file_path, sample_rate FROM calibration_takes WHERE id = ?').get(r48.takeId) as { file_path: string; sample_rate: number }
    expect(row.sample_rate).toBe(48000)
    expect(row.file_path).toMatch(new RegExp(`^calibration/${profileId}/${sessionId}/[\\w-]+\\.wav$`))
    expect(readFileSync(join(tmp.dir, row.file_path)).subarray(0, 4).toString()).toBe('RIFF')
  })

  it('previews without saving, then saves the baseline as the active version', async () => {
    const preview = await api('calibration', 'preview', { profileId, sessionId })
    expect(preview).toMatchObject({ status: 'ok', reason: null, baselineId: null, usedTakes: 6, droppedTakes: 0, reference: null })
    expect(preview.voicedSec).toBeGreaterThan(15)
    expect(rowCount('SELECT count(*) AS n FROM baselines')).toBe(0)

    const saved = await api('calibration', 'save', { profileId, sessionId })
    expect(saved.status).toBe('ok')
    expect(saved.baseline).toEqual(preview.baseline)
    expect(saved.takes.map((t) => t.sentenceIndex)).toEqual([0, 1, 2, 3, 4, 5])
    const status = await api('baselines', 'list', { profileId })
    expect(status.active).toEqual({ kind: 'calibrated', baselineId: saved.baselineId })
    expect(status.baselines[0]).toMatchObject({ id: saved.baselineId, source: 'calibrated', isActive: true, clipCount: 6, takesKept: 6, sessionId })
    expect(status.baselines[0]!.features).toMatch(/^mfcc13/)
    // What every voice analysis now uses.
    const fakeManifest = { baselines: { MALE: { mean: [], std: [] }, FEMALE: { mean: [], std: [] } } } as never
    const choice = chooseBaseline(service.db, { id: profileId, gender: 'FEMALE' }, fakeManifest)
    expect(choice).toMatchObject({ source: 'calibrated', baselineId: saved.baselineId, vectors: saved.baseline })
  })

  it('closes a saved session', async () => {
    expect(await apiError('calibration', 'save', { profileId, sessionId })).toMatchObject({ code: 'conflict' })
    expect(await apiError('calibration', 'addTake', { profileId, sessionId, wavBase64: voiceBase64({ seconds: 3, seed: 1 }) })).toMatchObject({ code: 'conflict' })
    // Cancelling a saved session touches nothing.
    expect(await api('calibration', 'cancel', { profileId, sessionId })).toEqual({ deletedTakes: 0 })
    expect(takeFiles()).toHaveLength(6)
  })

  it('cancel at any step loses nothing already saved', async () => {
    const s2 = (await api('calibration', 'start', { profileId })).sessionId
    await api('calibration', 'addTake', { profileId, sessionId: s2, wavBase64: voiceBase64({ seconds: 4, seed: 11 }) })
    expect(takeFiles()).toHaveLength(7)
    expect(await api('calibration', 'cancel', { profileId, sessionId: s2 })).toEqual({ deletedTakes: 1 })
    expect(takeFiles()).toHaveLength(6)
    expect((await api('baselines', 'list', { profileId })).baselines).toHaveLength(1)
  })

  it('an abandoned session is cleaned up when the next one starts', async () => {
    const abandoned = (await api('calibration', 'start', { profileId })).sessionId
    await api('calibration', 'addTake', { profileId, sessionId: abandoned, wavBase64: voiceBase64({ seconds: 4, seed: 12 }) })
    expect(takeFiles()).toHaveLength(7)
    // A crash between writing a take and recording it leaves a file no row knows.
    const stray = join(tmp.dir, 'calibration', String(profileId), abandoned, 'crashed.wav')
    writeFileSync(stray, 'RIFF')
    await api('calibration', 'start', { profileId })
    expect(takeFiles()).toHaveLength(6)
    expect(existsSync(stray)).toBe(false)
    expect(rowCount('SELECT count(*) AS n FROM calibration_takes WHERE session_id = ?', abandoned)).toBe(0)
  })

  it('a session whose takes disagree saves nothing and says why', async () => {
    const s3 = (await api('calibration', 'start', { profileId })).sessionId
    for (const seed of [1, 2]) await api('calibration', 'addTake', { profileId, sessionId: s3, wavBase64: voiceBase64({ seconds: 4, seed }) })
    for (const seed of [7, 8]) {
      await api('calibration', 'addTake', { profileId, sessionId: s3, wavBase64: voiceBase64({ seconds: 4, seed, f0: 260, formantScale: 1.35 }) })
    }
    const r = await api('calibration', 'save', { profileId, sessionId: s3 })
    expect(r).toMatchObject({ status: 'rejected', reason: 'takes-disagree', baselineId: null, baseline: null })
    expect((await api('baselines', 'list', { profileId })).baselines).toHaveLength(1)
    await api('calibration', 'cancel', { profileId, sessionId: s3 })
  })

  it('recomputes a baseline from its kept takes as a new version, and switches between versions and the default', async () => {
    const before = await api('baselines', 'list', { profileId })
    const first = before.baselines[0]!
    const again = await api('baselines', 'recompute', { profileId, baselineId: first.id })
    expect(again.status).toBe('ok')
    expect(again.baselineId).not.toBe(first.id)
    // Same takes, same code: the same numbers.
    again.baseline!.mean.forEach((v, k) => expect(v).toBeCloseTo(first.mean[k]!, 4))
    let status = await api('baselines', 'list', { profileId })
    expect(status.baselines.map((b) => [b.id, b.isActive])).toEqual([
      [again.baselineId, true],
      [first.id, false]
    ])
    status = await api('baselines', 'activate', { profileId, baselineId: first.id })
    expect(status.active).toEqual({ kind: 'calibrated', baselineId: first.id })
    status = await api('baselines', 'useDefault', { profileId })
    expect(status.active).toEqual({ kind: 'default-female', baselineId: null })
    expect(status.baselines).toHaveLength(2)
    expect(await apiError('baselines', 'activate', { profileId, baselineId: 999 })).toMatchObject({ code: 'not-found' })
  })

  it('lists and deletes kept recordings; baselines stay but can no longer be recomputed', async () => {
    const sessions = await api('calibration', 'sessions', { profileId })
    expect(sessions).toHaveLength(1)
    expect(sessions[0]).toMatchObject({ sessionId, takes: 6 })
    expect(sessions[0]!.baselineIds).toHaveLength(2)
    expect(await api('calibration', 'deleteTakes', { profileId, sessionId })).toEqual({ deletedTakes: 6 })
    expect(takeFiles()).toEqual([])
    expect(existsSync(join(tmp.dir, 'calibration', String(profileId), sessionId))).toBe(false)
    const status = await api('baselines', 'list', { profileId })
    expect(status.baselines.map((b) => b.takesKept)).toEqual([0, 0])
    expect(await apiError('baselines', 'recompute', { profileId, baselineId: status.baselines[0]!.id })).toMatchObject({ code: 'not-found' })
  })

  it('refuses bad audio payloads with clear errors', async () => {
    const s = (await api('calibration', 'start', { profileId })).sessionId
    const notWav = await apiError('calibration', 'addTake', { profileId, sessionId: s, wavBase64: Buffer.from('x'.repeat(200)).toString('base64') })
    expect(notWav).toMatchObject({ code: 'invalid-input' })
    expect(notWav.message).toMatch(/could not be used/)
    expect(await apiError('calibration', 'addTake', { profileId, sessionId: s, wavBase64: '%%%'.repeat(40) })).toMatchObject({ code: 'invalid-input' })
    const huge = await apiError('calibration', 'addTake', { profileId, sessionId: s, wavBase64: 'A'.repeat(MAX_TAKE_BASE64_CHARS + 4) })
    expect(huge.message).toMatch(/larger than 3 MB/)
    expect(await apiError('calibration', 'addTake', { profileId: 999, sessionId: s, wavBase64: voiceBase64({ seconds: 2, seed: 1 }) })).toMatchObject({ code: 'not-found' })
    expect(takeFiles()).toEqual([])
  })
})
