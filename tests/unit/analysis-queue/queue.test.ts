import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { QueueEvent } from '../../../src/main/analysis-queue/queue'
import { openHaruService, type HaruService } from '../../../src/main/api/service'
import { openDatabase } from '../../../src/main/db/open'
import { createHaruApi } from '../../../src/shared/api/client'
import { makeTempDir } from '../../helpers/temp-dir'
import { addEntries, addMemo, count } from './diary'

/** The queue with real SQLite files and the real analysis process (shipped text and voice models). */
let tmp: ReturnType<typeof makeTempDir>
const services: HaruService[] = []
function open(backgroundAnalysis = false, queueQuietMs?: number) {
  const service = openHaruService({ dataDir: tmp.dir, appVersion: 't', transport: 'web', backgroundAnalysis, queueQuietMs })
  services.push(service)
  return { service, api: createHaruApi(service.dispatch) }
}
/** Fills the data folder before any service has it open, as `haru entries add --no-analyze` would. */
function seed<T>(fill: (db: ReturnType<typeof openDatabase>) => T): T {
  const db = openDatabase(tmp.dir)
  try {
    return fill(db)
  } finally {
    db.close()
  }
}
const events = (service: HaruService) => {
  const log: QueueEvent[] = []
  service.queue.onEvent((e) => log.push(e))
  return log
}
const nthItem = (service: HaruService, n: number) =>
  new Promise<void>((resolve) => {
    let seen = 0
    const off = service.queue.onEvent((e) => {
      if (e.type === 'item' && ++seen === n) {
        off()
        resolve()
      }
    })
  })
const textAnalyses = (service: HaruService, entryId: number) =>
  count(service.db, "SELECT count(*) AS n FROM analyses WHERE entry_id = ? AND source = 'text' AND model_id = 'haru-text-default-v2'", entryId)

beforeEach(() => {
  tmp = makeTempDir()
})
afterEach(() => {
  for (const s of services.splice(0)) s.close()
  tmp.cleanup()
})

