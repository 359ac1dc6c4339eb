import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { main } from '../../../src/cli/index'
import { openDatabase } from '../../../src/main/db/open'
import { makeTempDir } from '../../helpers/temp-dir'
import { addMemo, count } from '../analysis-queue/diary'

let tmp: ReturnType<typeof makeTempDir>
beforeEach(() => (tmp = makeTempDir()))
afterEach(() => tmp.cleanup())

async function haru(argv: string[], opts: { dataDir?: string; terminal?: string[] } = {}) {
  const out: string[] = []
  const err: string[] = []
  const terminal = opts.terminal && { write: (t: string) => void opts.terminal!.push(t) }
  const code = await main([...argv, '--data-dir', opts.dataDir ?? tmp.dir], (s) => out.push(s), (s) => err.push(s), undefined, terminal)
  return { code, out, err: err.join('\n') }
}
const inDb = <T>(dir: string, read: (db: ReturnType<typeof openDatabase>) => T): T => {
  const db = openDatabase(dir)
  try {
    return read(db)
  } finally {
    db.close()
  }
}
const textAnalyses = (dir = tmp.dir) => inDb(dir, (db) => count(db, "SELECT count(*) AS n FROM analyses WHERE source = 'text' AND model_id = 'haru-text-default-v2'"))

describe('haru CLI and the analysis queue', () => {
  it('entries add analyses what it writes, unless --no-analyze', { timeout: 60_000 }, async () => {
    await haru(['profiles', 'add', '지민'])
    const added = await haru(['entries', 'add', '--text', '버스를 놓쳐서 너무 화가 났다.', '--date', '2026-11-20'])
    expect(added.code).toBe(0)
    expect(added.out[0]).toBe('created entry 1 for 2026-11-20 (지민)')
    expect(added.out[1]).toMatch(/^analysed: [A-Za-z]+ \d+\.\d% \(haru-text-default-v2\)$/)
    expect(textAnalyses()).toBe(1)
    const quiet = await haru(['entries', 'add', '--text', '조용한 하루.', '--date', '2026-11-21', '--no-analyze', '--json'])
    expect(JSON.parse(quiet.out[0]!)).toMatchObject({ entryDate: '2026-11-21', analysis: null })
    expect(textAnalyses()).toBe(1)
    const json = JSON.parse((await haru(['entries', 'add', '--text', '정말 행복했다.', '--date', '2026-11-22', '--json'])).out[0]!)
    expect(json.analysis).toMatchObject({ modelId: 'haru-text-default-v2' })
    expect(Object.keys(json.analysis.mix)).toContain(json.analysis.dominant)
  })

  it('analyze --pending: JSON lines when not on a terminal, one per item, and nothing left afterwards', { timeout: 60_000 }, async () => {
    await haru(['profiles', 'add', '지민'])
    for (const [i, text] of ['오늘은 행복했다.', '비가 와서 우울했다.', '화가 났다.'].entries()) {
      await haru(['entries', 'add', '--text', text, '--date', `2026-11-0${i + 1}`, '--no-analyze'])
    }
    const run = await haru(['analyze', '--pending'])
    expect(run.code).toBe(0)
    const lines = run.out.map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(lines[0]).toEqual({ event: 'start', profile: '지민', pending: 3 })
    expect(lines.slice(1, 4)).toEqual([1, 2, 3].map((done, i) => expect.objectContaining({ event: 'item', profile: '지민', kind: 'entry', day: `2026-11-0${3 - i}`, outcome: 'done', done, failed: 0, total: 3 })))
    expect(lines[4]).toMatchObject({ event: 'end', profile: '지민', done: 3, failed: 0, total: 3 })
    expect(textAnalyses()).toBe(3)
    const again = (await haru(['analyze', '--pending', '--profile', '지민'])).out.map((l) => JSON.parse(l))
    expect(again).toEqual([{ event: 'start', profile: '지민', pending: 0 }, { event: 'end', profile: '지민', done: 0, failed: 0, total: 0 }])
    expect((await haru(['analyze'])).code).toBe(2)
  })

  it('analyze --pending draws a progress bar on a terminal, and exits 1 naming what could not be analysed', { timeout: 60_000 }, async () => {
    await haru(['profiles', 'add', '지민'])
    await haru(['entries', 'add', '--text', '오늘은 행복했다.', '--date', '2026-11-01', '--no-analyze'])
    await haru(['entries', 'add', '--text', '산책을 했다.', '--date', '2026-11-02', '--no-analyze'])
    const memo = inDb(tmp.dir, (db) => addMemo(db, tmp.dir, 2, { missing: true }))
    const screen: string[] = []
    const run = await haru(['analyze', '--pending'], { terminal: screen })
    expect(run.code).toBe(1)
    expect(screen.join('')).toMatch(/\r\x1b\[2K지민 \[█+░*\] 1\/3 2026-11-02/)
    expect(screen.at(-1)).toBe(`\r\x1b[2K지민 [${'█'.repeat(24)}] 3/3\n`)
    expect(run.out).toEqual(['analysed 2 record(s), 1 failed'])
    expect(run.err).toMatch(new RegExp(`1 record\\(s\\) could not be analysed.*\\n.*지민 2026-11-02 memo ${memo}: `, 's'))
  })

  it('import analyses what it adds, unless --no-analyze', { timeout: 60_000 }, async () => {
    await haru(['profiles', 'add', '지민'])
    await haru(['entries', 'add', '--text', '오늘은 행복했다.', '--date', '2026-11-01', '--no-analyze'])
    await haru(['entries', 'add', '--text', '비가 와서 우울했다.', '--date', '2026-11-02', '--no-analyze'])
    const backup = join(tmp.dir, 'backup.zip')
    expect((await haru(['export', '--format', 'json', '--out', backup])).code).toBe(0)
    const quiet = join(tmp.dir, 'quiet')
    expect((await haru(['import', backup, '--no-analyze'], { dataDir: quiet })).code).toBe(0)
    expect(textAnalyses(quiet)).toBe(0)
    const fresh = join(tmp.dir, 'fresh')
    const imported = await haru(['import', backup], { dataDir: fresh })
    expect(imported.code).toBe(0)
    expect(imported.out.at(-1)).toBe('analysed 2 imported record(s) that had no current analysis')
    expect(textAnalyses(fresh)).toBe(2)
  })
})
