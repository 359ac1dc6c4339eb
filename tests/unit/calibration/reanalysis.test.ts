import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openHaruService, type HaruService } from '../../../src/main/api/service'
import { voiceAnalysisSetup } from '../../../src/main/calibration/voice-baseline'
import { resourcesDir } from '../../../src/main/resources-dir'
import { createHaruApi } from '../../../src/shared/api/client'
import { makeTempDir } from '../../helpers/temp-dir'
import { addMemo, count, fakeAnalysis } from '../analysis-queue/diary'
import { voiceBase64 } from './wav-fixtures'

/**
 * Re-analysing past memos after a calibration goes through the background analysis queue, with
 * the shipped voice model. `reanalysis.*` is the calibration page's view of that work.
 */
describe('re-analysing past memos with a new baseline', () => {
  const tmp = makeTempDir()
  let service: HaruService
  let api: ReturnType<typeof createHaruApi>
  let profileId: number
  const memoIds: number[] = []
  let neverAnalysed: number
  const VOICE = 'haru-audio-emodb-v2' // the shipped default voice model (issue 16)

  beforeAll(async () => {
    service = openHaruService({ dataDir: tmp.dir, appVersion: 't', transport: 'web' })
    api = createHaruApi(service.dispatch)
    profileId = (await api.profiles.create({ name: '서연', gender: 'UNSPECIFIED' })).id
    const entry = await api.entries.create({ profileId, entryDate: '2026-11-20', text: '오늘은 조용한 하루.' })
    fakeAnalysis(service.db, { entryId: entry.id }, 'text', 'haru-text-default-v2')
    memoIds.push(addMemo(service.db, tmp.dir, entry.id, { seed: 21 }), addMemo(service.db, tmp.dir, entry.id, { seed: 22 }))
    memoIds.push(addMemo(service.db, tmp.dir, entry.id, { missing: true })) // its file is gone
    neverAnalysed = addMemo(service.db, tmp.dir, entry.id, { seed: 23 })
    // The past: every memo but the last analysed by today's voice model with the profile's default.
    for (const memoId of memoIds) fakeAnalysis(service.db, { memoId }, 'audio', VOICE, { baselineId: null, createdAt: '2026-11-20T10:00:01Z' })
  })
  afterAll(() => {
    service?.close()
    tmp.cleanup()
  })

  it('has nothing outdated while the default is still in use', async () => {
    expect(await api.reanalysis.status({ profileId })).toMatchObject({ state: 'idle', outdatedMemos: 0, baselineId: null })
  })

  it('after a calibration, re-analyses the outdated memos (and the never analysed one) with the new baseline', { timeout: 60_000 }, async () => {
    const { sessionId } = await api.calibration.start({ profileId })
    for (let i = 0; i < 5; i++) await api.calibration.addTake({ profileId, sessionId, sentenceIndex: i, wavBase64: voiceBase64({ seconds: 4, seed: i + 1 }) })
    const saved = await api.calibration.save({ profileId, sessionId })
    expect(saved.status).toBe('ok')
    expect(saved.reference?.kind).toBe('default-average')
    const baselineId = saved.baselineId!

    // This service was not started (as in the CLI), so nothing ran by itself: the page offers it.
    expect(await api.reanalysis.status({ profileId })).toMatchObject({ state: 'idle', outdatedMemos: 3, baselineId })
    const started = await api.reanalysis.start({ profileId })
    expect(started).toMatchObject({ baselineId })
    expect(['running', 'done']).toContain(started.state)
    await service.queue.whenIdle()
    expect(await api.reanalysis.status({ profileId })).toMatchObject({ state: 'done', total: 4, done: 3, failed: 1, outdatedMemos: 1 })

    // Each new analysis names the calibrated baseline and equals a direct analysis with it.
    const setup = (await voiceAnalysisSetup(service.db, resourcesDir(), profileId))!
    expect(setup.choice).toMatchObject({ source: 'calibrated', baselineId })
    for (const [memoId, seed] of [[memoIds[0]!, 21], [memoIds[1]!, 22], [neverAnalysed, 23]] as const) {
      const row = service.db.prepare("SELECT * FROM analyses WHERE memo_id = ? AND source = 'audio' ORDER BY id DESC LIMIT 1").get(memoId) as { baseline_id: number; model_id: string; probs_json: string }
      expect(row.baseline_id).toBe(baselineId)
      expect(row.model_id).toBe(setup.manifest.id)
      const direct = await service.analysis.request('analyze-audio', { wav: readFileSync(join(tmp.dir, `memos/test/m-${1}-${seed}.wav`)), packDir: setup.packDir, baseline: setup.choice.vectors, mode: 'full' })
      expect(JSON.parse(row.probs_json)).toEqual(direct.probs)
    }
  })

  it('going back to the default makes them outdated again', async () => {
    await api.baselines.useDefault({ profileId })
    // Issue 16: without calibration the profile's memos now give an automatic baseline (their 3 × 4 s
    // of speech reached its 10 s while they were re-analysed), so every memo read against something
    // else is outdated: the three re-analysed ones and the one whose file is gone (read against the
    // gender default).
    const status = await api.baselines.list({ profileId })
    expect(status.automatic).toMatchObject({ inUse: true })
    expect((await api.reanalysis.status({ profileId })).outdatedMemos).toBe(4)
  })

  it('in the app (the queue started), a baseline change re-analyses the memos by itself', { timeout: 60_000 }, async () => {
    service.queue.start()
    await service.queue.whenIdle()
    const status = await api.baselines.list({ profileId })
    const calibrated = status.baselines.find((b) => b.source === 'calibrated')!
    await api.baselines.activate({ profileId, baselineId: calibrated.id })
    await service.queue.whenIdle()
    expect(await api.reanalysis.status({ profileId })).toMatchObject({ outdatedMemos: 1, baselineId: calibrated.id })
    expect(count(service.db, "SELECT count(*) AS n FROM analyses WHERE source = 'audio' AND baseline_id = ?", calibrated.id)).toBe(6)
  })
})
