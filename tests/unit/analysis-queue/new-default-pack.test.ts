import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { outdatedParts, pendingItems, wantedFor } from '../../../src/main/analysis-queue/currency'
import { DEFAULT_TEXT_PACK_ID } from '../../../src/main/analysis/text-pack-choice'
import { openDatabase, type Db } from '../../../src/main/db/open'
import { resourcesDir } from '../../../src/main/resources-dir'
import { makeTempDir } from '../../helpers/temp-dir'
import { addEntries, fakeAnalysis } from './diary'

/**
 * Issue 10 ships a new default text pack under a new id: entries analysed by the previous default
 * (`haru-text-default`) keep their stored analysis and model id, and are pending for the background
 * queue, which re-analyses them with the new pack.
 */
let tmp: ReturnType<typeof makeTempDir>
let db: Db
beforeEach(() => {
  tmp = makeTempDir()
  db = openDatabase(tmp.dir)
})
afterEach(() => {
  db.close()
  tmp.cleanup()
})

describe('a new default text pack', () => {
  it('makes analyses by the previous default pending, and leaves them stored until re-analysed', async () => {
    expect(DEFAULT_TEXT_PACK_ID).toBe('haru-text-default-v2')
    const { profileId, entryIds } = addEntries(db, '지민', 2)
    const [old, fresh] = entryIds as [number, number]
    fakeAnalysis(db, { entryId: old }, 'text', 'haru-text-default')
    fakeAnalysis(db, { entryId: fresh }, 'text', DEFAULT_TEXT_PACK_ID)
    const w = await wantedFor({ db, dataDir: tmp.dir, resourcesDir: resourcesDir() }, profileId)
    expect(w.text).toEqual({ modelId: DEFAULT_TEXT_PACK_ID, accepted: [DEFAULT_TEXT_PACK_ID] })
    expect(pendingItems(db, w, { entries: [], memos: [] }, 100).map((i) => `${i.kind}:${i.id}`)).toEqual([`entry:${old}`])
    expect(outdatedParts(db, w, { kind: 'entry', id: old })).toEqual(['entry-text'])
    expect(outdatedParts(db, w, { kind: 'entry', id: fresh })).toEqual([])
    const kept = db.prepare("SELECT model_id FROM analyses WHERE entry_id = ? AND source = 'text'").all(old)
    expect(kept).toEqual([{ model_id: 'haru-text-default' }])
  })
})
