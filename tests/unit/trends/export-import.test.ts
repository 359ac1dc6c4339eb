import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openDatabase, type Db } from '../../../src/main/db/open'
import { ExportError } from '../../../src/main/export/errors'
import { exportJson } from '../../../src/main/export/export-json'
import { exportMarkdown } from '../../../src/main/export/export-markdown'
import { EXPORT_JSON_NAME, type ExportFile } from '../../../src/main/export/format'
import { importJson } from '../../../src/main/export/import-json'
import { createEntry } from '../../../src/main/repos/entries'
import { createProfile } from '../../../src/main/repos/profiles'
import { searchEntries } from '../../../src/main/repos/search'
import { makeTempDir } from '../../helpers/temp-dir'
import { audioFiles, seedDiary, snapshotTables, TRICKY_TEXT } from './diary-fixture'

let tmp: ReturnType<typeof makeTempDir>
let srcDir: string
let src: Db
const opened: Db[] = []
beforeEach(() => {
  tmp = makeTempDir()
  srcDir = join(tmp.dir, 'source')
  src = openDatabase(srcDir)
  opened.push(src)
  seedDiary(src, srcDir)
})
afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close()
  tmp.cleanup()
})

function freshDiary(name: string): { dir: string; db: Db } {
  const dir = join(tmp.dir, name)
  const db = openDatabase(dir)
  opened.push(db)
  return { dir, db }
}

function refusal(fn: () => unknown): string {
  try {
    fn()
  } catch (err) {
    if (err instanceof ExportError) return `${err.code}: ${err.message}`
    throw err
  }
  return 'accepted'
}

