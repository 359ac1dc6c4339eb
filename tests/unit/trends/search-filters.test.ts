import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openHaruService, type HaruService } from '../../../src/main/api/service'
import { createProfile } from '../../../src/main/repos/profiles'
import { setEntryTags } from '../../../src/main/repos/tags'
import { createHaruApi } from '../../../src/shared/api/client'
import { makeTempDir } from '../../helpers/temp-dir'
import { day } from './seed'

/** Issue 11 item 10: "all 기쁨 days" without typing a word. */
let tmp: ReturnType<typeof makeTempDir>
let service: HaruService
let api: ReturnType<typeof createHaruApi>
let A: number

beforeEach(() => {
  tmp = makeTempDir()
  service = openHaruService({ dataDir: tmp.dir, appVersion: 't', transport: 'web' })
  api = createHaruApi(service.dispatch)
  A = createProfile(service.db, '지민', 'FEMALE').id
  day(service.db, A, '2026-03-01', 'HAPPY', '아침에 산책을 했다. 기분이 좋았다.')
  const walk = day(service.db, A, '2026-03-02', 'HAPPY', '친구와 한강에서 놀았다.')
  day(service.db, A, '2026-03-03', 'SAD', '비가 왔다.')
  day(service.db, A, '2026-04-10', 'HAPPY', '봄이다.')
  day(service.db, A, '2026-04-11', null, '아직 분석하지 않은 날')
  setEntryTags(service.db, walk, ['산책'])
})
afterEach(() => {
  service.close()
  tmp.cleanup()
})

describe('search by filters without a search word', () => {
  it('finds every day of an emotion, newest first, with a snippet from the start of the text', async () => {
    const r = await api.search.entries({ profileId: A, emotion: 'HAPPY' })
    expect(r.total).toBe(3)
    expect(r.hits.map((h) => h.entryDate)).toEqual(['2026-04-10', '2026-03-02', '2026-03-01'])
    expect(r.hits.every((h) => h.dominant === 'HAPPY')).toBe(true)
    expect(r.hits[2]!.snippet.parts.map((p) => p.text).join('')).toBe('아침에 산책을 했다. 기분이 좋았다.')
    expect(r.hits[2]!.snippet.parts.some((p) => p.hit)).toBe(false)
    expect(r.terms).toEqual([])
  })

  it('finds by tag alone and by dates alone, and combines filters', async () => {
    expect((await api.search.entries({ profileId: A, tag: '산책' })).hits.map((h) => h.entryDate)).toEqual(['2026-03-02'])
    expect((await api.search.entries({ profileId: A, from: '2026-04-01', to: '2026-04-30' })).hits.map((h) => h.entryDate)).toEqual(['2026-04-11', '2026-04-10'])
    expect((await api.search.entries({ profileId: A, emotion: 'HAPPY', from: '2026-03-02' })).total).toBe(2)
    // A word still narrows the filters as before.
    expect((await api.search.entries({ profileId: A, emotion: 'HAPPY', query: '산책' })).hits.map((h) => h.entryDate)).toEqual(['2026-03-01'])
  })

  it('refuses a search with neither a word nor a filter', async () => {
    await expect(api.search.entries({ profileId: A })).rejects.toMatchObject({ code: 'invalid-input' })
    await expect(api.search.entries({ profileId: A, query: '   ' })).rejects.toMatchObject({ code: 'invalid-input' })
  })
})
