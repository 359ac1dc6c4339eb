import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { countPending, outdatedParts, pendingItems, wantedFor, wantedKey, type Wanted } from '../../../src/main/analysis-queue/currency'
import { recordFailure } from '../../../src/main/analysis-queue/queue-repo'
import { openDatabase, type Db } from '../../../src/main/db/open'
import { activateBaseline, insertActiveBaseline } from '../../../src/main/repos/baselines'
import { updateEntryText } from '../../../src/main/repos/entries'
import { updateSettings } from '../../../src/main/repos/settings'
import { resourcesDir } from '../../../src/main/resources-dir'
import { makeTempDir } from '../../helpers/temp-dir'
import { addEntries, addMemo, fakeAnalysis } from './diary'

/** What is pending, on a real SQLite file and the shipped model packs (no analysis process needed). */
let tmp: ReturnType<typeof makeTempDir>
let db: Db
const ctx = () => ({ db, dataDir: tmp.dir, resourcesDir: resourcesDir() })
const none = { entries: [], memos: [] }
const pending = (w: Wanted) => pendingItems(db, w, none, 1000).map((i) => `${i.kind}:${i.id}`)
const TEXT = 'haru-text-default-v2'
const VOICE = 'haru-audio-emodb-v2' // the shipped default voice model (issue 16 shipped v2)

beforeEach(() => {
  tmp = makeTempDir()
  db = openDatabase(tmp.dir)
})
afterEach(() => {
  db.close()
  tmp.cleanup()
})

