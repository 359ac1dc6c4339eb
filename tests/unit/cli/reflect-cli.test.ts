/**
 * `haru reflect` prints the same reflection the app shows, as Markdown and as JSON, and the
 * Markdown export of a month ends with its reflection (links to the days above it). The diary is
 * seeded through the repos with the writer's labels of the reference set (`seoyeon-2026-11`).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { main } from '../../../src/cli/index'
import type { Reflection, SectionOf } from '../../../src/shared/api/reflections-schemas'
import { openHaruService } from '../../../src/main/api/service'
import { createProfile } from '../../../src/main/repos/profiles'
import { loadReferenceSet, seedReferenceMonth } from '../../helpers/reflection-reference'
import { makeTempDir } from '../../helpers/temp-dir'

let tmp: ReturnType<typeof makeTempDir>
let dataDir: string
/** What the app's API answers for the week, read before the CLI runs. */
let fromApi: Reflection

beforeEach(async () => {
  tmp = makeTempDir()
  dataDir = join(tmp.dir, 'diary')
  const service = openHaruService({ dataDir, appVersion: 't', transport: 'web' })
  const profile = createProfile(service.db, '서연', 'FEMALE')
  seedReferenceMonth(service.db, profile.id, loadReferenceSet().find((r) => r.id === 'seoyeon-2026-11')!, 'writer')
  const reply = await service.dispatch('reflections-get', { profileId: profile.id, period: '2026-W46' })
  if (!reply.ok) throw new Error(reply.error.message)
  fromApi = reply.data as Reflection
  service.close()
})
afterEach(() => tmp.cleanup())

async function haru(...argv: string[]) {
  const out: string[] = []
  const err: string[] = []
  const code = await main([...argv, '--data-dir', dataDir], (s) => out.push(s), (s) => err.push(s))
  return { code, out: out.join('\n'), err: err.join('\n') }
}

const moments = (r: Reflection) => r.sections.find((s): s is SectionOf<'moments'> => s.kind === 'moments')!
const associations = (r: Reflection) => r.sections.find((s): s is SectionOf<'associations'> => s.kind === 'associations')!

describe('haru reflect', () => {
  it('prints the week as JSON, equal to what the app gets', async () => {
    const r = await haru('reflect', '--week', '2026-W46', '--format', 'json', '--profile', '서연')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.out)).toEqual(fromApi)
    const global = await haru('reflect', '--week', '2026-W46', '--json')
    expect(JSON.parse(global.out)).toEqual(fromApi)
  })

  it('prints the week as Markdown: the mix, every quote verbatim with a link to its day, the tag insight with its days', async () => {
    const r = await haru('reflect', '--week', '2026-W46', '--format', 'md')
    expect(r.code).toBe(0)
    const md = r.out
    expect(md).toMatch(/^# 돌아보기 · 2026년 11월 9일–15일 \(2026-W46\)\n/)
    for (const st of fromApi.sections.find((s) => s.kind === 'mix')!.statements) expect(md).toContain(`- ${st.ko}`)
    const quotes = moments(fromApi).groups.flatMap((g) => g.quotes)
    expect(quotes.length).toBeGreaterThan(2)
    for (const q of quotes) {
      const [, m, d] = q.date.split('-').map(Number)
      expect(md).toContain(`> ${q.text}\n> — [${m}월 ${d}일](2026-11.md#${q.date})`)
    }
    expect(md).toMatch(/- #육아 태그가 있던 3일은 평소보다 두려움이 \d+%p 높았어요\./)
    const en = await haru('reflect', '--week', '2026-W46', '--lang', 'en')
    expect(en.out).toMatch(/^# Looking back · Nov 9–15, 2026 \(2026-W46\)\n/)
    expect(en.out).toMatch(/- On the 3 days tagged #육아, fear was \d+ points above your average\./)
  })

  it('reflects a month, and refuses a bad period or a missing one with usage', async () => {
    const month = await haru('reflect', '--month', '2026-11', '--json')
    expect(month.code).toBe(0)
    expect((JSON.parse(month.out) as Reflection).coverage.entryDays).toBe(18)
    expect((await haru('reflect')).code).toBe(2)
    expect((await haru('reflect', '--week', '2026-W46', '--month', '2026-11')).code).toBe(2)
    expect((await haru('reflect', '--week', '2026-W46', '--format', 'pdf')).code).toBe(2)
    const bad = await haru('reflect', '--week', '2025-W53')
    expect(bad.code).toBe(1)
    expect(bad.err).toMatch(/2025-W53/)
  })
})

describe('Markdown export with reflections', () => {
  it('ends each month file with the month’s reflection, its quotes linked to the days above', async () => {
    const out = join(tmp.dir, 'md')
    expect((await haru('export', '--format', 'md', '--out', out)).code).toBe(0)
    const md = readFileSync(join(out, '서연', '2026-11.md'), 'utf8')
    const at = md.indexOf('## 이달의 돌아보기 · Looking back at 2026-11')
    expect(at).toBeGreaterThan(md.lastIndexOf('## 2026-11-29'))
    const reflection = md.slice(at)
    const month = JSON.parse((await haru('reflect', '--month', '2026-11', '--json')).out) as Reflection
    for (const q of moments(month).groups.flatMap((g) => g.quotes)) {
      expect(reflection).toContain(`> ${q.text}\n> — [`)
      expect(reflection).toContain(`](#${q.date})`)
      expect(md).toContain(`<a id="${q.date}"></a>\n\n## ${q.date} (`)
    }
    for (const a of associations(month).items) expect(reflection).toContain(`${a.days}일은 평소보다`)
  })
})
