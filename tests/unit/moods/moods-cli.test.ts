import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { main } from '../../../src/cli/index'
import { openDatabase } from '../../../src/main/db/open'
import { makeTempDir } from '../../helpers/temp-dir'
import { seedDiary } from '../trends/diary-fixture'

let tmp: ReturnType<typeof makeTempDir>
let dataDir: string
beforeEach(() => {
  tmp = makeTempDir()
  dataDir = join(tmp.dir, 'diary')
})
afterEach(() => tmp.cleanup())

async function haru(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await main([...argv, '--data-dir', dataDir], (s) => out.push(s), (s) => err.push(s))
  return { code, out: out.join('\n'), err: err.join('\n') }
}

describe('haru mood / haru corrections', () => {
  it('records check-ins (by emotion, or by a word alone), lists them, and shows them as the self source of trends', async () => {
    expect((await haru('profiles', 'add', '지민')).code).toBe(0)
    const set = await haru('mood', 'set', '--date', '2026-11-20', 'HAPPY', '--word', '설렘', '--intensity', '4', '--json')
    expect(set.code).toBe(0)
    expect(JSON.parse(set.out)).toMatchObject({ date: '2026-11-20', emotion: 'HAPPY', word: '설렘', intensity: 4 })
    expect((await haru('mood', 'set', '--date', '2026-11-21', '--word', '외로움')).out).toBe('지민: 2026-11-21\tSAD (슬픔)\t외로움 · loneliness')
    expect((await haru('mood', 'set', '--date', '2026-11-22', '기쁨')).code).toBe(0)
    const list = JSON.parse((await haru('mood', 'list', '--from', '2026-11-01', '--to', '2026-11-30', '--json')).out) as { emotion: string }[]
    expect(list.map((m) => m.emotion)).toEqual(['HAPPY', 'SAD', 'HAPPY'])
    const trends = JSON.parse((await haru('trends', '--from', '2026-11-01', '--to', '2026-11-30', '--source', 'self', '--json')).out) as { totals: { days: number; counts: Record<string, number> } }
    expect(trends.totals).toMatchObject({ days: 3, counts: { HAPPY: 2, SAD: 1 } })
  })

  it('says what is wrong with a check-in, with the usage exit code for a malformed command', async () => {
    await haru('profiles', 'add', '지민')
    expect(await haru('mood', 'set', 'JOY')).toMatchObject({ code: 2, err: expect.stringContaining('"JOY" is not an emotion') })
    expect(await haru('mood', 'set', 'SAD', '--intensity', '9')).toMatchObject({ code: 2, err: expect.stringContaining('1 to 5') })
    expect(await haru('mood', 'set', 'SAD', '--word', '설렘')).toMatchObject({ code: 1, err: expect.stringContaining('not one of the check-in words') })
    expect(await haru('mood', 'set')).toMatchObject({ code: 2 })
  })

  it('lists corrections as JSON, and the Markdown export says the check-in', async () => {
    const db = openDatabase(dataDir)
    seedDiary(db, dataDir)
    db.close()
    const r = await haru('corrections', 'list', '--profile', '지민', '--json')
    expect(r.code).toBe(0)
    const list = JSON.parse(r.out) as { kind: string; emotion: string; sentence: string | null; modelEmotion: string | null }[]
    expect(list).toEqual([
      expect.objectContaining({ kind: 'memo', emotion: 'HAPPY', sentence: null }),
      expect.objectContaining({ kind: 'sentence', emotion: 'NEUTRAL', sentence: '떨렸다.', modelEmotion: 'FEAR' })
    ])
    expect((await haru('corrections', 'list', '--profile', '하늘 🌤')).out).toBe('no corrections for 하늘 🌤')
    const out = join(tmp.dir, 'md')
    expect((await haru('export', '--format', 'md', '--out', out, '--profile', '지민')).code).toBe(0)
    const march = readFileSync(join(out, readdirSync(out)[0]!, '2026-03.md'), 'utf8')
    expect(march).toContain('- 이날의 감정 · the day: 슬픔 (Sad) 100% — 내 기분 · my check-in (서운함 · feeling let down, 강도 4/5 · intensity 4/5)')
  })
})
