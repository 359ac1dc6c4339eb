/**
 * The smaller defects of issue 13 (item 10), each on the real thing: concurrent calibration takes
 * on one session, a NUL in a search term, and raw file-system error codes reaching the user.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { encodeWav16 } from '../../../src/shared/audio'
import { deleteTakeFiles, writeTakeFile } from '../../../src/main/calibration/take-files'
import type { HaruApiError } from '../../../src/shared/api/errors'
import { main } from '../../../src/cli/index'
import { useTestService } from '../../helpers/test-service'
import { silence } from '../calibration/signals'
import { voiceBase64 } from '../calibration/wav-fixtures'

const app = useTestService()
const failure = <T>(p: Promise<T>) => p.then(() => null, (e: unknown) => e as HaruApiError)

describe('concurrent calibration.addTake on one session', () => {
  it('a take written while another take’s clean-up removes the (then empty) session folder is still written', async () => {
    // The race itself, on real files: take A creates the folder and is about to write its file
    // while refused take B deletes its file and removes the folder it thinks is empty. Before the
    // fix about 1.5 % of these pairs failed with ENOENT; a thousand pairs make a miss unlikely (e^-15).
    const errors: string[] = []
    for (let i = 0; i < 1000; i++) {
      const folder = join(app.dir, 'calibration', '1', `session-${i}`)
      mkdirSync(folder, { recursive: true })
      writeFileSync(join(folder, 'b.wav'), 'refused take')
      const outcomes = await Promise.allSettled([
        writeTakeFile(app.dir, `calibration/1/session-${i}/a.wav`, new Uint8Array(16)),
        deleteTakeFiles(app.dir, [`calibration/1/session-${i}/b.wav`])
      ])
      for (const o of outcomes) if (o.status === 'rejected') errors.push(String((o.reason as { code?: string }).code))
      if (!existsSync(join(folder, 'a.wav'))) errors.push(`a.wav of pair ${i} is missing`)
    }
    expect(errors).toEqual([])
  }, 60_000)

  it('through the API, a burst of accepted and refused takes never fails with internal', async () => {
    const p = await app.api.profiles.create({ name: '지민' })
    const { sessionId } = await app.api.calibration.start({ profileId: p.id })
    const quiet = Buffer.from(encodeWav16(silence(1), 16000)).toString('base64')
    const voice = voiceBase64({ seconds: 2, seed: 3 })
    // Refused takes delete their file and try to remove the session folder while others are being written.
    const takes: Promise<unknown>[] = []
    for (let i = 0; i < 40; i++) {
      takes.push(app.api.calibration.addTake({ profileId: p.id, sessionId, wavBase64: i % 8 === 7 ? voice : quiet }))
      await new Promise((r) => setTimeout(r, 3))
    }
    const outcomes = await Promise.allSettled(takes)
    const errors = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => `${(o.reason as HaruApiError).code}: ${(o.reason as Error).message}`)
    expect(errors).toEqual([])
    const accepted = outcomes.filter((o) => o.status === 'fulfilled' && (o.value as { accepted: boolean }).accepted).length
    expect(accepted).toBe(5)
  }, 60_000)
})

describe('search with a NUL in a term', () => {
  it('is invalid-input, not a storage error', async () => {
    const p = await app.api.profiles.create({ name: '지민' })
    await app.api.entries.create({ profileId: p.id, entryDate: '2026-11-20', text: '오늘은 산책을 했다.' })
    for (const query of ['산책\u0000을', 'a\u0000', '\u0000\u0000\u0000']) {
      const err = await failure(app.api.search.entries({ profileId: p.id, query }))
      expect(err?.code, JSON.stringify(query)).toBe('invalid-input')
      expect(err?.message).toMatch(/NUL|control character/)
    }
  })
})

describe('raw EISDIR / ENAMETOOLONG / EINVAL', () => {
  async function haru(...argv: string[]) {
    const err: string[] = []
    const code = await main([...argv, '--data-dir', join(app.dir, 'cli-data')], () => {}, (m) => err.push(m))
    return { code, err: err.join('\n') }
  }

  it('reach the user as sentences with a typed code, not as Node’s error text', async () => {
    const folder = join(app.dir, 'a-folder.wav')
    mkdirSync(folder)
    const exportWithFolder = join(app.dir, 'export')
    mkdirSync(join(exportWithFolder, 'haru-export.json'), { recursive: true })
    expect((await haru('profiles', 'add', '도윤')).code).toBe(0)
    const runs = {
      // EISDIR: a folder where a WAV or the export's JSON was expected.
      analyzeFolder: await haru('analyze-audio', folder, '--model', 'default'),
      importFolderJson: await haru('import', exportWithFolder),
      // ENAMETOOLONG: a name longer than the file system allows.
      longName: await haru('analyze-audio', join(app.dir, `${'가'.repeat(120)}.wav`), '--model', 'default'),
      // EINVAL: a file Linux lets nobody read (/proc/self/clear_refs is write-only).
      unreadable: await haru('memos', 'add', '/proc/self/clear_refs')
    }
    for (const [name, r] of Object.entries(runs)) {
      expect(r.code, name).toBe(1)
      expect(r.err, name).not.toMatch(/\b(EISDIR|ENAMETOOLONG|EINVAL|ENOENT)\b|illegal operation|invalid argument/)
    }
    expect(runs.analyzeFolder.err).toMatch(/a-folder\.wav is a folder/)
    expect(runs.importFolderJson.err).toMatch(/haru-export\.json is a folder/)
    expect(runs.longName.err).toMatch(/too long/)
    expect(runs.unreadable.err).toMatch(/clear_refs: .*(cannot be|empty)/)
  }, 60_000)
})
