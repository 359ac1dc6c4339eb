/**
 * The fuzz suite of issue 13: every API method gets generated malformed payloads through the one
 * dispatcher every transport uses (in-process, so values IPC's structured clone can carry but JSON
 * cannot, such as Map, BigInt and typed arrays, are tried too); then the same generator mutates a
 * real export and imports it. Asserted only: every answer is a typed ApiResult, never `internal`
 * (nor `storage`, nor Node's raw error text), and a refusal changes nothing (database rows and the
 * files of the data folder are fingerprinted before and after each call). Seeded (HARU_FUZZ_SEED)
 * and bounded: at most 12,000 API payloads and 400 imports, each phase capped at 22 s once it has
 * sent its minimum (2,400 and 120), so the suite stays under a minute on a loaded machine.
 */
import { createHash } from 'node:crypto'
import { lstatSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { adaptationIdle } from '../../../src/main/adaptation/background-work'
import { openHaruService, type HaruService } from '../../../src/main/api/service'
import { channelName } from '../../../src/shared/api/channel'
import { createHaruApi } from '../../../src/shared/api/client'
import { channels } from '../../../src/shared/api/contract'
import { API_ERROR_CODES, type ApiResult } from '../../../src/shared/api/errors'
import { Fuzzer, jsonPaths } from '../../helpers/fuzz'
import { signalChunkBase64 } from '../../helpers/pcm-signal'
import { makeTempDir } from '../../helpers/temp-dir'

const SEED = Number(process.env.HARU_FUZZ_SEED ?? 20261124)
/** Each phase stops at its payload count, or at its time cap once it has sent its minimum (a loaded CI machine still covers every method). */
const API_PAYLOADS = { max: 12_000, min: 2_400 }
const IMPORT_PAYLOADS = { max: 400, min: 120 }
const PHASE_CAP_MS = 22_000
const more = (i: number, limits: { max: number; min: number }, started: number) => i < limits.min || (i < limits.max && Date.now() - started < PHASE_CAP_MS)

let tmp: ReturnType<typeof makeTempDir>
let service: HaruService
const seeded = { recordingId: '', sessionId: '', exportZip: new Uint8Array() }

/**
 * The database's rows and the data folder's files (names, sizes, times), as one hash. The rows are
 * hashed again only when SQLite's change counter moved (it counts rolled-back writes too, so a
 * moved counter alone proves nothing), which keeps a fingerprint well under a millisecond.
 */
let dbHash = { changes: -1, hash: '' }
function fingerprint(): string {
  const changes = service.db.prepare('SELECT total_changes()').pluck().get() as number
  if (changes !== dbHash.changes) dbHash = { changes, hash: databaseHash() }
  const hash = createHash('sha256').update(dbHash.hash)
  for (const name of (readdirSync(tmp.dir, { recursive: true, encoding: 'utf8' }) as string[]).sort()) {
    if (name.startsWith('haru.sqlite3')) continue
    const st = lstatSync(join(tmp.dir, name))
    hash.update(`${name}:${st.isDirectory() ? 'dir' : `${st.size}:${st.mtimeMs}`}`)
  }
  return hash.digest('hex')
}

function databaseHash(): string {
  const hash = createHash('sha256')
  const tables = service.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'entry_search%' ORDER BY name").pluck().all() as string[]
  for (const t of tables) {
    const rows = (service.db.prepare(`SELECT * FROM "${t}"`).raw().all() as unknown[]).map((r) => JSON.stringify(r)).sort()
    hash.update(`${t}:${rows.join('\n')}`)
  }
  return hash.digest('hex')
}

/**
 * A valid (or nearly valid) request for every channel, on the seeded diary; the fuzzer mutates
 * these. Where success leaves files behind (exports, recordings), the template names a missing
 * profile, so the data folder stays small and cheap to fingerprint.
 */
function templates(): Record<string, unknown> {
  const p = { profileId: 1 }
  const range = { profileId: 1, from: '2026-11-01', to: '2026-11-30', source: 'text' }
  const session = { profileId: 1, sessionId: seeded.sessionId }
  const zip = Buffer.from(seeded.exportZip).toString('base64')
  return {
    'app.info': {},
    'profiles.list': {},
    'profiles.create': { name: '새 사람', gender: 'FEMALE' },
    'entries.list': { profileId: 1, from: '2026-11-01', to: '2026-11-30', limit: 10, offset: 0 },
    'entries.get': { id: 1 },
    'entries.getByDate': { profileId: 1, entryDate: '2026-11-20' },
    'entries.create': { profileId: 1, entryDate: '2026-11-22', text: '새 일기' },
    'entries.update': { id: 1, text: '고친 일기' },
    'entries.delete': { id: 999 },
    'entries.clearText': { id: 999 },
    'entries.day': { entryId: 1 },
    'entries.months': { profileId: 1, tag: '산책' },
    'queue.status': p,
    'queue.pause': { profileId: 999 },
    'queue.resume': { profileId: 999, retryFailed: true },
    'queue.cancel': { profileId: 999 },
    'queue.failures': p,
    'reflections.get': { profileId: 1, period: '2026-W47', source: 'text' },
    'reflections.due': { profileId: 1, today: '2026-11-24' },
    // Check-ins change rows at once, nothing later; a correction that succeeds would start an
    // adapter training, so those templates name what does not exist (refusals are what is fuzzed).
    'moods.set': { profileId: 1, date: '2026-11-21', emotion: 'HAPPY', word: '설렘', intensity: 4 },
    'moods.get': { profileId: 1, date: '2026-11-20' },
    'moods.clear': { profileId: 1, date: '2026-11-21' },
    'moods.list': { profileId: 1, from: '2026-11-01', to: '2026-11-30' },
    'moods.agreement': { profileId: 1, from: '2026-11-01', to: '2026-11-30', tag: '산책' },
    'corrections.setSentence': { entryId: 999, start: 0, end: 8, text: '오늘은 좋았다.', emotion: 'SAD' },
    'corrections.setMemo': { memoId: 999, emotion: 'NEUTRAL' },
    'corrections.undo': { id: 999 },
    'corrections.list': { profileId: 1, from: '2026-11-01', to: '2026-11-30' },
    'corrections.adaptation': p,
    'trends.summary': { ...range, bucket: 'week' },
    'trends.days': range,
    'trends.streak': { profileId: 1, today: '2026-11-24' },
    'trends.disagreements': { profileId: 1, from: '2026-11-01', to: '2026-11-30', limit: 5 },
    'trends.onThisDay': { profileId: 1, date: '2026-11-20', limit: 5 },
    'search.entries': { profileId: 1, query: '산책을', source: 'text', limit: 10, offset: 0 },
    'tags.list': p,
    'tags.get': { entryId: 1 },
    'tags.set': { entryId: 1, tags: ['산책', '친구'] },
    'tags.entries': { profileId: 1, tag: '산책' },
    'calibration.start': { profileId: 999 },
    'calibration.addTake': { ...session, sentenceIndex: 0, wavBase64: Buffer.from('RIFF....WAVE').toString('base64') },
    'calibration.preview': session,
    'calibration.save': session,
    'calibration.cancel': { profileId: 999, sessionId: seeded.sessionId },
    'calibration.sessions': p,
    'calibration.deleteTakes': { profileId: 999 },
    'baselines.list': p,
    'baselines.activate': { profileId: 1, baselineId: 1 },
    'baselines.useDefault': { profileId: 999 },
    'baselines.recompute': { profileId: 1, baselineId: 1 },
    'reanalysis.start': { profileId: 999 },
    'reanalysis.status': p,
    'memos.begin': { profileId: 999, entryDate: '2026-11-20', sampleRate: 16000 },
    'memos.appendChunk': { recordingId: seeded.recordingId, seq: 5, pcm16: signalChunkBase64(0) },
    'memos.finish': { recordingId: '0'.repeat(32) },
    'memos.discard': { recordingId: '0'.repeat(32) },
    'memos.orphans': p,
    'memos.list': { entryId: 1 },
    'memos.audio': { memoId: 1 },
    'memos.delete': { memoId: 999 },
    'memos.import': { profileId: 1, entryDate: '2026-11-20', fileName: 'x.wav', dataBase64: Buffer.from('RIFF....WAVEfmt ').toString('base64') },
    'memos.setTranscript': { memoId: 999, transcript: '오늘은 좋았다' },
    'memos.transcribe': { memoId: 1 },
    'memos.analyze': { memoId: 999 },
    'memos.analysis': { memoId: 1 },
    'settings.get': p,
    'settings.set': { profileId: 1, fusion: { text: 0.7, audio: 0.3 } },
    'analysis.entryText': { entryId: 999 },
    'analysis.storedEntryText': { entryId: 1 },
    'asr.status': {},
    'asr.download': { modelId: 'no-such-model' },
    'asr.cancel': { modelId: 'no-such-model' },
    'asr.useFolder': { path: join(tmp.dir, 'no-whisper-here') },
    'models.listText': p,
    'models.selectText': { profileId: 1, packId: 'no-such-pack' },
    'models.installText': { path: join(tmp.dir, 'no-pack-here') },
    'backup.info': {},
    'backup.export': { format: 'md', profileId: 999 },
    'backup.import': { fileName: 'x.zip', dataBase64: zip },
    'backup.reveal': { path: join(tmp.dir, 'exports', 'nothing.zip') },
    // The diary lock (issue 14) on this plain diary: unlocking and activity are no-ops; turning the
    // lock on is refused while the seeded recording is open, so the folder is never converted here.
    'lock.status': {},
    'lock.unlock': { passphrase: '틀린 비밀번호입니다' },
    'lock.lock': {},
    'lock.enable': { passphrase: '새 비밀번호 여덟 자', acknowledgeLoss: true },
    'lock.disable': { passphrase: '지금 비밀번호' },
    'lock.change': { passphrase: '지금 비밀번호', newPassphrase: '새 비밀번호 여덟 자' },
    'lock.newRecoveryKey': { passphrase: '지금 비밀번호' },
    'lock.settings': { autoLockMinutes: 5, remember: false },
    'lock.activity': {}
  }
}

/** Node's own error text, a stack frame or an SQLite class name in a message means an untyped failure leaked. */
const RAW = /\b(E[A-Z]{3,}):\s|\bERR_[A-Z_]{3,}\b|SqliteError|\bat \S+ \(.*:\d+:\d+\)/

interface Tally {
  payloads: number
  accepted: number
  refused: Record<string, number>
  failures: string[]
}

const describeValue = (v: unknown): string => {
  try {
    const s = JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x))
    return (s ?? String(v)).slice(0, 160)
  } catch {
    return String(v).slice(0, 160)
  }
}