describe('JSON export → import', () => {
  it.each(['folder', 'zip'] as const)('reproduces every table, id and recording exactly (%s)', (kind) => {
    const out = join(tmp.dir, kind === 'zip' ? 'backup.zip' : 'backup')
    const report = exportJson(src, srcDir, out, { appVersion: '9.9.9' })
    expect(report).toMatchObject({ kind, counts: { profiles: 2, entries: 3, voiceMemos: 3, baselines: 3, analyses: 7, tags: 4, calibrationTakes: 1, profileSettings: 1, dayMoods: 1, readingCorrections: 2, textAdapters: 1 }, audioFiles: 3 })
    expect(report.missingAudio).toEqual(['memos/2026/03/lost.wav'])
    // Every table of the diary is exported (or derived from exported ones): a new feature's table fails here until the export knows it.
    expect(report.uncoveredTables).toEqual([])

    const target = freshDiary('restored')
    const imported = importJson(target.db, target.dir, out)
    expect(imported.added).toEqual({ profiles: 2, entries: 3, tags: 4, voiceMemos: 3, baselines: 3, analyses: 7, calibrationTakes: 1, profileSettings: 1, dayMoods: 1, readingCorrections: 2, textAdapters: 1, audioFiles: 3 })
    const before = snapshotTables(src)
    expect(Object.keys(before)).toEqual(expect.arrayContaining(['analyses', 'analysis_daily', 'baselines', 'calibration_takes', 'entries', 'entry_tags', 'profile_settings', 'profiles', 'voice_memos']))
    expect(snapshotTables(target.db)).toEqual(before)
    expect(audioFiles(target.dir)).toEqual(audioFiles(srcDir))
    expect(Object.keys(audioFiles(target.dir))).toHaveLength(3)
    const text = (target.db.prepare('SELECT text FROM entries WHERE entry_date = ? AND profile_id = 1').get('2026-03-01') as { text: string }).text
    expect(text).toBe(TRICKY_TEXT)
    // The search index is rebuilt by the same triggers.
    const q = { profileId: 1, source: 'text' as const, limit: 10, offset: 0 }
    expect(searchEntries(target.db, { ...q, query: '행복했' }).hits.map((h) => h.entryDate)).toEqual(
      searchEntries(src, { ...q, query: '행복했' }).hits.map((h) => h.entryDate)
    )
  })

  it('is idempotent: a second import, or importing into the source diary, changes nothing', () => {
    const out = join(tmp.dir, 'backup')
    exportJson(src, srcDir, out, { appVersion: 't' })
    const target = freshDiary('restored')
    importJson(target.db, target.dir, out)
    const once = snapshotTables(target.db)
    const filesOnce = audioFiles(target.dir)
    const again = importJson(target.db, target.dir, join(out, EXPORT_JSON_NAME))
    expect(again.added).toEqual({ profiles: 0, entries: 0, tags: 0, voiceMemos: 0, baselines: 0, analyses: 0, calibrationTakes: 0, profileSettings: 0, dayMoods: 0, readingCorrections: 0, textAdapters: 0, audioFiles: 0 })
    expect(again.unchanged).toEqual({ profiles: 2, entries: 3, tags: 4, voiceMemos: 3, baselines: 3, analyses: 7, calibrationTakes: 1, profileSettings: 1, dayMoods: 1, readingCorrections: 2, textAdapters: 1, audioFiles: 3 })
    expect(snapshotTables(target.db)).toEqual(once)
    expect(audioFiles(target.dir)).toEqual(filesOnce)
    const self = snapshotTables(src)
    expect(importJson(src, srcDir, out).added.entries).toBe(0)
    expect(snapshotTables(src)).toEqual(self)
  })

  it('merges into a diary with its own data, remapping ids and keeping that diary’s active baseline', () => {
    const out = join(tmp.dir, 'backup.zip')
    exportJson(src, srcDir, out, { appVersion: 't' })
    const target = freshDiary('busy')
    const own = createProfile(target.db, '민수', 'MALE').id
    createEntry(target.db, own, '2026-01-01', '내 일기')
    createEntry(target.db, own, '2026-01-02', '내 일기 2')
    const jimin = createProfile(target.db, '지민', 'FEMALE').id
    target.db.prepare("INSERT INTO baselines (profile_id, mean_json, std_json, source, is_active, created_at) VALUES (?, ?, ?, 'calibrated', 1, 'x')").run(
      jimin,
      JSON.stringify(Array(13).fill(0)),
      JSON.stringify(Array(13).fill(1))
    )
    target.db.prepare("INSERT INTO profile_settings (profile_id, key, value_json, updated_at) VALUES (?, 'fusion', '{\"text\":1,\"audio\":0}', 'mine')").run(jimin)
    const r = importJson(target.db, target.dir, out)
    expect(r.added).toMatchObject({ profiles: 1, entries: 3, analyses: 7, tags: 4, profileSettings: 0 })
    expect(target.db.prepare('SELECT value_json, updated_at FROM profile_settings WHERE profile_id = ?').all(jimin)).toEqual([{ value_json: '{"text":1,"audio":0}', updated_at: 'mine' }])
    expect(r.unchanged.profiles).toBe(1)
    // Rows landed on the right owners even though ids moved.
    const rows = target.db
      .prepare(
        `SELECT p.name, e.entry_date, group_concat(t.tag) AS tags, d.dominant FROM entries e JOIN profiles p ON p.id = e.profile_id
           LEFT JOIN entry_tags t ON t.entry_id = e.id LEFT JOIN analysis_daily d ON d.entry_id = e.id AND d.source = 'text'
          GROUP BY e.id ORDER BY p.name, e.entry_date`
      )
      .all()
    expect(rows).toEqual([
      { name: '민수', entry_date: '2026-01-01', tags: null, dominant: null },
      { name: '민수', entry_date: '2026-01-02', tags: null, dominant: null },
      { name: '지민', entry_date: '2026-03-01', tags: '산책,친구', dominant: 'HAPPY' },
      { name: '지민', entry_date: '2026-03-02', tags: '회사', dominant: 'FEAR' },
      { name: '하늘 🌤', entry_date: '2026-03-01', tags: 'work', dominant: 'NEUTRAL' }
    ])
    const active = target.db.prepare('SELECT created_at FROM baselines WHERE profile_id = ? AND is_active = 1').all(jimin)
    expect(active).toEqual([{ created_at: 'x' }])
    expect(target.db.prepare("SELECT count(*) AS n FROM analyses a JOIN baselines b ON b.id = a.baseline_id WHERE a.source = 'audio'").get()).toEqual({ n: 2 })
  })
})