describe('what is current', () => {
  it("wants the profile's text pack, the shipped voice model and the default baseline until one is calibrated", async () => {
    const { profileId } = addEntries(db, '지민', 1)
    const w = await wantedFor(ctx(), profileId)
    expect(w).toEqual({ profileId, text: { modelId: TEXT, accepted: [TEXT] }, voice: { modelId: VOICE, baselineId: null, autoBaselineId: null }, adapterVersion: null })
    const baseline = insertActiveBaseline(db, profileId, { mean: Array(13).fill(0), std: Array(13).fill(1) }, 3, 'calibrated')
    expect((await wantedFor(ctx(), profileId)).voice).toEqual({ modelId: VOICE, baselineId: baseline.id, autoBaselineId: null })
  })

  it('finds entries with no text analysis, one by another model, or one older than the last edit; never empty ones', async () => {
    const { profileId, entryIds } = addEntries(db, '지민', 5)
    const [missing, other, stale, current, emptied] = entryIds as [number, number, number, number, number]
    fakeAnalysis(db, { entryId: other }, 'text', 'some-older-model')
    fakeAnalysis(db, { entryId: stale }, 'text', TEXT, { createdAt: '2000-01-01T00:00:00.000Z' })
    fakeAnalysis(db, { entryId: current }, 'text', TEXT)
    db.prepare("UPDATE entries SET text = ' \n\u3000' WHERE id = ?").run(emptied)
    const w = await wantedFor(ctx(), profileId)
    expect(pending(w).sort()).toEqual([`entry:${missing}`, `entry:${other}`, `entry:${stale}`].sort())
    expect(outdatedParts(db, w, { kind: 'entry', id: other })).toEqual(['entry-text'])
    expect(outdatedParts(db, w, { kind: 'entry', id: current })).toEqual([])
    // Editing the current one makes it stale; only the newest analysis counts, whatever older ones said.
    await new Promise((r) => setTimeout(r, 5))
    updateEntryText(db, current, '다시 쓴 일기.')
    expect(pending(w)).toContain(`entry:${current}`)
    fakeAnalysis(db, { entryId: current }, 'text', TEXT)
    fakeAnalysis(db, { entryId: current }, 'text', 'some-older-model')
    expect(pending(w)).toContain(`entry:${current}`)
    expect(countPending(db, w, none)).toEqual({ items: 4, memos: 0 })
  })

  it('finds memos whose voice is missing or by another model or baseline, and words or fusion left behind', async () => {
    const { profileId, entryIds } = addEntries(db, '지민', 1)
    const entry = entryIds[0]!
    fakeAnalysis(db, { entryId: entry }, 'text', TEXT)
    const noVoice = addMemo(db, tmp.dir, entry, { seed: 1 })
    const otherModel = addMemo(db, tmp.dir, entry, { seed: 2 })
    const otherBaseline = addMemo(db, tmp.dir, entry, { seed: 3 })
    const current = addMemo(db, tmp.dir, entry, { seed: 4 })
    const wordsMissing = addMemo(db, tmp.dir, entry, { seed: 5, transcript: '오늘은 기뻤다.' })
    const fusionOld = addMemo(db, tmp.dir, entry, { seed: 6, transcript: '오늘은 기뻤다.' })
    const calibrated = insertActiveBaseline(db, profileId, { mean: Array(13).fill(0), std: Array(13).fill(1) }, 3, 'calibrated')
    fakeAnalysis(db, { memoId: otherModel }, 'audio', 'seed-audio', { baselineId: calibrated.id })
    fakeAnalysis(db, { memoId: otherBaseline }, 'audio', VOICE, { baselineId: null })
    for (const m of [current, wordsMissing, fusionOld]) fakeAnalysis(db, { memoId: m }, 'audio', VOICE, { baselineId: calibrated.id, createdAt: '2026-11-20T10:00:01.000Z' })
    fakeAnalysis(db, { memoId: fusionOld }, 'fused', `${TEXT}+${VOICE}`, { createdAt: '2026-11-20T10:00:02.000Z' })
    fakeAnalysis(db, { memoId: fusionOld }, 'text', TEXT, { createdAt: '2026-11-20T10:00:03.000Z' })

    const w = await wantedFor(ctx(), profileId)
    expect(pending(w).sort()).toEqual([noVoice, otherModel, otherBaseline, wordsMissing, fusionOld].map((m) => `memo:${m}`).sort())
    expect(outdatedParts(db, w, { kind: 'memo', id: noVoice })).toEqual(['memo-voice'])
    expect(outdatedParts(db, w, { kind: 'memo', id: otherBaseline })).toEqual(['memo-voice'])
    expect(outdatedParts(db, w, { kind: 'memo', id: wordsMissing })).toEqual(['memo-text'])
    expect(outdatedParts(db, w, { kind: 'memo', id: fusionOld })).toEqual(['memo-fused'])
    expect(outdatedParts(db, w, { kind: 'memo', id: current })).toEqual([])

    // Back to the default baseline: the calibrated analyses are the outdated ones now.
    activateBaseline(db, profileId, null)
    const back = await wantedFor(ctx(), profileId)
    expect(back.voice?.baselineId).toBeNull()
    expect(pending(back)).toContain(`memo:${current}`)
    expect(pending(back)).not.toContain(`memo:${otherBaseline}`)
  })

  it('skips an item that failed for good until what is wanted changes', async () => {
    const { profileId, entryIds } = addEntries(db, '지민', 2)
    const w = await wantedFor(ctx(), profileId)
    recordFailure(db, { kind: 'entry', id: entryIds[0]! }, wantedKey(w), 'no-sentences', 'nothing to analyse')
    expect(pending(w)).toEqual([`entry:${entryIds[1]}`])
    insertActiveBaseline(db, profileId, { mean: Array(13).fill(0), std: Array(13).fill(1) }, 3, 'calibrated')
    const after = await wantedFor(ctx(), profileId)
    expect(wantedKey(after)).not.toBe(wantedKey(w))
    expect(pending(after)).toHaveLength(2)
  })

  it("keeps analyses by the writer's chosen text pack while it is missing (the default stands in only for new ones)", async () => {
    const { profileId, entryIds } = addEntries(db, '지민', 2)
    updateSettings(db, profileId, { textModelId: 'klue-roberta-emotion-official' })
    fakeAnalysis(db, { entryId: entryIds[0]! }, 'text', 'klue-roberta-emotion-official')
    const w = await wantedFor(ctx(), profileId)
    expect(w.text).toEqual({ modelId: TEXT, accepted: [TEXT, 'klue-roberta-emotion-official'] })
    expect(pending(w)).toEqual([`entry:${entryIds[1]}`])
  })

  it('lists newest days first across entries and memos, and holds back what it is told to', async () => {
    const { profileId, entryIds } = addEntries(db, '지민', 3)
    const memo = addMemo(db, tmp.dir, entryIds[0]!)
    const w = await wantedFor(ctx(), profileId)
    expect(pendingItems(db, w, none, 10).map((i) => i.day)).toEqual(['2026-11-20', '2026-11-19', '2026-11-18', '2026-11-18'])
    expect(pendingItems(db, w, { entries: [entryIds[2]!], memos: [memo] }, 10).map((i) => `${i.kind}:${i.id}`)).toEqual([`entry:${entryIds[1]}`, `entry:${entryIds[0]}`])
  })
})
