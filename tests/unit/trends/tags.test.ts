import { describe, expect, it } from 'vitest'
import type { HaruApiError } from '../../../src/shared/api/errors'
import { useTestService } from '../../helpers/test-service'

const app = useTestService()

const failure = (p: Promise<unknown>) => p.then(() => 'ok', (e: HaruApiError) => `${e.code}: ${e.message}`)

describe('tags', () => {
  it('sets, normalises, replaces and lists tags; History filters by one', async () => {
    const p = await app.api.profiles.create({ name: '지민' })
    const other = await app.api.profiles.create({ name: '하늘' })
    const e1 = await app.api.entries.create({ profileId: p.id, entryDate: '2026-03-01', text: '산책한 날' })
    const e2 = await app.api.entries.create({ profileId: p.id, entryDate: '2026-03-02', text: '회사' })
    const e3 = await app.api.entries.create({ profileId: p.id, entryDate: '2026-03-03', text: '또 산책' })
    const o1 = await app.api.entries.create({ profileId: other.id, entryDate: '2026-03-01', text: '남의 일기' })
    expect(await app.api.tags.set({ entryId: e1.id, tags: ['#산책', ' Work ', '산책'] })).toEqual(['work', '산책'])
    expect(await app.api.tags.set({ entryId: e2.id, tags: ['work'] })).toEqual(['work'])
    expect(await app.api.tags.set({ entryId: e3.id, tags: ['산책'] })).toEqual(['산책'])
    await app.api.tags.set({ entryId: o1.id, tags: ['산책'] })
    expect(await app.api.tags.list({ profileId: p.id })).toEqual([
      { tag: 'work', count: 2 },
      { tag: '산책', count: 2 }
    ])
    const walks = await app.api.tags.entries({ profileId: p.id, tag: '#산책' })
    expect(walks.map((e) => e.entryDate)).toEqual(['2026-03-03', '2026-03-01'])
    expect(walks[1]).toMatchObject({ preview: '산책한 날', length: 5 })
    expect((await app.api.tags.entries({ profileId: p.id, tag: '산책', from: '2026-03-02' })).map((e) => e.entryDate)).toEqual(['2026-03-03'])
    // Replacing the set removes what is not given again.
    expect(await app.api.tags.set({ entryId: e1.id, tags: [] })).toEqual([])
    expect(await app.api.tags.get({ entryId: e1.id })).toEqual([])
    expect(await app.api.tags.list({ profileId: p.id })).toEqual([
      { tag: 'work', count: 1 },
      { tag: '산책', count: 1 }
    ])
  })

  it('refuses bad tags and missing entries, and tags go with their entry', async () => {
    const p = await app.api.profiles.create({ name: '지민' })
    const e = await app.api.entries.create({ profileId: p.id, entryDate: '2026-03-01', text: '날' })
    expect(await failure(app.api.tags.set({ entryId: e.id, tags: ['a,b'] }))).toMatch(/invalid-input: .*comma/)
    expect(await failure(app.api.tags.set({ entryId: e.id, tags: ['  #  '] }))).toMatch(/invalid-input: .*tag is empty/)
    expect(await failure(app.api.tags.set({ entryId: e.id, tags: ['가'.repeat(41)] }))).toMatch(/invalid-input: .*longer than 40/)
    expect(await failure(app.api.tags.set({ entryId: e.id, tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }))).toMatch(/at most 20 tags/)
    expect(await failure(app.api.tags.set({ entryId: 999, tags: ['x'] }))).toMatch(/not-found: no entry with id 999/)
    expect(await app.api.tags.get({ entryId: e.id })).toEqual([])
    await app.api.tags.set({ entryId: e.id, tags: ['x'] })
    await app.api.entries.delete({ id: e.id })
    expect((app.service.db.prepare('SELECT count(*) AS n FROM entry_tags').get() as { n: number }).n).toBe(0)
  })
})
