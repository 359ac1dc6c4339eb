import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openHaruService, type HaruService } from '../../../src/main/api/service'
import { EXPORT_JSON_NAME } from '../../../src/main/export/format'
import { createEntry } from '../../../src/main/repos/entries'
import { createProfile } from '../../../src/main/repos/profiles'
import { createHaruApi } from '../../../src/shared/api/client'
import { makeTempDir } from '../../helpers/temp-dir'
import { audioFiles, seedDiary, snapshotTables } from './diary-fixture'

let tmp: ReturnType<typeof makeTempDir>
const services: HaruService[] = []
beforeEach(() => {
  tmp = makeTempDir()
})
afterEach(() => {
  for (const s of services.splice(0)) s.close()
  tmp.cleanup()
})

/** A diary on its own data folder with the API over the real dispatcher, like the app's. */
function diary(name: string, opts: { revealInFolder?: (path: string) => void } = {}) {
  const dataDir = join(tmp.dir, name)
  const service = openHaruService({ dataDir, appVersion: 't', transport: 'web', ...opts })
  services.push(service)
  return { dataDir, service, db: service.db, api: createHaruApi(service.dispatch) }
}

const zipBase64 = (path: string) => readFileSync(path).toString('base64')
const NOTHING = { profiles: 0, entries: 0, tags: 0, voiceMemos: 0, baselines: 0, analyses: 0, calibrationTakes: 0, profileSettings: 0, dayMoods: 0, readingCorrections: 0, textAdapters: 0, audioFiles: 0 }
const EVERYTHING = { profiles: 2, entries: 3, tags: 4, voiceMemos: 3, baselines: 3, analyses: 7, calibrationTakes: 1, profileSettings: 1, dayMoods: 1, readingCorrections: 2, textAdapters: 1, audioFiles: 3 }

