import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { main } from '../../../src/cli/index'
import { openDatabase } from '../../../src/main/db/open'
import { makeTempDir } from '../../helpers/temp-dir'
import { seedDiary, snapshotTables } from './diary-fixture'
import { analyse, peaked } from './seed'

let tmp: ReturnType<typeof makeTempDir>
let dataDir: string
beforeEach(() => {
  tmp = makeTempDir()
  dataDir = join(tmp.dir, 'diary')
})
afterEach(() => tmp.cleanup())

async function haru(dir: string, ...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await main([...argv, '--data-dir', dir], (s) => out.push(s), (s) => err.push(s))
  return { code, out: out.join('\n'), err: err.join('\n') }
}

function seed(): void {
  const db = openDatabase(dataDir)
  seedDiary(db, dataDir)
  db.close()
}

describe('haru trends / export / import', () => {
  it('prints trends as JSON for a range and profile', async () => {
    seed()
    const r = await haru(dataDir, 'trends', '--from', '2026-03-01', '--to', '2026-03-31', '--profile', '지민', '--json')
    expect(r.code).toBe(0)
    const json = JSON.parse(r.out) as { profile: { name: string }; bucket: string; totals: { days: number; counts: Record<string, number> }; streak: { longest: number } }
    expect(json.profile.name).toBe('지민')
    expect(json.bucket).toBe('day')
    expect(json.totals.days).toBe(2)
    expect(json.totals.counts).toMatchObject({ HAPPY: 1, FEAR: 1 })
    expect(json.streak.longest).toBe(2)
    const audio = JSON.parse((await haru(dataDir, 'trends', '--from', '2026-03-01', '--to', '2026-03-31', '--profile', '지민', '--source', 'audio', '--json')).out)
    expect(audio.totals.counts).toMatchObject({ NEUTRAL: 1, ANGRY: 1 })
    const text = await haru(dataDir, 'trends', '--from', '2026-01-01', '--to', '2026-12-31', '--profile', '지민')
    expect(text.out).toMatch(/지민: 2026-01-01 … 2026-12-31, text — 2 analysed days/)
    // 03-01 is a Sunday: the two days fall in two ISO weeks.
    expect(text.out).toMatch(/^2026-02-23\s+1\s/m)
    expect(text.out).toMatch(/^2026-03-02\s+1\s/m)
  })

  it('refuses bad trend options with usage or input errors', async () => {
    seed()
    expect((await haru(dataDir, 'trends', '--profile', '지민', '--source', 'video')).code).toBe(2)
    expect((await haru(dataDir, 'trends', '--profile', '지민', '--bucket', 'hour')).code).toBe(2)
    const backwards = await haru(dataDir, 'trends', '--profile', '지민', '--from', '2026-04-01', '--to', '2026-03-01')
    expect(backwards).toMatchObject({ code: 1 })
    expect(backwards.err).toMatch(/`from` is after `to`/)
    expect((await haru(dataDir, 'trends')).err).toMatch(/several profiles exist/)
  })

  it('exports JSON and Markdown and imports into a fresh diary, twice without change', async () => {
    seed()
    const out = join(tmp.dir, 'backup.zip')
    const exported = await haru(dataDir, 'export', '--format', 'json', '--out', out)
    expect(exported.code).toBe(0)
    expect(exported.out).toMatch(/exported 2 profile\(s\), 3 entries, 3 voice memos, 1 calibration takes, 3 recordings/)
    expect(exported.out).toMatch(/warning: 1 recording\(s\) were missing.*lost\.wav/)
    const md = await haru(dataDir, 'export', '--format', 'md', '--out', join(tmp.dir, 'md'), '--profile', '지민')
    expect(md.out).toMatch(/wrote 2 entries in 1 monthly file/)
    expect(readFileSync(join(tmp.dir, 'md', '지민', '2026-03.md'), 'utf8')).toContain('회사에서 발표를 했다')

    const fresh = join(tmp.dir, 'fresh')
    // --no-analyze: the import alone must reproduce the diary exactly (analysing what it adds is tested in analyze-cli.test.ts).
    const first = await haru(fresh, 'import', out, '--no-analyze')
    expect(first.code).toBe(0)
    expect(first.out).toMatch(/added 2 profile\(s\), 3 entries, 3 voice memos, 1 calibration takes, 3 recordings, 7 analyses, 3 baselines, 4 tags/)
    const second = await haru(fresh, 'import', out, '--json', '--no-analyze')
    expect(JSON.parse(second.out).added).toMatchObject({ profiles: 0, entries: 0, analyses: 0, audioFiles: 0 })
    const a = openDatabase(dataDir)
    const b = openDatabase(fresh)
    expect(snapshotTables(b)).toEqual(snapshotTables(a))
    a.close()
    b.close()
  })

  it('refuses a foreign file and bad usage clearly', async () => {
    seed()
    const r = await haru(dataDir, 'import', join(tmp.dir, 'nope.json'))
    expect(r).toMatchObject({ code: 1 })
    expect(r.err).toMatch(/haru: .*nope\.json does not exist/)
    expect((await haru(dataDir, 'import')).code).toBe(2)
    expect((await haru(dataDir, 'export', '--format', 'pdf', '--out', join(tmp.dir, 'x'))).code).toBe(2)
    expect((await haru(dataDir, 'export', '--format', 'json')).code).toBe(2)
    expect(existsSync(join(tmp.dir, 'x'))).toBe(false)
  })

  it('sees an analysis written after the export only in the source diary', async () => {
    seed()
    const db = openDatabase(dataDir)
    const entryId = (db.prepare("SELECT id FROM entries WHERE entry_date = '2026-03-02' AND profile_id = 1").get() as { id: number }).id
    analyse(db, { entryId }, 'text', peaked('ANGRY'))
    db.close()
    const r = JSON.parse((await haru(dataDir, 'trends', '--from', '2026-03-02', '--to', '2026-03-02', '--profile', '지민', '--json')).out)
    expect(r.totals.counts.ANGRY).toBe(1)
  })
})
