import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { apiContract, channels } from '../../../src/shared/api/contract'
import { createHaruApi } from '../../../src/shared/api/client'
import { HaruApiError } from '../../../src/shared/api/errors'
import { openHaruService, type HaruService } from '../../../src/main/api/service'
import { makeTempDir } from '../../helpers/temp-dir'

let tmp: ReturnType<typeof makeTempDir>
let service: HaruService
const countRows = (table: string) => (service.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n

beforeEach(() => {
  tmp = makeTempDir()
  service = openHaruService({ dataDir: tmp.dir, appVersion: '0.0.0-test', transport: 'web' })
})
afterEach(() => {
  service.close()
  tmp.cleanup()
})

async function expectError(channel: string, payload: unknown, code: string, message?: RegExp) {
  const result = await service.dispatch(channel, payload)
  expect(result.ok).toBe(false)
  if (result.ok) return
  expect(result.error.code).toBe(code)
  if (message) expect(result.error.message).toMatch(message)
}

describe('API boundary', () => {
  it('names every channel domain-verb and covers the whole contract', () => {
    for (const name of ['app-info', 'entries-create', 'entries-delete', 'entries-get', 'entries-get-by-date', 'entries-list', 'entries-update', 'profiles-create', 'profiles-list']) {
      expect(channels.has(name), name).toBe(true)
    }
    for (const name of channels.keys()) expect(name).toMatch(/^[a-z]+(-[a-z0-9]+)+$/)
    const methodCount = Object.values(apiContract).reduce((n, d) => n + Object.keys(d).length, 0)
    expect(channels.size).toBe(methodCount)
  })

  it('rejects wrong types, missing and extra fields with invalid-input and changes nothing', async () => {
    await service.dispatch('profiles-create', { name: '지민' })
    const before = { profiles: countRows('profiles'), entries: countRows('entries') }
    await expectError('profiles-create', { name: 42 }, 'invalid-input', /name/)
    await expectError('profiles-create', { name: '새', gender: 'OTHER' }, 'invalid-input', /gender/)
    await expectError('entries-create', { profileId: '1', entryDate: '2026-11-25', text: 'x' }, 'invalid-input', /profileId/)
    await expectError('entries-create', { profileId: 1, entryDate: '2026-11-25', text: 'x', admin: true }, 'invalid-input', /admin|unrecognized/i)
    await expectError('entries-create', null, 'invalid-input')
    await expectError('entries-create', 'DROP TABLE entries', 'invalid-input')
    await expectError('entries-update', { id: -1, text: 'x' }, 'invalid-input', /id/)
    expect({ profiles: countRows('profiles'), entries: countRows('entries') }).toEqual(before)
  })

  it('gives bad diary input a clear error and stores nothing', async () => {
    const p = await service.dispatch('profiles-create', { name: '지민', gender: 'FEMALE' })
    expect(p.ok).toBe(true)
    await expectError('entries-create', { profileId: 1, entryDate: '2026-11-25', text: '   \n ' }, 'invalid-input', /entry text is empty/)
    await expectError('entries-create', { profileId: 1, entryDate: '2026-11-25', text: '가'.repeat(1_000_000) }, 'invalid-input', /longer than 100,000/)
    await expectError('entries-create', { profileId: 1, entryDate: '2026-13-01', text: 'x' }, 'invalid-input', /date/)
    await expectError('entries-create', { profileId: 1, entryDate: '2026-02-29', text: 'x' }, 'invalid-input', /not a real calendar day/)
    await expectError('entries-create', { profileId: 1, entryDate: '25/11/2026', text: 'x' }, 'invalid-input', /YYYY-MM-DD/)
    await expectError('entries-create', { profileId: 77, entryDate: '2026-11-25', text: 'x' }, 'not-found', /no profile with id 77/)
    await expectError('profiles-create', { name: '지민' }, 'conflict', /already exists/)
    await expectError('profiles-create', { name: ' ' }, 'invalid-input', /profile name is empty/)
    expect(countRows('entries')).toBe(0)
    expect(countRows('profiles')).toBe(1)
  })

  it('refuses an unknown channel', async () => {
    await expectError('entries-drop-all', {}, 'unknown-channel', /entries-drop-all/)
    await expectError('__proto__', {}, 'unknown-channel')
  })

  it('through the typed client, errors arrive as HaruApiError with their code', async () => {
    const api = createHaruApi(service.dispatch)
    const profile = await api.profiles.create({ name: '하루' })
    expect(profile.gender).toBe('UNSPECIFIED')
    const entry = await api.entries.create({ profileId: profile.id, entryDate: '2026-11-25', text: '좋은 날 🌤️' })
    expect(await api.entries.getByDate({ profileId: profile.id, entryDate: '2026-11-25' })).toEqual(entry)
    const error = await api.entries.get({ id: 999 }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HaruApiError)
    expect((error as HaruApiError).code).toBe('not-found')
    expect(await api.entries.delete({ id: entry.id })).toEqual({ id: entry.id, deleted: true })
    expect((await api.app.info()).version).toBe('0.0.0-test')
  })

  it('maps a full disk to storage-full rather than a generic failure', async () => {
    const { toApiError } = await import('../../../src/main/api/dispatch')
    const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })
    expect(toApiError(full).code).toBe('storage-full')
    const enospc = Object.assign(new Error('no space'), { code: 'ENOSPC' })
    expect(toApiError(enospc).code).toBe('storage-full')
  })

  it('keeps the text and rejects the write when the database file cannot grow (real SQLITE_FULL)', async () => {
    const api = createHaruApi(service.dispatch)
    const profile = await api.profiles.create({ name: '하루' })
    // max_page_count caps the file size: the real SQLite "disk full" path, without filling a disk.
    const pages = service.db.pragma('page_count', { simple: true }) as number
    service.db.pragma(`max_page_count = ${pages}`)
    const error = await api.entries.create({ profileId: profile.id, entryDate: '2026-11-25', text: '가'.repeat(90_000) }).catch((e: unknown) => e)
    expect((error as HaruApiError).code).toBe('storage-full')
    expect(countRows('entries')).toBe(0)
  })
})