/** One call through the dispatcher with the checks every call gets; true when it was accepted. */
async function check(tally: Tally, channel: string, payload: unknown): Promise<boolean> {
  tally.payloads++
  const before = fingerprint()
  let result: ApiResult<unknown>
  try {
    result = await service.dispatch(channel, payload)
  } catch (err) {
    tally.failures.push(`${channel} threw past the dispatcher: ${(err as Error).message} for ${describeValue(payload)}`)
    return false
  }
  if (result.ok) {
    tally.accepted++
    return true
  }
  const { code, message } = result.error
  tally.refused[code] = (tally.refused[code] ?? 0) + 1
  const problems: string[] = []
  if (!(API_ERROR_CODES as readonly string[]).includes(code)) problems.push(`untyped code ${code}`)
  if (code === 'internal' || code === 'storage') problems.push(`code ${code}`)
  if (typeof message !== 'string' || message.length === 0 || RAW.test(message)) problems.push(`raw message "${String(message).slice(0, 200)}"`)
  if (fingerprint() !== before) problems.push('the refusal changed the diary')
  if (problems.length > 0) tally.failures.push(`${channel}: ${problems.join('; ')} for ${describeValue(payload)} (${String(message).slice(0, 200)})`)
  return false
}

/** Background work an accepted call may start is let finish, so it cannot look like a later refusal's change. */
async function settle(channel: string): Promise<void> {
  // An adapter training (issue 12) and the queue's re-reading it asks for; nothing when idle.
  await adaptationIdle(service.db)
  await service.queue.whenIdle()
  if (channel === 'asr-download') await service.dispatch('asr-cancel', { modelId: 'whisper-tiny' }).catch(() => {})
  for (let i = 0; i < 200; i++) {
    const status = (await service.dispatch('reanalysis-status', { profileId: 1 })) as ApiResult<{ state: string }>
    if (!status.ok || status.data.state !== 'running') return
    await new Promise((r) => setTimeout(r, 25))
  }
}

