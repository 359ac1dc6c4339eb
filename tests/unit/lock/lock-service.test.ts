/**
 * The lock through the real service and dispatcher (SQLite file, analysis process, sealed files):
 * what a locked diary answers, wrong passphrases (typed, counted, nothing changed), turning the
 * lock on and off with every row and recording intact, changing the passphrase, the recovery key,
 * "remember on this computer" through a stand-in keychain, and what the analysis process is sent.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openHaruService, type HaruService } from '../../../src/main/api/service'
import { spawnNodeWorker } from '../../../src/main/analysis/spawn-node'
import type { SpawnWorker } from '../../../src/main/analysis/host'
import { readKeyring, unwrapWithRecoveryKey } from '../../../src/main/lock/keyring'
import { deriveKeys } from '../../../src/main/lock/keys'
import type { KeyKeeper } from '../../../src/main/lock/remember'
import { channelName } from '../../../src/shared/api/channel'
import { channels } from '../../../src/shared/api/contract'
import { createHaruApi } from '../../../src/shared/api/client'
import { OPEN_WHILE_LOCKED } from '../../../src/shared/api/lock-schemas'
import { encodeWav16 } from '../../../src/shared/audio'
import { syntheticSpeech } from '../../../bench/signals'
import { folderFingerprint } from '../../helpers/diary-files'
import { signalChunkBase64 } from '../../helpers/pcm-signal'
import { makeTempDir } from '../../helpers/temp-dir'

const PASS = '봄날의 산책 2026'
let tmp: ReturnType<typeof makeTempDir>
let services: HaruService[] = []
beforeEach(() => (tmp = makeTempDir('haru-lock-')))
afterEach(() => {
  for (const s of services) s.close()
  services = []
  tmp.cleanup()
})

function open(extra: Partial<Parameters<typeof openHaruService>[0]> = {}) {
  const service = openHaruService({ dataDir: tmp.dir, appVersion: 't', transport: 'web', ...extra })
  services.push(service)
  return { service, api: createHaruApi(service.dispatch) }
}
const failure = <T>(p: Promise<T>) => p.then(() => null, (e: unknown) => e as { code: string; reason?: string; params?: Record<string, number> })

/** A small diary: two entries, a recorded memo, an imported memo with a transcript. */
async function seed(api: ReturnType<typeof createHaruApi>) {
  const p = await api.profiles.create({ name: '지민', gender: 'FEMALE' })
  await api.entries.create({ profileId: p.id, entryDate: '2026-11-20', text: '오늘은 산책을 했다.' })
  await api.entries.create({ profileId: p.id, entryDate: '2026-11-21', text: '비가 와서 조용했다.' })
  const r = await api.memos.begin({ profileId: p.id, entryDate: '2026-11-20', sampleRate: 16000 })
  for (const seq of [0, 1]) await api.memos.appendChunk({ recordingId: r.recordingId, seq, pcm16: signalChunkBase64(seq) })
  const memo = await api.memos.finish({ recordingId: r.recordingId })
  const imported = await api.memos.import({ profileId: p.id, entryDate: '2026-11-21', fileName: 'a.wav', dataBase64: Buffer.from(encodeWav16(syntheticSpeech(2), 16000)).toString('base64') })
  await api.memos.setTranscript({ memoId: imported.id, transcript: '받아쓴 말' })
  return { profile: p, memo, imported }
}

/** Everything the diary holds, as the API shows it (entries, memos with their audio bytes). */
async function contents(api: ReturnType<typeof createHaruApi>) {
  const profiles = await api.profiles.list()
  const out: unknown[] = []
  for (const p of profiles) {
    for (const e of await api.entries.list({ profileId: p.id })) {
      const entry = await api.entries.get({ id: e.id })
      const memos = await api.memos.list({ entryId: e.id })
      out.push({ entry, memos: await Promise.all(memos.map(async (m) => ({ ...m, audio: (await api.memos.audio({ memoId: m.id })).wavBase64 }))) })
    }
  }
  return out
}