describe('background analysis queue', () => {
  it('analyses every pending entry and memo once, remembers what failed for good, and retries it when asked', { timeout: 90_000 }, async () => {
    const { profileId, entryIds, memos } = seed((db) => {
      const diary = addEntries(db, '지민', 6)
      const day = diary.entryIds[5]!
      return {
        ...diary,
        memos: {
          voice: addMemo(db, tmp.dir, day, { seed: 1 }),
          spoken: addMemo(db, tmp.dir, day, { seed: 2, transcript: '친구를 만나서 정말 기뻤다.' }),
          gone: addMemo(db, tmp.dir, day, { seed: 3, missing: true })
        }
      }
    })
    const { service, api } = open()
    const log = events(service)
    expect(await api.queue.status({ profileId })).toMatchObject({ state: 'idle', total: 9, pending: 9, memos: { total: 3 } })

    await service.queue.runPending([profileId])
    for (const id of entryIds) expect(textAnalyses(service, id)).toBe(1)
    const parts = (memoId: number) => service.db.prepare('SELECT source, model_id, baseline_id FROM analyses WHERE memo_id = ? ORDER BY id').all(memoId)
    expect(parts(memos.voice)).toEqual([{ source: 'audio', model_id: 'haru-audio-emodb-v2', baseline_id: null }])
    expect(parts(memos.spoken)).toEqual([
      { source: 'audio', model_id: 'haru-audio-emodb-v2', baseline_id: null },
      { source: 'text', model_id: 'haru-text-default-v2', baseline_id: null },
      { source: 'fused', model_id: 'haru-text-default-v2+haru-audio-emodb-v2', baseline_id: null }
    ])
    const items = log.filter((e) => e.type === 'item')
    expect(items.map((e) => e.item.day)).toEqual([...items.map((e) => e.item.day)].sort().reverse())
    const failed = items.filter((e) => e.outcome === 'failed')
    expect(failed.map((e) => e.item.id)).toEqual([memos.gone])
    expect(failed[0]!.message).toMatch(/m-\d+-3-gone\.wav|no such file|ENOENT|cannot/i)
    expect(log.at(-1)).toMatchObject({ type: 'run-end', profileId, progress: { done: 8, failed: 1, total: 9, memos: { done: 2, failed: 1, total: 3 } } })
    expect(await api.queue.status({ profileId })).toMatchObject({ state: 'idle', pending: 0, lastRun: { done: 8, failed: 1 } })
    expect(await api.queue.failures({ profileId })).toMatchObject([{ kind: 'memo', id: memos.gone, day: '2026-11-20' }])

    // Not tried again with the same models and baseline…
    log.length = 0
    await service.queue.runPending([profileId])
    expect(log.filter((e) => e.type === 'item')).toEqual([])
    // …unless the writer asks.
    await service.queue.runPending([profileId], { retryFailed: true })
    expect(log.filter((e) => e.type === 'item').map((e) => e.item.id)).toEqual([memos.gone])
    expect(count(service.db, 'SELECT count(*) AS n FROM analyses WHERE memo_id = ?', memos.voice)).toBe(1)
  })

  it('finishes no queue item while an interactive request is in flight, beyond the one already in the process', { timeout: 90_000 }, async () => {
    const { profileId } = seed((db) => addEntries(db, '지민', 60))
    const other = seed((db) => addEntries(db, '서연', 2, '2026-10-01'))
    // A long paste (capped at 2,000 sentences): the analysis process works on it for a while.
    seed((db) => db.prepare('UPDATE entries SET text = ? WHERE id = ?').run('오늘은 정말 행복한 하루였어요. 친구와 저녁을 먹었다. '.repeat(1000), other.entryIds[0]))
    const { service, api } = open()
    const order: string[] = []
    service.queue.onEvent((e) => e.type === 'item' && order.push(`queue:${e.item.id}`))
    const firstDone = nthItem(service, 1) // the first item also loads the model
    service.queue.resume(profileId)
    await firstDone
    for (const entryId of other.entryIds) {
      const before = order.length
      await api.analysis.entryText({ entryId })
      order.push(`interactive:${entryId}`)
      // The analysis process had at most one queue request when this one arrived; no other was sent.
      expect(order.length - before - 1).toBeLessThanOrEqual(1)
    }
    await service.queue.whenIdle()
    expect(order.filter((o) => o.startsWith('queue:'))).toHaveLength(60)
  })

  it('host: background requests issued during an interactive one are sent only after it has answered', { timeout: 60_000 }, async () => {
    const { service } = open()
    const packDir = `${process.cwd()}/resources/models/text-default`
    await service.analysis.request('analyze-text', { text: '모델을 불러온다.', packDir })
    const order: string[] = []
    const long = service.analysis.request('analyze-text', { text: '오늘은 정말 행복한 하루였어요. '.repeat(1500), packDir }).then(() => order.push('interactive'))
    const background = [0, 1, 2].map((i) => service.analysis.background.request('analyze-text', { text: '짧은 문장.', packDir }).then(() => order.push(`b${i}`)))
    await Promise.all([long, ...background])
    expect(order).toEqual(['interactive', 'b0', 'b1', 'b2'])
  })

  it('pauses after the item in hand and carries on when resumed; the pause outlives a restart', { timeout: 90_000 }, async () => {
    const { profileId, entryIds } = seed((db) => addEntries(db, '지민', 12))
    let { service, api } = open(true)
    const third = nthItem(service, 3)
    await third
    await api.queue.pause({ profileId })
    await service.queue.whenIdle()
    const paused = await api.queue.status({ profileId })
    expect(paused).toMatchObject({ state: 'paused', total: 12 })
    expect(paused.done).toBeGreaterThanOrEqual(3)
    const doneWhilePaused = entryIds.filter((id) => textAnalyses(service, id) === 1).length
    expect(doneWhilePaused).toBe(paused.done)

    // A restart keeps it paused: nothing more is analysed until the writer resumes.
    service.close()
    ;({ service, api } = open(true))
    await service.queue.whenIdle()
    expect(await api.queue.status({ profileId })).toMatchObject({ state: 'paused', done: 0, total: 12 - doneWhilePaused, pending: 12 - doneWhilePaused })
    expect(entryIds.filter((id) => textAnalyses(service, id) === 1)).toHaveLength(doneWhilePaused)
    expect(await api.queue.resume({ profileId })).toMatchObject({ state: 'running' })
    await service.queue.whenIdle()
    for (const id of entryIds) expect(textAnalyses(service, id)).toBe(1)
    expect(await api.queue.status({ profileId })).toMatchObject({ state: 'idle', pending: 0, lastRun: { done: 12 - doneWhilePaused, failed: 0 } })
  })

  it('cancel stops and forgets the run; only new work (an import, a model or baseline change) starts it again', { timeout: 90_000 }, async () => {
    const { profileId, entryIds } = seed((db) => addEntries(db, '지민', 10))
    const { service, api } = open(true)
    await nthItem(service, 2)
    await api.queue.cancel({ profileId })
    await service.queue.whenIdle()
    const cancelled = await api.queue.status({ profileId })
    expect(cancelled).toMatchObject({ state: 'cancelled', done: 0 })
    expect(cancelled.pending).toBeGreaterThan(0)
    const analysed = () => entryIds.filter((id) => textAnalyses(service, id) === 1).length
    const left = analysed()
    // The writer saving an entry is not new work for a cancelled queue…
    service.queue.kick('entry-saved', profileId)
    await service.queue.whenIdle()
    expect(analysed()).toBe(left)
    // …a backup import is.
    service.queue.kick('import')
    await service.queue.whenIdle()
    expect(analysed()).toBe(10)
    expect((await api.queue.status({ profileId })).state).toBe('idle')
  })

  it('resumes after a restart where it stopped, analysing nothing twice', { timeout: 90_000 }, async () => {
    const { profileId, entryIds } = seed((db) => addEntries(db, '지민', 20))
    const first = open(true).service
    await nthItem(first, 5)
    first.close() // mid-run: the request in flight fails as closed and is not stored
    const { service, api } = open(true)
    await service.queue.whenIdle()
    for (const id of entryIds) expect(textAnalyses(service, id)).toBe(1)
    expect(await api.queue.status({ profileId })).toMatchObject({ state: 'idle', pending: 0 })
  })

  it('leaves what the writer just saved to the page, and looks at it after the quiet time', { timeout: 60_000 }, async () => {
    const { service, api } = open(true, 400)
    const profile = await api.profiles.create({ name: '지민' })
    const entry = await api.entries.create({ profileId: profile.id, entryDate: '2026-11-20', text: '오늘은 조용한 하루.' })
    await service.queue.whenIdle()
    expect(await api.queue.status({ profileId: profile.id })).toMatchObject({ state: 'idle', pending: 0 })
    expect(textAnalyses(service, entry.id)).toBe(0)
    // The page never analysed it (closed too soon, say): the queue does, once the quiet time is over.
    await new Promise((r) => setTimeout(r, 700))
    await service.queue.whenIdle()
    expect(textAnalyses(service, entry.id)).toBe(1)
  })
})