describe('import refuses what it cannot take whole, and changes nothing', () => {
  let out: string
  let target: { dir: string; db: Db }
  let file: ExportFile
  beforeEach(() => {
    out = join(tmp.dir, 'backup')
    exportJson(src, srcDir, out, { appVersion: 't' })
    file = JSON.parse(readFileSync(join(out, EXPORT_JSON_NAME), 'utf8')) as ExportFile
    target = freshDiary('target')
    createEntry(target.db, createProfile(target.db, '지민', 'FEMALE').id, '2026-01-05', '먼저 있던 일기')
  })

  /** Writes a variant of the export (audio copied alongside) and returns its folder. */
  function variant(name: string, edit: (f: ExportFile) => unknown): string {
    const dir = join(tmp.dir, name)
    mkdirSync(join(dir, 'audio'), { recursive: true })
    for (const f of readdirSync(join(out, 'audio'))) writeFileSync(join(dir, 'audio', f), readFileSync(join(out, 'audio', f)))
    const copy = structuredClone(file)
    const replaced = edit(copy)
    writeFileSync(join(dir, EXPORT_JSON_NAME), typeof replaced === 'string' ? replaced : JSON.stringify(replaced ?? copy))
    return dir
  }

  function expectRefused(path: string, pattern: RegExp): void {
    const before = snapshotTables(target.db)
    const files = audioFiles(target.dir)
    expect(refusal(() => importJson(target.db, target.dir, path))).toMatch(pattern)
    expect(snapshotTables(target.db)).toEqual(before)
    expect(audioFiles(target.dir)).toEqual(files)
  }

  it('refuses foreign files', () => {
    const notes = join(tmp.dir, 'notes.txt')
    writeFileSync(notes, '그냥 메모장 파일입니다')
    expectRefused(notes, /^foreign-file: .*not a Haru export \(not JSON\)/)
    const other = join(tmp.dir, 'other.json')
    writeFileSync(other, JSON.stringify({ app: 'DayOne', entries: [] }))
    expectRefused(other, /^foreign-file: .*no "format": "haru-export"/)
    expectRefused(tmp.dir, /^foreign-file: .*not a Haru export folder/)
    expectRefused(join(tmp.dir, 'nowhere.json'), /^not-found: .*does not exist/)
    const zip = join(tmp.dir, 'broken.zip')
    writeFileSync(zip, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(40, 7)]))
    expectRefused(zip, /^malformed: .*not a readable zip/)
  })

  it('refuses a newer format and damaged exports', () => {
    expectRefused(variant('v99', (f) => ({ ...f, version: 99 })), /^unsupported-version: .*format 99.*update Haru/)
    expectRefused(variant('badDate', (f) => void (f.entries[0]!.entryDate = '2026-02-30')), /^malformed: .*entries\.0\.entryDate: date is not a real calendar day/)
    expectRefused(variant('orphan', (f) => void (f.entries[0]!.profileId = 77)), /^malformed: .*entry \d+ belongs to missing profile 77/)
    expectRefused(variant('escape', (f) => void (f.voiceMemos[0]!.filePath = '../../etc/passwd')), /^malformed: .*filePath: must be a relative path/)
    expectRefused(variant('extra', (f) => ({ ...f, admin: true })), /^malformed: .*admin|unrecognized/i)
    expectRefused(variant('badJson', (f) => void (f.analyses[0]!.canonicalJson = '{oops')), /^malformed: .*canonicalJson: is not valid JSON text/)
    expectRefused(variant('cut', () => JSON.stringify(file).slice(0, 500)), /^foreign-file: .*not JSON/)
  })

  it('refuses missing or altered recordings', () => {
    const missing = variant('noAudio', () => undefined)
    for (const f of readdirSync(join(missing, 'audio'))) writeFileSync(join(missing, 'audio', f), '')
    expectRefused(missing, /^corrupt-audio: .*does not match its checksum/)
    const gone = variant('goneAudio', (f) => void (f.audio[0]!.path = 'audio/not-there.wav'))
    expectRefused(gone, /^missing-audio: .*lacks audio\/not-there\.wav/)
  })

  it('refuses an export whose entry differs from the diary’s entry for that day', () => {
    const conflicting = variant('conflict', (f) => {
      f.entries.push({ ...f.entries[0]!, id: 500, entryDate: '2026-01-05', text: '다른 내용' })
    })
    expectRefused(conflicting, /^conflict: import refused, nothing was changed: the entry for 2026-01-05 differs/)
  })
})

describe('Markdown export', () => {
  it('writes one readable file per profile and month', () => {
    const out = join(tmp.dir, 'md')
    const report = exportMarkdown(src, out)
    expect(report.files.sort()).toEqual(['지민/2026-03.md', '하늘 🌤/2026-03.md'])
    expect(report.entries).toBe(3)
    const march = readFileSync(join(out, '지민', '2026-03.md'), 'utf8')
    expect(march).toMatch(/^# 지민 · 2026년 3월 \(2026-03\)/)
    expect(march).toContain('## 2026-03-01 (일)')
    expect(march).toContain('- 글 · words: 😊 기쁨 (Happy) 70%')
    expect(march).toContain('- 태그 · tags: #산책 #친구')
    expect(march).toContain('오늘은 행복했던 하루 😊➡️😢')
    expect(march).toContain('> 🎙️ 음성 메모 · voice memo (0:01): 오늘 정말 행복했어')
    expect(march).toContain('(받아쓰기 없음 · no transcript)')
    expect(march.indexOf('2026-03-01')).toBeLessThan(march.indexOf('2026-03-02'))
    expect(exportMarkdown(src, join(tmp.dir, 'md-one'), { profileId: 2 }).files).toEqual(['하늘 🌤/2026-03.md'])
    expect(refusal(() => exportMarkdown(src, out))).toMatch(/^out-exists/)
    expect(refusal(() => exportJson(src, srcDir, out, { appVersion: 't' }))).toMatch(/^out-exists/)
  })
})
