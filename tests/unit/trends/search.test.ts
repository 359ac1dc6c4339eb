import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openHaruService, type HaruService } from '../../../src/main/api/service'
import type { Db } from '../../../src/main/db/open'
import { createEntry, deleteEntry, updateEntryText } from '../../../src/main/repos/entries'
import { createProfile } from '../../../src/main/repos/profiles'
import { searchEntries, type SearchQuery } from '../../../src/main/repos/search'
import { setEntryTags } from '../../../src/main/repos/tags'
import { createHaruApi } from '../../../src/shared/api/client'
import type { HaruApiError } from '../../../src/shared/api/errors'
import { makeTempDir } from '../../helpers/temp-dir'
import { addMemo, analyse, peaked } from './seed'

let tmp: ReturnType<typeof makeTempDir>
let service: HaruService
let db: Db
let A: number
const ids: Record<string, number> = {}

beforeEach(() => {
  tmp = makeTempDir()
  service = openHaruService({ dataDir: tmp.dir, appVersion: 't', transport: 'web' })
  db = service.db
  A = createProfile(db, '지민', 'FEMALE').id
  ids.walk = createEntry(db, A, '2026-03-02', '오늘은 행복했던 하루였다. 친구와 한강에서 산책을 했다.').id
  ids.work = createEntry(db, A, '2026-03-05', '회사 일이 많아서 지쳤다. 그래도 Coffee 한 잔.').id
  ids.rain = createEntry(db, A, '2026-03-09', '비가 와서 우울했다. 100% 집에만 있었다_끝').id
  analyse(db, { entryId: ids.walk }, 'text', peaked('HAPPY'))
  analyse(db, { entryId: ids.work }, 'text', peaked('SAD'))
  analyse(db, { entryId: ids.rain }, 'text', peaked('SAD'))
  addMemo(db, ids.work!, { transcript: '회의에서 발표를 망쳐서 속상했어' })
  setEntryTags(db, ids.walk, ['산책'])
  const other = createProfile(db, '하늘', 'MALE').id
  createEntry(db, other, '2026-03-02', '나도 행복했던 날')
})
afterEach(() => {
  service.close()
  tmp.cleanup()
})

const search = (query: string, extra: Partial<SearchQuery> = {}) =>
  searchEntries(db, { profileId: A, query, source: 'text', limit: 50, offset: 0, ...extra })
const dates = (query: string, extra: Partial<SearchQuery> = {}) => search(query, extra).hits.map((h) => h.entryDate)