describe('a locked diary', () => {
  it('answers lock.status and lock.unlock only; every other method, valid payload or not, is `locked`', async () => {
    const first = open()
    await seed(first.api)
    await first.api.lock.enable({ passphrase: PASS, acknowledgeLoss: true })
    first.service.close()
    const { service, api } = open()
    expect(await api.lock.status()).toMatchObject({ enabled: true, locked: true })
    expect(() => service.db).toThrow(expect.objectContaining({ code: 'locked' }))
    const answered: string[] = []
    for (const { domain, verb } of channels.values()) {
      const name = `${domain}.${verb}`
      const result = await service.dispatch(channelName(domain, verb), { profileId: 1, id: 1, memoId: 1 })
      if (result.ok || result.error.code !== 'locked') answered.push(name)
    }
    expect(answered.sort()).toEqual([...OPEN_WHILE_LOCKED].sort())
  })

  it('refuses a wrong passphrase with a typed error and changes nothing but the failure count; delays grow', async () => {
    const first = open()
    await seed(first.api)
    await first.api.lock.enable({ passphrase: PASS, acknowledgeLoss: true })
    first.service.close()
    const before = folderFingerprint(tmp.dir)
    const { api } = open()
    expect(await failure(api.lock.unlock({ passphrase: '봄날의 산책 2025' }))).toMatchObject({ code: 'wrong-passphrase' })
    expect(await failure(api.lock.unlock({ recoveryKey: 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA' }))).toMatchObject({ code: 'wrong-passphrase', reason: 'wrong-recovery-key' })
    expect(folderFingerprint(tmp.dir, /^lock-attempts\.json$/)).toEqual(before)
    expect(JSON.parse(readFileSync(join(tmp.dir, 'lock-attempts.json'), 'utf8'))).toMatchObject({ failures: 2 })
    expect(await api.lock.status()).toMatchObject({ locked: true, retryAfterMs: 0 })
    // The third wrong one says how long to wait; the next try, even the right passphrase, is held back.
    expect(await failure(api.lock.unlock({ passphrase: 'nope nope nope' }))).toMatchObject({ code: 'wrong-passphrase', reason: 'wrong-passphrase-wait', params: { seconds: 5 } })
    expect(await failure(api.lock.unlock({ passphrase: PASS }))).toMatchObject({ code: 'rate-limited', reason: 'retry-after' })
    expect((await api.lock.status()).retryAfterMs).toBeGreaterThan(3_000)
    // Tried in parallel, the guesses still queue behind the one wait: none gets through early.
    const burst = await Promise.all([0, 1, 2].map(() => failure(api.lock.unlock({ passphrase: PASS }))))
    expect(burst.map((e) => e?.code)).toEqual(['rate-limited', 'rate-limited', 'rate-limited'])
    expect(folderFingerprint(tmp.dir, /^lock-attempts\.json$/)).toEqual(before)
  }, 30_000)
})

describe('turning the lock on and off', () => {
  it('keeps every entry, memo and recording byte, opens with the passphrase or the recovery key, and back', async () => {
    const { api } = open()
    await seed(api)
    const plainContents = await contents(api)
    const { recoveryKey, status } = await api.lock.enable({ passphrase: PASS, acknowledgeLoss: true })
    expect(status).toMatchObject({ enabled: true, locked: false, ciphers: { database: 'AEGIS-256', files: 'AES-256-GCM' } })
    expect(await contents(api)).toEqual(plainContents)
    await api.lock.lock()
    expect(await failure(api.entries.list({ profileId: 1 }))).toMatchObject({ code: 'locked' })
    await api.lock.unlock({ recoveryKey })
    expect(await contents(api)).toEqual(plainContents)
    // Changing the passphrase rewraps the key only: the database and recordings are untouched.
    const files = folderFingerprint(tmp.dir, /^(lock\.json|lock-attempts\.json|haru\.sqlite3-(wal|shm))$/)
    await api.lock.change({ passphrase: PASS, newPassphrase: '새 비밀번호 여덟 자' })
    expect(folderFingerprint(tmp.dir, /^(lock\.json|lock-attempts\.json|haru\.sqlite3-(wal|shm))$/)).toEqual(files)
    await api.lock.lock()
    expect(await failure(api.lock.unlock({ passphrase: PASS }))).toMatchObject({ code: 'wrong-passphrase' })
    await api.lock.unlock({ passphrase: '새 비밀번호 여덟 자' })
    // A new recovery key replaces the old one.
    const fresh = await api.lock.newRecoveryKey({ passphrase: '새 비밀번호 여덟 자' })
    await api.lock.lock()
    expect(await failure(api.lock.unlock({ recoveryKey }))).toMatchObject({ code: 'wrong-passphrase' })
    await api.lock.unlock({ recoveryKey: fresh.recoveryKey })
    expect(await failure(api.lock.disable({ passphrase: PASS }))).toMatchObject({ code: 'wrong-passphrase' })
    expect(await api.lock.disable({ passphrase: '새 비밀번호 여덟 자' })).toMatchObject({ enabled: false, locked: false })
    expect(existsSync(join(tmp.dir, 'lock.json'))).toBe(false)
    expect(existsSync(join(tmp.dir, 'lock-attempts.json'))).toBe(false)
    expect(await contents(api)).toEqual(plainContents)
    const { filePath } = (plainContents[0] as { memos: { filePath: string }[] }).memos[0]!
    expect(readFileSync(join(tmp.dir, filePath)).subarray(0, 4).toString()).toBe('RIFF')
  }, 60_000)

  it('refuses while a voice memo is being recorded, or while another process has the diary open, changing nothing', async () => {
    const { api } = open()
    const { profile } = await seed(api)
    const r = await api.memos.begin({ profileId: profile.id, entryDate: '2026-11-22', sampleRate: 16000 })
    await api.memos.appendChunk({ recordingId: r.recordingId, seq: 0, pcm16: signalChunkBase64(0) })
    const before = folderFingerprint(tmp.dir, /-(wal|shm)$/)
    expect(await failure(api.lock.enable({ passphrase: PASS, acknowledgeLoss: true }))).toMatchObject({ code: 'conflict', reason: 'recording-in-progress' })
    await api.memos.discard({ recordingId: r.recordingId })
    const other = open()
    await other.api.profiles.list()
    const busy = await failure(api.lock.enable({ passphrase: PASS, acknowledgeLoss: true }))
    expect(busy).toMatchObject({ code: 'conflict', reason: 'diary-in-use' })
    expect(folderFingerprint(tmp.dir, /-(wal|shm)$/)).toMatchObject(Object.fromEntries(Object.entries(before).filter(([f]) => !f.startsWith('recordings/'))))
    expect(existsSync(join(tmp.dir, 'lock.json'))).toBe(false)
    expect(existsSync(join(tmp.dir, '.haru-convert'))).toBe(false)
    expect((await api.entries.list({ profileId: profile.id })).length).toBe(2)
    expect(await failure(api.lock.enable({ passphrase: 'short', acknowledgeLoss: true }))).toMatchObject({ code: 'invalid-input', reason: 'passphrase-too-short', params: { min: 8 } })
  }, 60_000)

  it('converts a recording left by a crash, which can still be kept afterwards with all its audio', async () => {
    const { api } = open()
    const { profile } = await seed(api)
    const r = await api.memos.begin({ profileId: profile.id, entryDate: '2026-11-22', sampleRate: 16000 })
    for (const seq of [0, 1, 2]) await api.memos.appendChunk({ recordingId: r.recordingId, seq, pcm16: signalChunkBase64(seq) })
    // Its recorder died: the metadata names a process that is gone.
    const metaPath = join(tmp.dir, 'recordings', `${r.recordingId}.json`)
    writeFileSync(metaPath, JSON.stringify({ ...JSON.parse(readFileSync(metaPath, 'utf8')), pid: 2 ** 22 + 12345 }))
    await api.lock.enable({ passphrase: PASS, acknowledgeLoss: true })
    expect(readFileSync(join(tmp.dir, 'recordings', `${r.recordingId}.pcm`)).subarray(0, 8).toString()).toBe('HARUSEAL')
    const [orphan] = await api.memos.orphans({ profileId: profile.id })
    expect(orphan).toMatchObject({ recordingId: r.recordingId, durationSec: 3 })
    const kept = await api.memos.finish({ recordingId: r.recordingId })
    const wav = Buffer.from((await api.memos.audio({ memoId: kept.id })).wavBase64, 'base64')
    expect(wav.subarray(44).equals(Buffer.concat([0, 1, 2].map((s) => Buffer.from(signalChunkBase64(s), 'base64'))))).toBe(true)
  }, 60_000)
})

/** A keychain stand-in: AES-GCM under a key kept outside the data folder, as the OS keeps its own. */
function testKeeper(available = true): KeyKeeper {
  const key = randomBytes(32)
  return {
    available: () => available,
    protect: (secret) => {
      const iv = randomBytes(12)
      const c = createCipheriv('aes-256-gcm', key, iv)
      return Buffer.concat([iv, c.update(secret), c.final(), c.getAuthTag()])
    },
    reveal: (blob) => {
      const d = createDecipheriv('aes-256-gcm', key, blob.subarray(0, 12))
      d.setAuthTag(blob.subarray(blob.length - 16))
      return Buffer.concat([d.update(blob.subarray(12, blob.length - 16)), d.final()])
    }
  }
}

describe('remember on this computer', () => {
  it('is off by default, opens at start when on, still locks by hand, and is forgotten when the lock goes', async () => {
    const keeper = testKeeper()
    const first = open({ keeper })
    await seed(first.api)
    const { status } = await first.api.lock.enable({ passphrase: PASS, acknowledgeLoss: true })
    expect(status.remember).toEqual({ available: true, enabled: false })
    first.service.close()
    expect((await open({ keeper }).api.lock.status()).locked).toBe(true)
    const second = open({ keeper })
    await second.api.lock.unlock({ passphrase: PASS })
    expect((await second.api.lock.settings({ remember: true })).remember.enabled).toBe(true)
    second.service.close()
    const third = open({ keeper })
    expect((await third.api.lock.status()).locked).toBe(false)
    expect((await third.api.entries.list({ profileId: 1 })).length).toBe(2)
    await third.api.lock.lock()
    expect((await third.api.lock.status()).locked).toBe(true)
    third.service.close()
    // Another computer's keychain (or none) cannot use the remembered key.
    expect((await open({ keeper: testKeeper() }).api.lock.status()).locked).toBe(true)
    expect((await open().api.lock.status()).locked).toBe(true)
    expect(await failure(open({ keeper: testKeeper(false) }).api.lock.settings({ remember: true }))).toMatchObject({ code: 'locked' })
    const fourth = open({ keeper })
    await fourth.api.lock.disable({ passphrase: PASS })
    expect(existsSync(join(tmp.dir, 'lock-remembered.json'))).toBe(false)
  }, 60_000)

  it('says it is unavailable where there is no keychain', async () => {
    const { api } = open()
    await api.lock.enable({ passphrase: PASS, acknowledgeLoss: true })
    expect((await api.lock.status()).remember).toEqual({ available: false, enabled: false })
    expect(await failure(api.lock.settings({ remember: true }))).toMatchObject({ code: 'unavailable', reason: 'remember-unavailable' })
  }, 30_000)
})

describe('the analysis process of an encrypted diary', () => {
  it('is sent audio bytes only: no key, no path into the data folder', async () => {
    const sent: unknown[] = []
    const spawn: SpawnWorker = () => {
      const worker = spawnNodeWorker()()
      return { ...worker, send: (m) => (sent.push(m), worker.send(m)), get pid() { return worker.pid } }
    }
    const { api } = open({ spawnAnalysis: spawn })
    const { memo, imported } = await seed(api)
    const { recoveryKey } = await api.lock.enable({ passphrase: PASS, acknowledgeLoss: true })
    sent.length = 0
    await api.memos.analyze({ memoId: memo.id })
    await api.memos.import({ profileId: 1, entryDate: '2026-11-22', fileName: 'b.wav', dataBase64: Buffer.from(encodeWav16(syntheticSpeech(2), 16000)).toString('base64') })
    await api.memos.analyze({ memoId: imported.id })
    const requests = sent.filter((m) => (m as { kind: string }).kind === 'request') as { op: string; payload: Record<string, unknown> }[]
    expect(requests.map((r) => r.op)).toEqual(expect.arrayContaining(['analyze-audio', 'normalize-recording', 'analyze-text']))
    const dataKey = unwrapWithRecoveryKey(readKeyring(tmp.dir)!, recoveryKey)!
    const keys = deriveKeys(dataKey)
    for (const r of requests) {
      const strings = JSON.stringify(r.payload, (_k, v: unknown) => (v instanceof Uint8Array ? undefined : v))
      expect(strings).not.toContain(tmp.dir)
      for (const k of [dataKey, keys.database, keys.files.key]) {
        expect(strings).not.toContain(k.toString('hex'))
        expect(strings).not.toContain(k.toString('base64'))
        for (const v of Object.values(r.payload)) if (v instanceof Uint8Array) expect(Buffer.from(v).includes(k)).toBe(false)
      }
      if (r.op === 'analyze-audio') expect(Buffer.from(r.payload.wav as Uint8Array).subarray(0, 4).toString()).toBe('RIFF')
    }
  }, 60_000)
})
