import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { channelName } from '../../../src/shared/api/channel'
import type { Domain, InputOf, OutputOf, Verb } from '../../../src/shared/api/contract'
import { HaruApiError } from '../../../src/shared/api/errors'
import { encodeWav16 } from '../../../src/shared/audio'
import { openHaruService, type HaruService } from '../../../src/main/api/service'
import { reanalysisFinished } from '../../../src/main/calibration/reanalysis'
import { defaultAudioPackDir, voiceAnalysisSetup } from '../../../src/main/calibration/voice-baseline'
import { importSeedAudioFromDir } from '../../../src/main/models/seed-import'
import { insertAnalysis } from '../../../src/main/repos/analyses'
import { hasShared, sharedPath } from '../../helpers/shared-data'
import { makeTempDir } from '../../helpers/temp-dir'
import { syntheticVoice } from './signals'
import { voiceBase64 } from './wav-fixtures'

/**
 * Re-analysing past memos after a calibration, with a real model: the seed checkpoint imported
 * as the "shipped" default pack of a temporary resources folder.
 */
describe.skipIf(!hasShared('models/seed-audio'))('re-analysing past memos with a new baseline', () => {
  const tmp = makeTempDir()
  const resources = join(tmp.dir, 'resources')
  const data = join(tmp.dir, 'data')
  let service: HaruService
  let profileId: number
  const memoIds: number[] = []

  async function api<D extends Domain, V extends Verb<D>>(domain: D, verb: V, input: InputOf<D, V>): Promise<OutputOf<D, V>> {
    const result = await service.dispatch(channelName(domain, verb), input)
    if (!result.ok) throw HaruApiError.fromData(result.error)
    return result.data as OutputOf<D, V>
  }

  beforeAll(async () => {
    await importSeedAudioFromDir(sharedPath('models', 'seed-audio'), defaultAudioPackDir(resources))
    service = openHaruService({ dataDir: data, appVersion: 't', transport: 'web', resourcesDir: resources })
    profileId = (await api('profiles', 'create', { name: '서연', gender: 'UNSPECIFIED' })).id
    const entry = await api('entries', 'create', { profileId, entryDate: '2026-11-20', text: '오늘은 조용한 하루.' })
    mkdirSync(join(data, 'memos'), { recursive: true })
    const addMemo = (filePath: string) =>
      (service.db.prepare("INSERT INTO voice_memos (entry_id, file_path, duration_sec, sample_rate, created_at) VALUES (?, ?, 4, 16000, '2026-11-20T10:00:00Z') RETURNING id").get(entry.id, filePath) as { id: number }).id
    for (const seed of [21, 22]) {
      writeFileSync(join(data, 'memos', `m${seed}.wav`), encodeWav16(syntheticVoice({ seconds: 4, seed }), 16000))
      memoIds.push(addMemo(`memos/m${seed}.wav`))
    }
    memoIds.push(addMemo('memos/gone.wav')) // its file is missing
    const neverAnalysed = addMemo('memos/m21.wav')
    // The past: every memo but the last analysed with the profile's default.
    for (const memoId of memoIds) {
      insertAnalysis(service.db, { memoId, source: 'audio', modelId: 'old', baselineId: null, labels: ['A', 'B'], probs: [0.5, 0.5], canonical: { ANGRY: 0.5, SAD: 0, DISGUST: 0, HAPPY: 0, FEAR: 0, SURPRISE: 0, NEUTRAL: 0.5 }, createdAt: '2026-11-20T10:00:01Z' })
    }
    expect(neverAnalysed).toBeGreaterThan(0)
  })
  afterAll(() => {
    service?.close()
    tmp.cleanup()
  })

  it('has nothing outdated while the default is still in use', async () => {
    expect(await api('reanalysis', 'status', { profileId })).toMatchObject({ state: 'idle', outdatedMemos: 0, baselineId: null })
  })

  it('after a calibration, re-analyses exactly the outdated memos with the new baseline, with progress', async () => {
    const { sessionId } = await api('calibration', 'start', { profileId })
    for (let i = 0; i < 5; i++) await api('calibration', 'addTake', { profileId, sessionId, sentenceIndex: i, wavBase64: voiceBase64({ seconds: 4, seed: i + 1 }) })
    const saved = await api('calibration', 'save', { profileId, sessionId })
    expect(saved.status).toBe('ok')
    // The summary compares with the default this profile had (the average of the two).
    expect(saved.reference?.kind).toBe('default-average')
    const baselineId = saved.baselineId!

    expect(await api('reanalysis', 'status', { profileId })).toMatchObject({ state: 'idle', outdatedMemos: 3, baselineId })
    const started = await api('reanalysis', 'start', { profileId })
    expect(started).toMatchObject({ total: 3, baselineId })
    expect(['running', 'done']).toContain(started.state)
    await reanalysisFinished(service.db, profileId)
    expect(await api('reanalysis', 'status', { profileId })).toMatchObject({ state: 'done', total: 3, done: 2, failed: 1, outdatedMemos: 1 })

    // Each new analysis names the calibrated baseline and equals a direct analysis with it.
    const setup = (await voiceAnalysisSetup(service.db, resources, profileId))!
    expect(setup.choice).toMatchObject({ source: 'calibrated', baselineId })
    for (const [i, memoId] of memoIds.slice(0, 2).entries()) {
      const row = service.db.prepare("SELECT * FROM analyses WHERE memo_id = ? AND source = 'audio' ORDER BY id DESC LIMIT 1").get(memoId) as { baseline_id: number; model_id: string; probs_json: string }
      expect(row.baseline_id).toBe(baselineId)
      expect(row.model_id).toBe(setup.manifest.id)
      const direct = await service.analysis.request('analyze-audio', { wavPath: join(data, 'memos', `m${21 + i}.wav`), packDir: setup.packDir, baseline: setup.choice.vectors, mode: 'full' })
      expect(JSON.parse(row.probs_json)).toEqual(direct.probs)
    }
  })

  it('going back to the default makes them outdated again', async () => {
    await api('baselines', 'useDefault', { profileId })
    // The two re-analysed memos; the one whose file is gone still has its default analysis.
    expect((await api('reanalysis', 'status', { profileId })).outdatedMemos).toBe(2)
  })
})