beforeAll(async () => {
  tmp = makeTempDir('haru-fuzz-')
  service = openHaruService({ dataDir: tmp.dir, appVersion: 'fuzz', transport: 'web' })
  const api = createHaruApi(service.dispatch)
  const p = await api.profiles.create({ name: '지민', gender: 'FEMALE' })
  const e = await api.entries.create({ profileId: p.id, entryDate: '2026-11-20', text: '오늘은 산책을 했다. 기분이 좋았다.' })
  await api.tags.set({ entryId: e.id, tags: ['산책'] })
  const r1 = await api.memos.begin({ profileId: p.id, entryDate: '2026-11-20', sampleRate: 16000 })
  await api.memos.appendChunk({ recordingId: r1.recordingId, seq: 0, pcm16: signalChunkBase64(0) })
  await api.memos.finish({ recordingId: r1.recordingId })
  const r2 = await api.memos.begin({ profileId: p.id, entryDate: '2026-11-21', sampleRate: 16000 })
  await api.memos.appendChunk({ recordingId: r2.recordingId, seq: 0, pcm16: signalChunkBase64(0) })
  seeded.recordingId = r2.recordingId
  seeded.sessionId = (await api.calibration.start({ profileId: p.id })).sessionId
  const backup = await api.backup.export({ format: 'json' })
  seeded.exportZip = new Uint8Array(readFileSync(backup.path))
}, 60_000)

