/**
 * Issue 14's proof that the lock is real: with the lock on, a diary is used as a person would —
 * an entry with a sentence that exists nowhere else, a recorded memo (and one still being
 * recorded), an imported memo with a transcript, analyses, a calibrated voice — and then every
 * byte of every file under the data folder (the database, its WAL and SHM, journals, recordings,
 * memos, takes, temporary files) is searched for that sentence in UTF-8 and for runs of 16 samples
 * of each recording's PCM. Nothing may be found, while the diary is open (WAL and SHM live) and
 * after it is closed. The same scan on the same diary without the lock must find them all, so the
 * scan can fail.
 */
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openHaruService, type HaruService } from '../../../src/main/api/service'
import { createHaruApi } from '../../../src/shared/api/client'
import { encodeWav16 } from '../../../src/shared/audio'
import { syntheticSpeech } from '../../../bench/signals'
import { pcmRuns, scanFolder, type Hit } from '../../helpers/diary-files'
import { signalChunkBase64 } from '../../helpers/pcm-signal'
import { makeTempDir } from '../../helpers/temp-dir'
import { voiceBase64 } from '../calibration/wav-fixtures'

const PASSPHRASE = '아무도 모르는 봄날 2026'

interface Used {
  service: HaruService
  dir: string
  needles: Record<string, Buffer>
}

/** A diary used as a person would, with the lock on (or off, for the control); returns what must not be found. */
async function useDiary(locked: boolean): Promise<Used> {
  const tmp = makeTempDir('haru-scan-')
  const service = openHaruService({ dataDir: tmp.dir, appVersion: 't', transport: 'web' })
  const api = createHaruApi(service.dispatch)
  const profile = await api.profiles.create({ name: '지민', gender: 'FEMALE' })
  if (locked) await api.lock.enable({ passphrase: PASSPHRASE, acknowledgeLoss: true })
  const tag = randomBytes(4).toString('hex')
  const sentence = `아무에게도 말하지 못한 하루의 비밀 문장 ${tag}: 오늘 나는 조용히 울었다.`
  const spoken = `받아쓰기에만 있는 비밀 문장 ${tag}, 목소리로 남긴 이야기.`
  const entry = await api.entries.create({ profileId: profile.id, entryDate: '2026-11-24', text: sentence })
  await api.analysis.entryText({ entryId: entry.id })

  // A recorded memo (three 1 s chunks, finished and analysed) …
  const rec = await api.memos.begin({ profileId: profile.id, entryDate: '2026-11-24', sampleRate: 16000 })
  const recorded = [0, 1, 2].map((seq) => Buffer.from(signalChunkBase64(seq), 'base64'))
  for (const [seq, chunk] of recorded.entries()) await api.memos.appendChunk({ recordingId: rec.recordingId, seq, pcm16: chunk.toString('base64') })
  const memo = await api.memos.finish({ recordingId: rec.recordingId })
  await api.memos.analyze({ memoId: memo.id })
  // … one still being recorded (its chunks sit in recordings/) …
  const live = await api.memos.begin({ profileId: profile.id, entryDate: '2026-11-24', sampleRate: 16000 })
  const inProgress = [5, 6].map((n) => Buffer.from(signalChunkBase64(n), 'base64'))
  for (const [seq, chunk] of inProgress.entries()) await api.memos.appendChunk({ recordingId: live.recordingId, seq, pcm16: chunk.toString('base64') })
  // … an imported one with a transcript …
  const importedWav = Buffer.from(encodeWav16(syntheticSpeech(4), 16000))
  const imported = await api.memos.import({ profileId: profile.id, entryDate: '2026-11-23', fileName: '산책.wav', dataBase64: importedWav.toString('base64') })
  await api.memos.setTranscript({ memoId: imported.id, transcript: spoken })
  // … and a calibrated voice.
  const { sessionId } = await api.calibration.start({ profileId: profile.id })
  const takes = [1, 2, 3].map((seed) => Buffer.from(voiceBase64({ seconds: 4, seed }), 'base64'))
  for (const [i, take] of takes.entries()) {
    const r = await api.calibration.addTake({ profileId: profile.id, sessionId, sentenceIndex: i, wavBase64: take.toString('base64') })
    expect(r.accepted).toBe(true)
  }
  expect((await api.calibration.save({ profileId: profile.id, sessionId })).status).toBe('ok')

  const needles: Record<string, Buffer> = { sentence: Buffer.from(sentence, 'utf8'), transcript: Buffer.from(spoken, 'utf8') }
  // A shorter piece of each sentence too: a page split or an index (FTS trigrams) keeps fragments.
  needles['sentence fragment'] = Buffer.from('말하지 못한 하루의 비밀', 'utf8')
  pcmRuns(Buffer.concat(recorded), 8).forEach((run, i) => (needles[`recorded memo PCM ${i}`] = run))
  pcmRuns(Buffer.concat(inProgress), 4).forEach((run, i) => (needles[`recording in progress PCM ${i}`] = run))
  pcmRuns(importedWav.subarray(44), 6).forEach((run, i) => (needles[`imported memo PCM ${i}`] = run))
  takes.forEach((take, t) => pcmRuns(take.subarray(44), 3).forEach((run, i) => (needles[`calibration take ${t} PCM ${i}`] = run)))
  return { service, dir: tmp.dir, needles }
}

const summary = (hits: Hit[]) => [...new Set(hits.map((h) => `${h.needle} in ${h.file}`))]

let locked: Used
let plain: Used
beforeAll(async () => {
  locked = await useDiary(true)
  plain = await useDiary(false)
}, 180_000)
afterAll(() => {
  for (const u of [locked, plain]) {
    u?.service.close()
  }
})

describe('with the lock on, nothing of the diary is readable in its folder', () => {
  it('finds neither the sentence nor any run of the recordings’ samples in any file, with the diary open', () => {
    const scan = scanFolder(locked.dir, locked.needles)
    // The live files are part of the scan: the database's WAL and SHM, the recording in progress.
    expect(scan.files).toEqual(expect.arrayContaining(['haru.sqlite3', 'haru.sqlite3-wal', 'haru.sqlite3-shm', 'lock.json']))
    expect(scan.files.some((f) => /^recordings\/[0-9a-f]{32}\.pcm$/.test(f))).toBe(true)
    expect(scan.files.filter((f) => f.startsWith('memos/')).length).toBe(2)
    expect(scan.files.filter((f) => f.startsWith('calibration/')).length).toBe(3)
    console.log(`[scan] locked diary, open: ${scan.files.length} files, ${scan.bytes} bytes, ${Object.keys(locked.needles).length} needles, ${scan.hits.length} hits`)
    expect(summary(scan.hits)).toEqual([])
  })

  it('finds nothing after it is closed either, and the control diary without the lock shows every needle', () => {
    locked.service.close()
    const after = scanFolder(locked.dir, locked.needles)
    console.log(`[scan] locked diary, closed: ${after.files.length} files (${after.files.join(', ')}), ${after.bytes} bytes, ${after.hits.length} hits`)
    expect(summary(after.hits)).toEqual([])

    const control = scanFolder(plain.dir, plain.needles)
    const found = new Set(control.hits.map((h) => h.needle))
    console.log(`[scan] plain control: ${control.files.length} files, ${found.size}/${Object.keys(plain.needles).length} needles found`)
    expect([...Object.keys(plain.needles)].filter((n) => !found.has(n))).toEqual([])
  })
})
