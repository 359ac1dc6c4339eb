/**
 * Defect 4 (and the duplicate-entry item of 10) of issue 13: an import obeys the API's limits and
 * cannot be made to decompress without bound. Real zip files, built with fflate and, where a
 * crafted archive needs it, patched byte by byte.
 */
import { readFileSync } from 'node:fs'
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate'
import { describe, expect, it } from 'vitest'
import { EXPORT_JSON_NAME, type ExportFile } from '../../../src/main/export/format'
import type { HaruApiError } from '../../../src/shared/api/errors'
import { useTestService } from '../../helpers/test-service'

const app = useTestService()

/** A real backup of a small diary made by the app, as its zip entries. */
async function backupEntries(): Promise<Record<string, Uint8Array>> {
  const p = await app.api.profiles.create({ name: '지민' })
  await app.api.entries.create({ profileId: p.id, entryDate: '2026-11-20', text: '오늘은 조용한 하루였다.' })
  const made = await app.api.backup.export({ format: 'json' })
  const entries = unzipSync(readFileSync(made.path))
  // The backup is imported into a fresh diary: remove what made it.
  await app.api.entries.delete({ id: (await app.api.entries.list({ profileId: p.id }))[0]!.id })
  app.service.db.prepare('DELETE FROM profiles').run()
  return entries
}

const jsonOf = (entries: Record<string, Uint8Array>) => JSON.parse(strFromU8(entries[EXPORT_JSON_NAME]!)) as ExportFile
const withJson = (entries: Record<string, Uint8Array>, file: ExportFile): Zippable => ({ ...entries, [EXPORT_JSON_NAME]: strToU8(JSON.stringify(file)) })

/** Imports `zip` through the API as the app does; returns the refusal (or null) and whether the diary changed. */
async function importZip(zip: Uint8Array): Promise<{ error: HaruApiError | null; changed: boolean }> {
  const count = () => app.service.db.prepare('SELECT (SELECT count(*) FROM profiles) + (SELECT count(*) FROM entries) AS n').get() as { n: number }
  const before = count().n
  const error = (await app.api.backup.import({ fileName: 'crafted.zip', dataBase64: Buffer.from(zip).toString('base64') }).then(
    () => null,
    (e: unknown) => e
  )) as HaruApiError | null
  return { error, changed: count().n !== before }
}
const reason = (e: HaruApiError | null) => e?.issues?.find((i) => i.path === 'reason')?.message

describe('an import obeys the API limits (defect 4)', () => {
  it('refuses an entry longer than the 100,000 characters the API allows', async () => {
    const entries = await backupEntries()
    const file = jsonOf(entries)
    file.entries[0]!.text = '가'.repeat(200_000)
    const long = await importZip(zipSync(withJson(entries, file)))
    expect(long.error?.code).toBe('invalid-input')
    expect(reason(long.error)).toBe('malformed')
    expect(long.error?.message).toMatch(/entries\.0\.text/)
    expect(long.changed).toBe(false)
  })

  it('refuses memo rows the recorder could never make (a 63 Hz rate, a 4-hour memo)', async () => {
    const entries = await backupEntries()
    const file = jsonOf(entries)
    file.voiceMemos.push({ id: 9, entryId: file.entries[0]!.id, filePath: 'memos/2026-11/x.wav', durationSec: 4 * 3600, sampleRate: 63, transcript: null, createdAt: '2026-11-20T00:00:00Z' })
    const bad = await importZip(zipSync(withJson(entries, file)))
    expect(reason(bad.error)).toBe('malformed')
    expect(bad.error?.message).toMatch(/voiceMemos\.0\.(durationSec|sampleRate)/)
    expect(bad.changed).toBe(false)
  })

  it('refuses a zip bomb before inflating it (64 MB of zeros in 64 KB)', async () => {
    const entries = await backupEntries()
    const bomb = await importZip(zipSync({ ...entries, 'audio/bomb.bin': [new Uint8Array(64 * 2 ** 20), { level: 9 }] }))
    expect(bomb.error?.code).toBe('invalid-input')
    expect(reason(bomb.error)).toBe('too-large')
    expect(bomb.error?.message).toMatch(/audio\/bomb\.bin/)
    expect(bomb.changed).toBe(false)
  })

  it('refuses a recording that inflates past the size its directory declares', async () => {
    const entries = await backupEntries()
    const file = jsonOf(entries)
    const entryId = file.entries[0]!.id
    file.voiceMemos.push({ id: 9, entryId, filePath: 'memos/2026-11/liar.wav', durationSec: 1, sampleRate: 16000, transcript: null, createdAt: '2026-11-20T00:00:00Z' })
    file.audio.push({ owner: 'voiceMemos', id: 9, path: 'audio/liar.wav', bytes: 1000, sha256: '0'.repeat(64) })
    const zip = zipSync({ ...withJson(entries, file), 'audio/liar.wav': [strToU8('x'.repeat(3 * 2 ** 20)), { level: 9 }] })
    // Patch the declared uncompressed size (local header +22, central directory +24) down to 1,000 bytes.
    const view = new DataView(zip.buffer)
    const name = strToU8('audio/liar.wav')
    for (let i = 0; i + 4 <= zip.length; i++) {
      const sig = view.getUint32(i, true)
      if (sig !== 0x04034b50 && sig !== 0x02014b50) continue
      const local = sig === 0x04034b50
      const nameLen = view.getUint16(i + (local ? 26 : 28), true)
      const at = i + (local ? 30 : 46)
      if (nameLen === name.length && name.every((b, k) => zip[at + k] === b)) view.setUint32(i + (local ? 22 : 24), 1000, true)
    }
    const liar = await importZip(zip)
    expect(liar.error?.code).toBe('invalid-input')
    expect(reason(liar.error)).toBe('too-large')
    expect(liar.error?.message).toMatch(/liar\.wav unpacks to more than the 1000 bytes/)
    expect(liar.changed).toBe(false)
  })
})

describe('a zip with two haru-export.json entries (defect 10)', () => {
  it('is refused, not read as the second one', async () => {
    const entries = await backupEntries()
    const second = jsonOf(entries)
    second.profiles[0]!.name = '침입자'
    const decoy = 'haru-export.jsoX'
    const zip = zipSync({ ...entries, [decoy]: strToU8(JSON.stringify(second)) })
    const from = strToU8(decoy)
    for (let i = 0; i + from.length <= zip.length; i++) {
      if (from.every((b, k) => zip[i + k] === b)) zip[i + from.length - 1] = 'n'.charCodeAt(0)
    }
    const twice = await importZip(zip)
    expect(twice.error?.code).toBe('invalid-input')
    expect(reason(twice.error)).toBe('malformed')
    expect(twice.error?.message).toMatch(/haru-export\.json.*(twice|more than once)/)
    expect(twice.changed).toBe(false)
  })
})
