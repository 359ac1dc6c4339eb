/**
 * Defect 9 of issue 13, last part: the data folder and every file Haru writes in it are readable
 * by their owner only (they were created 0755/0644). Exercised through the API on a real data
 * folder: the database, a recording and its memo, an imported memo (written by the analysis
 * process), a calibration take, an installed model pack and a backup.
 */
import { lstatSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { encodeWav16 } from '../../../src/shared/audio'
import { officialLabelsTextPack } from '../../helpers/text-packs'
import { signalChunkBase64 } from '../../helpers/pcm-signal'
import { useTestService } from '../../helpers/test-service'
import { voiceBase64 } from '../calibration/wav-fixtures'

const app = useTestService()

/** Every path under `dir` whose mode lets group or others in, with its mode. */
function openToOthers(dir: string): string[] {
  const found: string[] = []
  const st = lstatSync(dir)
  if ((st.mode & 0o077) !== 0) found.push(`. ${(st.mode & 0o777).toString(8)}`)
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const s = lstatSync(join(dir, name))
    if (!s.isSymbolicLink() && (s.mode & 0o077) !== 0) found.push(`${name} ${(s.mode & 0o777).toString(8)}`)
  }
  return found
}

describe.runIf(process.platform !== 'win32')('owner-only data folder (defect 9)', () => {
  it('creates every folder 0700 and every file 0600', async () => {
    const p = await app.api.profiles.create({ name: '지민' })
    await app.api.entries.create({ profileId: p.id, entryDate: '2026-11-20', text: '오늘은 조용했다.' })
    const { recordingId } = await app.api.memos.begin({ profileId: p.id, entryDate: '2026-11-20', sampleRate: 16000 })
    await app.api.memos.appendChunk({ recordingId, seq: 0, pcm16: signalChunkBase64(0) })
    const orphan = await app.api.memos.begin({ profileId: p.id, entryDate: '2026-11-20', sampleRate: 16000 }) // a recording left in progress
    await app.api.memos.appendChunk({ recordingId: orphan.recordingId, seq: 0, pcm16: signalChunkBase64(0) })
    await app.api.memos.finish({ recordingId })
    const tone = Float32Array.from({ length: 16000 }, (_, i) => 0.3 * Math.sin(i / 5))
    await app.api.memos.import({ profileId: p.id, entryDate: '2026-11-21', fileName: 'a.wav', dataBase64: Buffer.from(encodeWav16(tone, 44100)).toString('base64') })
    const { sessionId } = await app.api.calibration.start({ profileId: p.id })
    await app.api.calibration.addTake({ profileId: p.id, sessionId, wavBase64: voiceBase64({ seconds: 3, seed: 1 }) })
    await app.api.models.installText({ path: officialLabelsTextPack(join(app.dir, '..', `${app.dir.split('/').pop()}-pack`), { id: 'private-pack' }) })
    await app.api.backup.export({ format: 'json' })
    await app.api.backup.export({ format: 'md' })
    expect(openToOthers(app.dir)).toEqual([])
  }, 60_000)
})