describe('backup API: export from the app, import into another diary', () => {
  it('exports a new zip into the exports folder and imports it into an empty diary exactly', async () => {
    const src = diary('source')
    seedDiary(src.db, src.dataDir)
    const info = await src.api.backup.info()
    expect(info).toEqual({ exportsDir: join(src.dataDir, 'exports'), canReveal: false, maxImportBytes: 256 * 1024 * 1024 })

    const exported = await src.api.backup.export({ format: 'json' })
    if (exported.format !== 'json') throw new Error('expected a JSON export')
    expect(exported.path.startsWith(join(src.dataDir, 'exports') + '/')).toBe(true)
    expect(exported.fileName).toMatch(/^haru-backup-\d{4}-\d{2}-\d{2}-\d{6}\.zip$/)
    expect(exported.bytes).toBe(statSync(exported.path).size)
    expect(exported.counts).toEqual(EVERYTHING)
    expect(exported.missingAudio).toEqual(['memos/2026/03/lost.wav'])
    expect(Object.keys(unzipSync(readFileSync(exported.path)))).toContain(EXPORT_JSON_NAME)
    // A second export in the same second never overwrites the first.
    const again = await src.api.backup.export()
    expect(again.path).not.toBe(exported.path)
    expect(readdirSync(info.exportsDir).filter((n) => !n.endsWith('.partial'))).toHaveLength(2)

    const dst = diary('restored')
    const result = await dst.api.backup.import({ fileName: exported.fileName, dataBase64: zipBase64(exported.path) })
    expect(result.added).toEqual(EVERYTHING)
    expect(result.unchanged).toEqual(NOTHING)
    expect(snapshotTables(dst.db)).toEqual(snapshotTables(src.db))
    expect(audioFiles(dst.dataDir)).toEqual(audioFiles(src.dataDir))
    // Where the entries went: both profiles are new, with the days their entries span.
    expect(result.profiles.map((p) => ({ name: p.profile.name, isNew: p.isNew, entriesAdded: p.entriesAdded, firstDate: p.firstDate, lastDate: p.lastDate }))).toEqual([
      { name: '지민', isNew: true, entriesAdded: 2, firstDate: '2026-03-01', lastDate: '2026-03-02' },
      { name: '하늘 🌤', isNew: true, entriesAdded: 1, firstDate: '2026-03-01', lastDate: '2026-03-01' }
    ])
    expect(await dst.api.profiles.list()).toEqual(result.profiles.map((p) => p.profile))

    // Importing the same file again adds nothing and names no profile.
    const twice = await dst.api.backup.import({ fileName: exported.fileName, dataBase64: zipBase64(exported.path) })
    expect(twice.added).toEqual(NOTHING)
    expect(twice.unchanged).toEqual(EVERYTHING)
    expect(twice.profiles).toEqual([])
    expect(snapshotTables(dst.db)).toEqual(snapshotTables(src.db))
  })

  it('merges into a diary that has the same profile and says where the new entries are', async () => {
    const src = diary('source')
    seedDiary(src.db, src.dataDir)
    const exported = await src.api.backup.export()
    const dst = diary('busy')
    const jimin = createProfile(dst.db, '지민', 'FEMALE')
    createEntry(dst.db, jimin.id, '2026-01-05', '먼저 있던 일기')
    const result = await dst.api.backup.import({ fileName: 'b.zip', dataBase64: zipBase64(exported.path) })
    // In the profile list's order (by creation; the imported profile keeps its own date).
    expect(result.profiles.map((p) => [p.profile.name, p.profile.id === jimin.id, p.isNew, p.entriesAdded])).toEqual([
      ['하늘 🌤', false, true, 1],
      ['지민', true, false, 2]
    ])
  })

  it('refuses foreign, damaged, newer and conflicting files with a typed error, changing nothing', async () => {
    const src = diary('source')
    seedDiary(src.db, src.dataDir)
    const exported = await src.api.backup.export()
    const dst = diary('target')
    createEntry(dst.db, createProfile(dst.db, '지민', 'FEMALE').id, '2026-03-02', '같은 날, 다른 내용')
    const before = snapshotTables(dst.db)
    const filesBefore = audioFiles(dst.dataDir)
    const tempsBefore = readdirSync(tmpdir()).filter((n) => n.startsWith('haru-import-')).length

    const files = unzipSync(readFileSync(exported.path))
    const withJson = (edit: (f: Record<string, unknown>) => void) => {
      const json = JSON.parse(strFromU8(files[EXPORT_JSON_NAME]!)) as Record<string, unknown>
      edit(json)
      return Buffer.from(zipSync({ ...files, [EXPORT_JSON_NAME]: strToU8(JSON.stringify(json)) })).toString('base64')
    }
    const cases: [string, string, RegExp, string, string][] = [
      ['notes.zip', Buffer.from('그냥 메모장 파일입니다').toString('base64'), /^notes\.zip is not a Haru export \(not JSON\)/, 'invalid-input', 'foreign-file'],
      ['random.zip', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('base64'), /^random\.zip is not a Haru export/, 'invalid-input', 'foreign-file'],
      ['broken.zip', Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 7)]).toString('base64'), /^broken\.zip is not a readable zip/, 'invalid-input', 'malformed'],
      ['other.zip', Buffer.from(zipSync({ 'readme.txt': strToU8('hi') })).toString('base64'), /^other\.zip is a zip but not a Haru export/, 'invalid-input', 'foreign-file'],
      ['newer.zip', withJson((f) => void (f.version = 99)), /format 99.*update Haru/, 'invalid-input', 'unsupported-version'],
      ['newdb.zip', withJson((f) => void (f.schemaVersion = 999)), /newer Haru \(database version 999/, 'invalid-input', 'unsupported-version'],
      ['damaged.zip', withJson((f) => void ((f.entries as { profileId: number }[])[0]!.profileId = 77)), /damaged Haru export: entry \d+ belongs to missing profile 77/, 'invalid-input', 'malformed'],
      ['backup.zip', zipBase64(exported.path), /^import refused, nothing was changed: the entry for 2026-03-02 differs/, 'conflict', 'conflict']
    ]
    for (const [fileName, dataBase64, message, code, reason] of cases) {
      const err = await dst.api.backup.import({ fileName, dataBase64 }).then(
        () => null,
        (e: unknown) => e
      )
      expect(err, fileName).toMatchObject({ name: 'HaruApiError', code, issues: [{ path: 'reason', message: reason }] })
      expect((err as Error).message, fileName).toMatch(message)
      // The reader sees their file's name, never the temporary copy.
      expect((err as Error).message).not.toContain('haru-import-')
      expect(snapshotTables(dst.db), fileName).toEqual(before)
      expect(audioFiles(dst.dataDir), fileName).toEqual(filesBefore)
    }
    await expect(dst.api.backup.import({ fileName: 'x.zip', dataBase64: 'not base64!' })).rejects.toMatchObject({ code: 'invalid-input' })
    await expect(dst.api.backup.import({ fileName: 'x.zip', dataBase64: '' })).rejects.toMatchObject({ code: 'invalid-input' })
    expect(readdirSync(tmpdir()).filter((n) => n.startsWith('haru-import-')).length).toBeLessThanOrEqual(tempsBefore)
    expect(snapshotTables(dst.db)).toEqual(before)
  })

  it('writes a readable Markdown copy as a new folder, for every profile or one', async () => {
    const src = diary('source')
    const { profiles } = seedDiary(src.db, src.dataDir)
    const all = await src.api.backup.export({ format: 'md' })
    if (all.format !== 'md') throw new Error('expected a Markdown export')
    expect(all.fileName).toMatch(/^haru-diary-\d{4}-\d{2}-\d{2}-\d{6}$/)
    expect(all.files.sort()).toEqual(['지민/2026-03.md', '하늘 🌤/2026-03.md'])
    expect(all.entries).toBe(3)
    expect(all.bytes).toBe(all.files.reduce((n, f) => n + statSync(join(all.path, f)).size, 0))
    const one = await src.api.backup.export({ format: 'md', profileId: profiles[1]! })
    expect(one.fileName).toMatch(/^haru-diary-하늘 🌤-/)
    expect(one.format === 'md' && one.files).toEqual(['하늘 🌤/2026-03.md'])
    await expect(src.api.backup.export({ format: 'json', profileId: profiles[0]! })).rejects.toMatchObject({ code: 'invalid-input', message: /always holds every profile/ })
    await expect(src.api.backup.export({ format: 'md', profileId: 999 })).rejects.toMatchObject({ code: 'not-found' })
  })
})

