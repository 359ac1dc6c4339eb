import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { main } from '../../../src/cli/index'
import { openHaruService } from '../../../src/main/api/service'
import { makeTempDir } from '../../helpers/temp-dir'

let tmp: ReturnType<typeof makeTempDir>
beforeEach(() => (tmp = makeTempDir()))
afterEach(() => tmp.cleanup())

async function haru(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await main([...argv, '--data-dir', tmp.dir], (s) => out.push(s), (s) => err.push(s))
  return { code, out: out.join('\n'), err: err.join('\n') }
}

describe('haru CLI', () => {
  it('adds and lists profiles and entries in the same database the app opens', async () => {
    expect((await haru('profiles', 'add', '지민', '--gender', 'female')).code).toBe(0)
    expect((await haru('entries', 'add', '--text', '오늘은 행복했다 😊', '--date', '2026-11-24')).out).toMatch(/created entry 1 for 2026-11-24/)
    expect((await haru('entries', 'add', '--text', '저녁에 산책', '--date', '2026-11-24')).out).toMatch(/appended to entry 1/)
    const listed = JSON.parse((await haru('entries', 'list', '--json')).out) as { entryDate: string; preview: string }[]
    expect(listed).toHaveLength(1)
    expect(listed[0]!.preview).toBe('오늘은 행복했다 😊\n\n저녁에 산책')
    const profiles = JSON.parse((await haru('profiles', 'list', '--json')).out) as { name: string; gender: string }[]
    expect(profiles).toEqual([expect.objectContaining({ name: '지민', gender: 'FEMALE' })])

    const app = openHaruService({ dataDir: tmp.dir, appVersion: 't', transport: 'web' })
    const viaApp = await app.dispatch('entries-get-by-date', { profileId: 1, entryDate: '2026-11-24' })
    app.close()
    expect(viaApp.ok && (viaApp.data as { text: string }).text).toBe('오늘은 행복했다 😊\n\n저녁에 산책')
  })

  it('fails clearly on bad input and usage, with distinct exit codes', async () => {
    expect((await haru('entries', 'add', '--text', 'x')).err).toMatch(/no profile yet/)
    await haru('profiles', 'add', 'A')
    await haru('profiles', 'add', 'B')
    const ambiguous = await haru('entries', 'add', '--text', 'x')
    expect(ambiguous).toMatchObject({ code: 1 })
    expect(ambiguous.err).toMatch(/several profiles exist.*A, B/)
    expect((await haru('entries', 'add', '--text', 'x', '--profile', 'A', '--date', '2026-02-30')).err).toMatch(/not a real calendar day/)
    expect((await haru('entries', 'add', '--profile', 'A')).code).toBe(2)
    expect((await haru('profiles', 'add', 'C', '--gender', 'robot')).code).toBe(2)
    expect((await haru('entries', 'list', '--gender', 'male')).code).toBe(2)
    expect((await haru('nonsense')).code).toBe(2)
  })
})