describe('Korean full-text search', () => {
  it('finds a substring inside a longer word through the trigram index', () => {
    const r = search('행복했')
    expect(r.mode).toBe('fts')
    expect(r.hits.map((h) => h.entryId)).toEqual([ids.walk])
    expect(r.total).toBe(1)
  })

  it('finds one- and two-syllable words inside longer words with the LIKE fallback', () => {
    // 산책 sits inside 산책을, 행복 inside 행복했던: two syllables, below the trigram minimum.
    const r = search('산책')
    expect(r.mode).toBe('like')
    expect(r.hits.map((h) => h.entryId)).toEqual([ids.walk])
    expect(dates('행복')).toEqual(['2026-03-02'])
    expect(dates('비')).toEqual(['2026-03-09'])
    expect(dates('없는말')).toEqual([])
  })

  it('requires every term (AND), mixing indexed and short terms', () => {
    expect(search('친구 한강에서').mode).toBe('mixed')
    expect(dates('친구 한강에서')).toEqual(['2026-03-02'])
    expect(dates('친구 회사')).toEqual([])
    expect(dates('"한강에서 산책"')).toEqual(['2026-03-02'])
  })

  it('searches voice-memo transcripts and says where the match was', () => {
    const r = search('발표를')
    expect(r.hits).toHaveLength(1)
    expect(r.hits[0]).toMatchObject({ entryId: ids.work, matchedIn: ['transcript'] })
    expect(r.hits[0]!.snippet.parts.filter((p) => p.hit).map((p) => p.text)).toEqual(['발표를'])
    // Entry text and a transcript together satisfy a two-term query.
    expect(dates('지쳤다 발표')).toEqual(['2026-03-05'])
  })

  it('highlights every match in the snippet, case-insensitively for Latin', () => {
    const r = search('coffee')
    expect(r.hits[0]!.snippet.parts).toEqual([
      { text: '회사 일이 많아서 지쳤다. 그래도 ', hit: false },
      { text: 'Coffee', hit: true },
      { text: ' 한 잔.', hit: false }
    ])
    const byEntry = Object.fromEntries(search('했').hits.map((h) => [h.entryId, [h.snippet.hits, h.matchedIn]]))
    // 행복했던 … 했다 (two in the text); 우울했다 (one); 속상했어 only in the transcript.
    expect(byEntry).toEqual({ [ids.walk!]: [2, ['text']], [ids.rain!]: [1, ['text']], [ids.work!]: [1, ['transcript']] })
  })

  it('stays in sync with edits, deletions and new transcripts (triggers)', () => {
    updateEntryText(db, ids.walk!, '오늘은 조용한 하루였다.')
    expect(dates('행복했')).toEqual([])
    expect(dates('조용한')).toEqual(['2026-03-02'])
    deleteEntry(db, ids.rain!)
    expect(dates('우울했')).toEqual([])
    const memo = addMemo(db, ids.walk!, { transcript: null })
    expect(dates('고양이를')).toEqual([])
    db.prepare('UPDATE voice_memos SET transcript = ? WHERE id = ?').run('길에서 고양이를 봤어', memo)
    expect(dates('고양이를')).toEqual(['2026-03-02'])
    db.prepare('DELETE FROM voice_memos WHERE id = ?').run(memo)
    expect(dates('고양이를')).toEqual([])
  })

  it('filters by emotion, date range and tag, and keeps profiles apart', () => {
    expect(dates('다', { emotion: 'SAD' })).toEqual(['2026-03-09', '2026-03-05'])
    expect(dates('다', { emotion: 'HAPPY' })).toEqual(['2026-03-02'])
    expect(dates('다', { emotion: 'HAPPY', source: 'audio' })).toEqual([])
    expect(dates('다', { from: '2026-03-03', to: '2026-03-06' })).toEqual(['2026-03-05'])
    expect(dates('다', { tag: '산책' })).toEqual(['2026-03-02'])
    expect(search('다', { emotion: 'SAD' }).hits[0]!.dominant).toBe('SAD')
    expect(search('다', { tag: '산책' }).hits[0]!.tags).toEqual(['산책'])
    expect(search('다', { limit: 1, offset: 1 })).toMatchObject({ total: 3, hits: [{ entryDate: '2026-03-05' }] })
  })

  it('treats query syntax and LIKE wildcards as plain text', () => {
    expect(dates('100%')).toEqual(['2026-03-09'])
    expect(dates('%')).toEqual(['2026-03-09'])
    expect(dates('_끝')).toEqual(['2026-03-09'])
    expect(dates('_')).toEqual(['2026-03-09'])
    expect(dates('행복" OR "비가')).toEqual([])
    expect(dates('NEAR(행복 비가)')).toEqual([])
    expect(dates('*')).toEqual([])
  })

  it('refuses an empty query through the API with invalid-input', async () => {
    const api = createHaruApi(service.dispatch)
    const e = await api.search.entries({ profileId: A, query: '   ' }).catch((err: HaruApiError) => err)
    expect((e as HaruApiError).code).toBe('invalid-input')
    expect((e as HaruApiError).message).toMatch(/search text is empty/)
    const ok = await api.search.entries({ profileId: A, query: '한강', tag: '#산책' })
    expect(ok.hits.map((h) => h.entryId)).toEqual([ids.walk])
  })
})