describe('backup.reveal only shows what is inside the exports folder', () => {
  it('refuses any other path and hands an export to the file manager', async () => {
    const shown: string[] = []
    const d = diary('data', { revealInFolder: (p) => shown.push(p) })
    expect((await d.api.backup.info()).canReveal).toBe(true)
    const exported = await d.api.backup.export()
    const exportsDir = join(d.dataDir, 'exports')
    const outsideFile = join(tmp.dir, 'secret.txt')
    writeFileSync(outsideFile, 'x')
    mkdirSync(join(exportsDir, 'sub'))
    symlinkSync(outsideFile, join(exportsDir, 'link.txt'))

    for (const path of [
      '/etc/passwd',
      join(d.dataDir, 'haru.sqlite3'),
      `${exportsDir}/../haru.sqlite3`,
      `${exportsDir}-other/x.zip`,
      exportsDir,
      `${exportsDir}/`,
      'exports/' + exported.fileName,
      outsideFile,
      join(exportsDir, 'link.txt')
    ]) {
      await expect(d.api.backup.reveal({ path }), path).rejects.toMatchObject({ code: 'invalid-input', message: /not inside the exports folder/ })
    }
    await expect(d.api.backup.reveal({ path: join(exportsDir, 'gone.zip') })).rejects.toMatchObject({ code: 'not-found' })
    expect(shown).toEqual([])

    expect(await d.api.backup.reveal({ path: exported.path })).toEqual({ revealed: true })
    expect(await d.api.backup.reveal({ path: join(exportsDir, 'sub') })).toEqual({ revealed: true })
    expect(shown).toEqual([exported.path, join(exportsDir, 'sub')])

    // Without a file manager (harness, CLI) the path is still checked first, then the answer is "unavailable".
    const plain = diary('plain')
    const other = await plain.api.backup.export()
    await expect(plain.api.backup.reveal({ path: '/etc/passwd' })).rejects.toMatchObject({ code: 'invalid-input' })
    await expect(plain.api.backup.reveal({ path: other.path })).rejects.toMatchObject({ code: 'unavailable' })
    expect(existsSync(other.path)).toBe(true)
  })
})
