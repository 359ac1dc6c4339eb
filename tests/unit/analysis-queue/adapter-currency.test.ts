import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { saveAdapter } from '../../../src/main/adaptation/adapter-repo'
import { outdatedParts, pendingItems, wantedFor, wantedKey, type Wanted } from '../../../src/main/analysis-queue/currency'
import { openHaruService, type HaruService } from '../../../src/main/api/service'
import { sentenceHash } from '../../../src/main/corrections/apply'
import { insertSentenceCorrection, upsertMemoCorrection } from '../../../src/main/corrections/corrections-repo'
import { isPersonalReadingCurrent, targetCorrectionsKey } from '../../../src/main/corrections/currency'
import { openDatabase, type Db } from '../../../src/main/db/open'
import { currentAnalysis } from '../../../src/main/repos/analyses'
import { updateSettings } from '../../../src/main/repos/settings'
import { resourcesDir } from '../../../src/main/resources-dir'
import { trainAdapter } from '../../../src/shared/adaptation/train'
import { createHaruApi } from '../../../src/shared/api/client'
import { makeTempDir } from '../../helpers/temp-dir'
import { addEntries, addMemo, fakeAnalysis } from './diary'

/**
 * Issue 12 in the queue's currency rule: a text reading must have gone through the profile's
 * adapter as it is now, and every reading must carry the corrections its entry or memo has now.
 */
let tmp: ReturnType<typeof makeTempDir>
const TEXT = 'haru-text-default-v2' // the shipped default pack's id
const VOICE = 'haru-audio-emodb-v2' // the shipped default voice model (issue 16)
const none = { entries: [], memos: [] }
/** An adapter that learnt nothing is still a new version: readings by another one are out of date. */
const storeAdapter = (db: Db, profileId: number) => saveAdapter(db, { profileId, modelId: TEXT, trainedOn: `t${Math.random()}`, result: trainAdapter([]) })

beforeEach(() => {
  tmp = makeTempDir()
})
afterEach(() => tmp.cleanup())

describe('the currency rule and the writer’s own word (SQL, no analysis process)', () => {
  let db: Db
  const ctx = () => ({ db, dataDir: tmp.dir, resourcesDir: resourcesDir() })
  const pending = (w: Wanted) => pendingItems(db, w, none, 1000).map((i) => `${i.kind}:${i.id}`).sort()
  beforeEach(() => {
    db = openDatabase(tmp.dir)
  })
  afterEach(() => db.close())

  it('finds text readings by another adapter than the profile’s now, and none while adaptation is off and nothing was read through one', async () => {
    const { profileId, entryIds } = addEntries(db, '지민', 3)
    const [a, b, emptied] = entryIds as [number, number, number]
    for (const id of entryIds) fakeAnalysis(db, { entryId: id }, 'text', TEXT)
    db.prepare("UPDATE entries SET text = '' WHERE id = ?").run(emptied)
    const memo = addMemo(db, tmp.dir, a, { seed: 1, transcript: '오늘은 기뻤다.' })
    for (const source of ['audio', 'text', 'fused'] as const) fakeAnalysis(db, { memoId: memo }, source, source === 'audio' ? VOICE : TEXT)

    const before = await wantedFor(ctx(), profileId)
    expect(before.adapterVersion).toBeNull()
    expect(pending(before)).toEqual([])

    const v1 = storeAdapter(db, profileId)
    const w1 = await wantedFor(ctx(), profileId)
    expect(w1.adapterVersion).toBe(v1)
    // Earlier failures are tried again under a new adapter.
    expect(wantedKey(w1)).not.toBe(wantedKey(before))
    // The emptied entry has nothing to read; the memo's words do, its voice not.
    expect(pending(w1)).toEqual([`entry:${a}`, `entry:${b}`, `memo:${memo}`].sort())
    expect(outdatedParts(db, w1, { kind: 'entry', id: a })).toEqual(['entry-text'])
    expect(outdatedParts(db, w1, { kind: 'memo', id: memo })).toEqual(['memo-text'])

    // Read through v1: current. A newer adapter makes it out of date again.
    db.prepare('UPDATE analyses SET adapter_version = ? WHERE entry_id = ?').run(v1, a)
    expect(pending(w1)).not.toContain(`entry:${a}`)
    const v2 = storeAdapter(db, profileId)
    expect(outdatedParts(db, await wantedFor(ctx(), profileId), { kind: 'entry', id: a })).toEqual(['entry-text'])
    expect(v2).toBeGreaterThan(v1)

    // Adaptation off: only what was read through an adapter is out of date.
    updateSettings(db, profileId, { adaptation: false })
    const off = await wantedFor(ctx(), profileId)
    expect(off.adapterVersion).toBeNull()
    expect(pending(off)).toEqual([`entry:${a}`])
  })

  it('finds readings that lack the corrections their entry or memo has now, and agrees with the JavaScript rule', async () => {
    const { profileId, entryIds } = addEntries(db, '지민', 2)
    const [corrected, plain] = entryIds as [number, number]
    for (const id of entryIds) fakeAnalysis(db, { entryId: id }, 'text', TEXT)
    const memo = addMemo(db, tmp.dir, plain, { seed: 2 })
    fakeAnalysis(db, { memoId: memo }, 'audio', VOICE)
    const w = await wantedFor(ctx(), profileId)
    expect(pending(w)).toEqual([])

    insertSentenceCorrection(db, { entryId: corrected, sentence: '가', sentenceHash: 'a'.repeat(64), start: 0, end: 1, emotion: 'SAD', modelEmotion: 'NEUTRAL' })
    upsertMemoCorrection(db, { memoId: memo, emotion: 'HAPPY', modelEmotion: 'NEUTRAL' })
    expect(pending(w)).toEqual([`entry:${corrected}`, `memo:${memo}`].sort())
    expect(outdatedParts(db, w, { kind: 'entry', id: corrected })).toEqual(['entry-corrections'])
    expect(outdatedParts(db, w, { kind: 'memo', id: memo })).toEqual(['memo-corrections'])

    // The SQL criteria and `isPersonalReadingCurrent` say the same of every current reading.
    const judge = (target: { entryId: number } | { memoId: number }, source: 'text' | 'audio') => {
      const stored = currentAnalysis(db, target, source)!
      return isPersonalReadingCurrent(
        { source, correctionsKey: stored.correctionsKey ?? null, adapterVersion: stored.adapterVersion },
        { correctionsKey: targetCorrectionsKey(db, target), adapterVersion: w.adapterVersion }
      )
    }
    expect(judge({ entryId: corrected }, 'text')).toBe(false)
    expect(judge({ entryId: plain }, 'text')).toBe(true)
    expect(judge({ memoId: memo }, 'audio')).toBe(false)
  })
})