afterAll(() => {
  service?.close()
  tmp?.cleanup()
})

describe('fuzzing the API and the import format', () => {
  it('every API method: malformed payloads get typed errors and change nothing', async () => {
    const fuzz = new Fuzzer(SEED)
    const all = templates()
    expect(Object.keys(all).sort()).toEqual([...channels.values()].map((c) => `${c.domain}.${c.verb}`).sort())
    const names = Object.keys(all)
    const tally: Tally = { payloads: 0, accepted: 0, refused: {}, failures: [] }
    const started = Date.now()
    for (let i = 0; more(i, API_PAYLOADS, started); i++) {
      const name = names[i % names.length]!
      const [domain, verb] = name.split('.') as [string, string]
      const channel = fuzz.chance(0.01) ? fuzz.pick([`${channelName(domain, verb)}x`, 'constructor', '__proto__', '', 'toString']) : channelName(domain, verb)
      if (await check(tally, channel, fuzz.mutate(all[name]))) await settle(channel)
    }
    console.log(`[fuzz] API: seed ${SEED}, ${tally.payloads} payloads over ${names.length} methods in ${Date.now() - started} ms; ${tally.accepted} accepted; refused ${JSON.stringify(tally.refused)}; ${tally.failures.length} violations`)
    expect(tally.failures.slice(0, 15)).toEqual([])
  }, 90_000)

  it('the import format: mutated exports are imported whole or refused without a trace', async () => {
    const fuzz = new Fuzzer(SEED + 1)
    const files = unzipSync(seeded.exportZip)
    const json = JSON.parse(strFromU8(files['haru-export.json']!)) as unknown
    const paths = jsonPaths(json).filter((p) => p.length > 0)
    const jsonSafe = (v: unknown) => {
      try {
        return JSON.parse(JSON.stringify(v) ?? 'null') as unknown
      } catch {
        return null
      }
    }
    // A value an earlier round of the same document made very deep (`deep(2000)`) can be past
    // structuredClone's stack under the test runner: the generator then picks another nasty value.
    const mutated = (v: unknown) => {
      try {
        return fuzz.mutate(v)
      } catch (err) {
        if (err instanceof RangeError) return fuzz.nasty()
        throw err
      }
    }
    const tally: Tally = { payloads: 0, accepted: 0, refused: {}, failures: [] }
    const started = Date.now()
    for (let i = 0; more(i, IMPORT_PAYLOADS, started); i++) {
      const doc = structuredClone(json) as Record<string, unknown>
      for (let m = 0, rounds = 1 + fuzz.int(3); m < rounds; m++) {
        const path = fuzz.pick(paths)
        let parent: unknown = doc
        for (const k of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)?.[k]
        if (typeof parent !== 'object' || parent === null) continue
        const key = path[path.length - 1]!
        const holder = parent as Record<string | number, unknown>
        if (fuzz.chance(0.2)) delete holder[key]
        else if (fuzz.chance(0.2) && Array.isArray(holder[key])) (holder[key] as unknown[]).push(structuredClone((holder[key] as unknown[])[0] ?? null))
        else holder[key] = jsonSafe(fuzz.chance(0.5) ? mutated(holder[key]) : fuzz.nasty())
      }
      let zip = zipSync({ ...files, 'haru-export.json': strToU8(JSON.stringify(doc)) })
      // Sometimes the archive itself is damaged: a flipped byte or a cut.
      if (fuzz.chance(0.1)) {
        const at = fuzz.int(zip.length)
        zip[at] = zip[at]! ^ (1 << fuzz.int(8))
      }
      if (fuzz.chance(0.05)) zip = zip.subarray(0, fuzz.int(zip.length))
      await check(tally, 'backup-import', { fileName: `fuzz-${i}.zip`, dataBase64: Buffer.from(zip).toString('base64') })
    }
    console.log(`[fuzz] import: seed ${SEED + 1}, ${tally.payloads} mutated exports in ${Date.now() - started} ms; ${tally.accepted} imported; refused ${JSON.stringify(tally.refused)}; ${tally.failures.length} violations`)
    expect(tally.failures.slice(0, 15)).toEqual([])
  }, 90_000)
})
