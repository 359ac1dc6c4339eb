/**
 * Defect 3 of issue 13: a backup must not be able to plant files in the data folder, nor make a
 * model pack active that never went through the install step's checks; a folder import must not
 * follow symbolic links out of the export.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportJson, sha256 } from '../../../src/main/export/export-json'
import { EXPORT_JSON_NAME, type ExportFile } from '../../../src/main/export/format'
import { importJson } from '../../../src/main/export/import-json'
import type { HaruApiError } from '../../../src/shared/api/errors'
import { copyDefaultTextPack } from '../../helpers/text-packs'
import { useTestService } from '../../helpers/test-service'
import { makeTempDir } from '../../helpers/temp-dir'
import { openDatabase } from '../../../src/main/db/open'
import { seedDiary } from '../trends/diary-fixture'

const app = useTestService()

/** A real export folder of the fixture diary, its JSON rewritten by `edit` (as an attacker can). */
function craftedExport(edit: (file: ExportFile, dir: string) => void): string {
  const src = makeTempDir()
  const db = openDatabase(join(src.dir, 'diary'))
  seedDiary(db, join(src.dir, 'diary'))
  const out = join(app.dir, '..', `${app.dir.split('/').pop()}-export`)
  exportJson(db, join(src.dir, 'diary'), out, { appVersion: 't' })
  db.close()
  src.cleanup()
  const file = JSON.parse(readFileSync(join(out, EXPORT_JSON_NAME), 'utf8')) as ExportFile
  edit(file, out)
  writeFileSync(join(out, EXPORT_JSON_NAME), JSON.stringify(file))
  return out
}

/** Every file under the data folder, relative, '/'-separated (the database files aside). */
function dataFiles(): string[] {
  return (readdirSync(app.dir, { recursive: true, encoding: 'utf8' }) as string[])
    .map((f) => f.split('\\').join('/'))
    .filter((f) => !f.startsWith('haru.sqlite3') && !readdirSafe(join(app.dir, f)))
    .sort()
}
const readdirSafe = (p: string) => {
  try {
    readdirSync(p)
    return true
  } catch {
    return false
  }
}

describe('a backup cannot plant files (defect 3)', () => {
  it('recordings named models/<id>/manifest.json or asr.json land under memos/ with safe names', async () => {
    const planted: Record<string, Buffer> = {}
    const out = craftedExport((file, dir) => {
      const [m1, m2] = file.voiceMemos
      m1!.filePath = 'models/evil/manifest.json'
      m2!.filePath = 'asr.json'
      for (const ref of file.audio) {
        const memo = file.voiceMemos.find((m) => m.id === ref.id && ref.owner === 'voiceMemos')
        if (memo) planted[memo.filePath] = readFileSync(join(dir, ref.path))
      }
    })
    importJson(app.service.db, app.dir, out)
    rmSync(out, { recursive: true })

    expect(existsSync(join(app.dir, 'models'))).toBe(false)
    expect(existsSync(join(app.dir, 'asr.json'))).toBe(false)
    const files = dataFiles()
    expect(files.filter((f) => !f.startsWith('memos/') && !f.startsWith('calibration/'))).toEqual([])
    // Every imported memo names a WAV under memos/, and its audio is the recording from the backup.
    const memos = app.service.db.prepare('SELECT id, file_path AS filePath FROM voice_memos ORDER BY id').all() as { id: number; filePath: string }[]
    for (const m of memos) expect(m.filePath).toMatch(/^memos\/[\w/-]+\.wav$/)
    const audio = await app.api.memos.audio({ memoId: memos[0]!.id })
    expect(Buffer.from(audio.wavBase64, 'base64').equals(planted['models/evil/manifest.json']!)).toBe(true)
  })

  it('an imported setting cannot make a pack active that was not installed through Haru', async () => {
    const p = await app.api.profiles.create({ name: '지민' })
    // What a planting import left: a pack folder under <data>/models/, and the profile's setting naming it.
    copyDefaultTextPack(join(app.dir, 'models-planted'), { id: 'planted-pack' })
    mkdirSync(join(app.dir, 'models'), { recursive: true })
    renameSync(join(app.dir, 'models-planted'), join(app.dir, 'models', 'planted-pack'))
    app.service.db
      .prepare("INSERT INTO profile_settings (profile_id, key, value_json, updated_at) VALUES (?, 'textModelId', '\"planted-pack\"', '2026-01-01')")
      .run(p.id)

    const listed = await app.api.models.listText({ profileId: p.id })
    expect(listed.activeId).toBe('haru-text-default-v2')
    expect(listed.packs.map((x) => x.id)).toEqual(['haru-text-default-v2'])
    expect(listed.fallback).toMatch(/planted-pack/)
    expect(listed.broken).toEqual([{ folder: join(app.dir, 'models', 'planted-pack'), message: expect.stringMatching(/not installed through Haru/) }])
    const e = await app.api.entries.create({ profileId: p.id, entryDate: '2026-11-20', text: '오늘은 즐거웠다.' })
    expect((await app.api.analysis.entryText({ entryId: e.id }))!.modelId).toBe('haru-text-default-v2')
    const refused = (await app.api.models.selectText({ profileId: p.id, packId: 'planted-pack' }).catch((err: unknown) => err)) as HaruApiError
    expect(refused.code).toBe('not-found')
  })

  it('a folder import refuses a recording that is a symbolic link (to a file outside the export)', async () => {
    const outside = join(app.dir, '..', `${app.dir.split('/').pop()}-secret.txt`)
    writeFileSync(outside, 'host-secret\n')
    try {
      const out = craftedExport((file, dir) => {
        const ref = file.audio[0]!
        rmSync(join(dir, ref.path))
        symlinkSync(outside, join(dir, ref.path))
        ref.bytes = readFileSync(outside).length
        ref.sha256 = sha256(readFileSync(outside))
      })
      let refusal: { code: string; message: string } | null = null
      try {
        importJson(app.service.db, app.dir, out)
      } catch (err) {
        refusal = err as { code: string; message: string }
      }
      rmSync(out, { recursive: true })
      expect(refusal).not.toBeNull()
      expect(refusal!.code).toBe('unsafe-path')
      expect(refusal!.message).toMatch(/symbolic link/)
      expect(app.service.db.prepare('SELECT count(*) AS n FROM profiles').get()).toEqual({ n: 0 })
      expect(dataFiles()).toEqual([])
    } finally {
      rmSync(outside, { force: true })
    }
  })
})