describe('the queue reads the diary again when the adapter changes (real analysis process)', () => {
  const services: HaruService[] = []
  afterEach(() => {
    for (const s of services.splice(0)) s.close()
  })

  it('re-reads every text reading through a new adapter, and through none once adaptation is off; restates corrections without a model run', async () => {
    const service = openHaruService({ dataDir: tmp.dir, appVersion: 't', transport: 'web' })
    services.push(service)
    const api = createHaruApi(service.dispatch)
    const { profileId, entryIds } = addEntries(service.db, '지민', 3)
    await service.queue.runPending([profileId])
    const versionsOf = () => entryIds.map((id) => currentAnalysis(service.db, { entryId: id }, 'text')!.adapterVersion)
    expect(versionsOf()).toEqual([null, null, null])
    const firstRead = entryIds.map((id) => currentAnalysis(service.db, { entryId: id }, 'text')!.id)

    const version = storeAdapter(service.db, profileId)
    await service.queue.runPending([profileId])
    expect(versionsOf()).toEqual([version, version, version])
    // New readings, by the model through the adapter (not the old rows relabelled).
    const secondRead = entryIds.map((id) => currentAnalysis(service.db, { entryId: id }, 'text')!.id)
    expect(secondRead.every((id, i) => id > firstRead[i]!)).toBe(true)
    expect((await api.queue.status({ profileId })).pending).toBe(0)

    // Switched off through the API: the same queue reads them by the base model again.
    await api.settings.set({ profileId, adaptation: false })
    await service.queue.runPending([profileId])
    expect(versionsOf()).toEqual([null, null, null])

    // A correction written behind the API's back (as an import could leave it) is restated in place.
    const target = currentAnalysis(service.db, { entryId: entryIds[0]! }, 'text')!
    const sentence = (target.sentences as { text: string; start: number; end: number }[])[0]!
    insertSentenceCorrection(service.db, {
      entryId: entryIds[0]!,
      sentence: sentence.text,
      sentenceHash: sentenceHash(sentence.text),
      start: sentence.start,
      end: sentence.end,
      emotion: 'FEAR',
      modelEmotion: null
    })
    expect((await api.queue.status({ profileId })).pending).toBe(1)
    await service.queue.runPending([profileId])
    const restated = currentAnalysis(service.db, { entryId: entryIds[0]! }, 'text')!
    expect(restated.id).toBe(target.id)
    expect(restated.correctionsKey).not.toBeNull()
    expect((restated.sentences as { correctionId?: number | null; canonical: Record<string, number> }[])[0]).toMatchObject({ canonical: expect.objectContaining({ FEAR: 1 }) })
    expect((await api.queue.status({ profileId })).pending).toBe(0)
  })
})
