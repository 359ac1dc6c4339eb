/**
 * Issue 14's kill tests: a real child process turns the lock on, off, or changes the passphrase
 * on a copy of a diary (entries, memos, an imported memo, calibration takes, a recording left by a
 * crash) and is SIGKILLed at a random moment of it (seeded: HARU_KILL_SEED; at least 20 points
 * that land during the operation, each), and at every named step of the conversion
 * (HARU_CRASH_AT). Then the folder is opened as the next start does, and must:
 *
 *   - open with exactly one of the old and the new secret (for enable and disable, one of them
 *     is "no passphrase"), never neither and never both;
 *   - pass PRAGMA integrity_check;
 *   - hold every entry whose save was acknowledged before the operation began, every memo's audio
 *     byte for byte, the calibration takes and the recording left by the crash;
 *   - be all of one kind: every memo file sealed when encrypted, plain when not; no staging left.
 *
 * Bounded: the child is bundled once with esbuild (a start costs ~0.4 s of CPU instead of tsx's
 * ~1.6 s), passphrases are stretched at Argon2id's floor (KILL_TEST_KDF), and runs go five at a
 * time; the whole file takes about 40–60 s on the 2-core build machine depending on its load.
 */
import { fork } from 'node:child_process'
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createHash } from 'node:crypto'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openHaruService } from '../../../src/main/api/service'
import { resourcesDir } from '../../../src/main/resources-dir'
import { createHaruApi } from '../../../src/shared/api/client'
import { encodeWav16 } from '../../../src/shared/audio'
import { syntheticSpeech } from '../../../bench/signals'
import { prng } from '../../helpers/fuzz'
import { KILL_TEST_KDF, NEW_PASSPHRASE, OLD_PASSPHRASE, type ConvertOp, type RunnerMessage } from '../../helpers/lock-convert-shared'
import { allFiles } from '../../helpers/diary-files'
import { signalChunkBase64 } from '../../helpers/pcm-signal'
import { makeTempDir } from '../../helpers/temp-dir'
import { voiceBase64 } from '../calibration/wav-fixtures'

const SEED = Number(process.env.HARU_KILL_SEED ?? 20261203)
const RANDOM_KILLS = 24
const MIN_LANDED = 20
const RUNNER_SOURCE = fileURLToPath(new URL('../../helpers/lock-convert-runner.ts', import.meta.url))

/** Every named step of a conversion where a crash can land (`@n`: the n-th time it is reached). */
const CONVERT_POINTS = [
  'lock.convert.database',
  'lock.convert.file@1',
  'lock.convert.file@9',
  'lock.convert.staged',
  'lock.convert.committed',
  'lock.convert.database-moved',
  'lock.convert.moved@4',
  'lock.convert.moved@12',
  'lock.convert.applied'
]

interface Expected {
  entries: Map<string, string>
  memoAudio: Map<number, string>
  orphanSeconds: number
  takes: number
}

let tmp: ReturnType<typeof makeTempDir>
let runner: string
const templates: Record<'plain' | 'encrypted', string> = { plain: '', encrypted: '' }
let expected: Expected
const durations: Partial<Record<ConvertOp, number>> = {}
const tally: Record<ConvertOp, { runs: number; landed: number; crashPoints: number; opened: { old: number; new: number }; violations: number }> = {
  enable: { runs: 0, landed: 0, crashPoints: 0, opened: { old: 0, new: 0 }, violations: 0 },
  disable: { runs: 0, landed: 0, crashPoints: 0, opened: { old: 0, new: 0 }, violations: 0 },
  change: { runs: 0, landed: 0, crashPoints: 0, opened: { old: 0, new: 0 }, violations: 0 }
}
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')

/** The diary every run starts from: entries, recorded and imported memos, takes, and a recording its recorder left. */
async function buildTemplate(dir: string): Promise<Expected> {
  const service = openHaruService({ dataDir: dir, appVersion: 't', transport: 'web' })
  const api = createHaruApi(service.dispatch)
  const p = await api.profiles.create({ name: '지민', gender: 'FEMALE' })
  const entries = new Map<string, string>()
  for (let d = 1; d <= 8; d++) {
    const day = `2026-11-${String(d).padStart(2, '0')}`
    const text = `${d}일의 일기: 오늘 있었던 일을 적어 둔다.`
    await api.entries.create({ profileId: p.id, entryDate: day, text })
    entries.set(day, text)
  }
  for (let m = 0; m < 12; m++) {
    const r = await api.memos.begin({ profileId: p.id, entryDate: `2026-11-0${1 + (m % 8)}`, sampleRate: 16000 })
    for (const seq of [0, 1]) await api.memos.appendChunk({ recordingId: r.recordingId, seq, pcm16: signalChunkBase64(m * 2 + seq) })
    await api.memos.finish({ recordingId: r.recordingId })
  }
  await api.memos.import({ profileId: p.id, entryDate: '2026-11-03', fileName: 'a.wav', dataBase64: Buffer.from(encodeWav16(syntheticSpeech(3), 16000)).toString('base64') })
  const { sessionId } = await api.calibration.start({ profileId: p.id })
  for (const seed of [1, 2]) await api.calibration.addTake({ profileId: p.id, sessionId, sentenceIndex: seed, wavBase64: voiceBase64({ seconds: 4, seed }) })
  const orphan = await api.memos.begin({ profileId: p.id, entryDate: '2026-11-08', sampleRate: 16000 })
  for (const seq of [0, 1, 2]) await api.memos.appendChunk({ recordingId: orphan.recordingId, seq, pcm16: signalChunkBase64(40 + seq) })
  const memoAudio = new Map<number, string>()
  for (const e of await api.entries.list({ profileId: p.id })) {
    for (const m of await api.memos.list({ entryId: e.id })) memoAudio.set(m.id, sha(Buffer.from((await api.memos.audio({ memoId: m.id })).wavBase64, 'base64')))
  }
  const takes = (service.db.prepare('SELECT count(*) AS n FROM calibration_takes').get() as { n: number }).n
  service.close()
  // Its recorder is gone (as after a crash): a process id that does not exist.
  const meta = join(dir, 'recordings', `${orphan.recordingId}.json`)
  writeFileSync(meta, JSON.stringify({ ...JSON.parse(readFileSync(meta, 'utf8')), pid: 2 ** 22 + 4321 }))
  return { entries, memoAudio, orphanSeconds: 3, takes }
}

interface Run {
  messages: RunnerMessage[]
  signal: NodeJS.Signals | null
  landed: boolean
}

/** Runs the operation on `dir`; kills it `killAfterMs` after it starts (or lets HARU_CRASH_AT stop it). */
function runOp(dir: string, op: ConvertOp, opts: { killAfterMs?: number; crashAt?: string }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, HARU_RESOURCES_DIR: resourcesDir() }
    if (opts.crashAt) env.HARU_CRASH_AT = opts.crashAt
    else delete env.HARU_CRASH_AT
    const child = fork(runner, [dir, op], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    const messages: RunnerMessage[] = []
    let timer: ReturnType<typeof setTimeout> | null = null
    let exited: { signal: NodeJS.Signals | null } | null = null
    let drained = false
    const settle = () => exited && drained && resolve({ messages, signal: exited.signal, landed: exited.signal === 'SIGKILL' && !messages.some((m) => m.type === 'done') })
    child.on('message', (m: RunnerMessage) => {
      messages.push(m)
      if (m.type === 'converting' && opts.killAfterMs !== undefined) timer = setTimeout(() => child.kill('SIGKILL'), opts.killAfterMs)
    })
    child.on('error', reject)
    child.on('exit', (_code, signal) => {
      if (timer) clearTimeout(timer)
      exited = { signal }
      settle()
    })
    child.on('disconnect', () => {
      drained = true
      settle()
    })
  })
}

const SECRETS: Record<ConvertOp, { old: string | null; new: string | null }> = {
  enable: { old: null, new: NEW_PASSPHRASE },
  disable: { old: OLD_PASSPHRASE, new: null },
  change: { old: OLD_PASSPHRASE, new: NEW_PASSPHRASE }
}

/** Opens the folder as the next start would and checks every promise; returns which secret opened it and any violations. */
async function verify(dir: string, op: ConvertOp, run: Run): Promise<{ opened: 'old' | 'new' | null; problems: string[] }> {
  const problems: string[] = []
  const service = openHaruService({ dataDir: dir, appVersion: 't', transport: 'web' })
  const api = createHaruApi(service.dispatch)
  try {
    const status = await api.lock.status()
    const opensWith = async (secret: string | null): Promise<boolean> => {
      if (secret === null) return !status.enabled
      if (!status.enabled) return false
      const r = await service.dispatch('lock-unlock', { passphrase: secret })
      if (!r.ok) return false
      await api.lock.lock()
      return true
    }
    const { old: oldSecret, new: newSecret } = SECRETS[op]
    const [withOld, withNew] = [await opensWith(oldSecret), await opensWith(newSecret)]
    if (withOld === withNew) problems.push(`opens with ${withOld ? 'both' : 'neither'} the old and the new secret`)
    const opened = withOld && !withNew ? 'old' : withNew && !withOld ? 'new' : null
    const secret = opened === 'old' ? oldSecret : newSecret
    if (status.enabled && secret) await api.lock.unlock({ passphrase: secret })
    if (opened === null) return { opened, problems }

    const integrity = service.db.pragma('integrity_check', { simple: true })
    if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`)
    const [profile] = await api.profiles.list()
    const acked = new Map([...expected.entries, ...run.messages.flatMap((m) => (m.type === 'ack' ? [[m.day, m.text] as const] : []))])
    for (const [day, text] of acked) {
      const entry = await api.entries.getByDate({ profileId: profile!.id, entryDate: day })
      if (entry?.text !== text) problems.push(`the entry of ${day} is ${entry ? 'changed' : 'lost'}`)
    }
    for (const [memoId, hash] of expected.memoAudio) {
      const audio = await api.memos.audio({ memoId }).catch((e: Error) => e)
      if (audio instanceof Error) problems.push(`memo ${memoId}: ${audio.message}`)
      else if (sha(Buffer.from(audio.wavBase64, 'base64')) !== hash) problems.push(`memo ${memoId}'s audio changed`)
    }
    const orphans = await api.memos.orphans({ profileId: profile!.id })
    if (orphans.length !== 1 || orphans[0]!.durationSec !== expected.orphanSeconds) problems.push(`the crashed recording is ${JSON.stringify(orphans)}`)
    const takes = (service.db.prepare('SELECT count(*) AS n FROM calibration_takes').get() as { n: number }).n
    if (takes !== expected.takes) problems.push(`${takes} calibration takes, ${expected.takes} expected`)
    // All of one kind, and nothing of the conversion left behind.
    const files = allFiles(dir)
    for (const f of files.filter((f) => /^(memos|calibration)\/.*\.wav$/.test(f))) {
      const sealed = readFileSync(join(dir, f)).subarray(0, 8).toString('latin1') === 'HARUSEAL'
      if (sealed !== status.enabled) problems.push(`${f} is ${sealed ? 'sealed' : 'plain'} in a ${status.enabled ? 'encrypted' : 'plain'} folder`)
    }
    if (existsSync(join(dir, '.haru-convert'))) problems.push('the staging folder is still there')
    if (files.some((f) => f.endsWith('.tmp'))) problems.push('a temporary file is left')
    return { opened, problems }
  } finally {
    service.close()
  }
}

async function killAndCheck(op: ConvertOp, opts: { killAfterMs?: number; crashAt?: string }): Promise<boolean> {
  const run = makeTempDir('haru-kill-')
  try {
    cpSync(op === 'enable' ? templates.plain : templates.encrypted, run.dir, { recursive: true })
    const result = await runOp(run.dir, op, opts)
    tally[op].runs++
    if (opts.crashAt) {
      expect(result.signal, `${opts.crashAt} was never reached`).toBe('SIGKILL')
      tally[op].crashPoints++
    } else if (result.landed) tally[op].landed++
    expect(result.messages.filter((m) => m.type === 'ack')).toHaveLength(2)
    const { opened, problems } = await verify(run.dir, op, result).catch((err: Error) => ({ opened: null, problems: [`the check failed: ${err.message}`] }))
    if (opened) tally[op].opened[opened]++
    tally[op].violations += problems.length
    expect(problems).toEqual([])
    return result.landed
  } finally {
    run.cleanup()
  }
}

beforeAll(async () => {
  tmp = makeTempDir('haru-kill-templates-')
  // Inside the repository, so the bundle's external packages resolve from node_modules.
  runner = fileURLToPath(new URL(`../../.tmp/lock-runner-${process.pid}.mjs`, import.meta.url))
  await build({ entryPoints: [RUNNER_SOURCE], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: runner, packages: 'external', logLevel: 'warning' })
  templates.plain = join(tmp.dir, 'plain')
  templates.encrypted = join(tmp.dir, 'encrypted')
  expected = await buildTemplate(templates.plain)
  cpSync(templates.plain, templates.encrypted, { recursive: true })
  const s = openHaruService({ dataDir: templates.encrypted, appVersion: 't', transport: 'web', kdfCost: KILL_TEST_KDF })
  await createHaruApi(s.dispatch).lock.enable({ passphrase: OLD_PASSPHRASE, acknowledgeLoss: true })
  s.close()
  // How long each operation takes here, uninterrupted (and that it succeeds): the random kills fall inside it.
  for (const op of ['enable', 'disable', 'change'] as const) {
    const run = makeTempDir('haru-kill-')
    cpSync(op === 'enable' ? templates.plain : templates.encrypted, run.dir, { recursive: true })
    const r = await runOp(run.dir, op, {})
    const done = r.messages.find((m) => m.type === 'done')
    if (!done || done.type !== 'done') throw new Error(`${op} did not complete uninterrupted`)
    durations[op] = done.ms
    const check = await verify(run.dir, op, r)
    if (check.opened !== 'new' || check.problems.length) throw new Error(`${op} uninterrupted: ${check.opened}, ${check.problems.join('; ')}`)
    run.cleanup()
  }
}, 240_000)

afterAll(() => {
  tmp?.cleanup()
  rmSync(runner, { force: true })
  const ms = Object.entries(durations).map(([op, d]) => `${op} ${Math.round(d!)} ms`).join(', ')
  console.log(`[lock kill] seed ${SEED}; uninterrupted: ${ms}; ${JSON.stringify(tally)}`)
})

/** Kill delays spread uniformly over the operation's measured length (seeded). */
function delays(op: ConvertOp, seed: number): number[] {
  const next = prng(seed)
  return Array.from({ length: RANDOM_KILLS }, () => Math.round(next() * 0.95 * (durations[op] ?? 500)))
}

describe.each(['enable', 'disable', 'change'] as const)('SIGKILL during %s', (op) => {
  const seed = SEED + ['enable', 'disable', 'change'].indexOf(op)
  it.concurrent.each(Array.from({ length: RANDOM_KILLS }, (_, i) => i))(`random point %i opens with exactly one secret, intact`, async (i) => {
    // Under load the operation can finish before a late kill; that run is checked too, and the
    // point is tried again earlier (half the delay), so each point ends with a kill that landed.
    for (let delay = delays(op, seed)[i]!, tries = 0; tries < 5; delay = Math.floor(delay / 2), tries++) {
      if (await killAndCheck(op, { killAfterMs: delay })) return
    }
  }, 90_000)

  const points = op === 'change' ? ['lock.change.temp'] : CONVERT_POINTS
  it.concurrent.each(points)('a crash at %s opens with exactly one secret, intact', async (point) => {
    await killAndCheck(op, { crashAt: point })
  }, 90_000)

  it(`lands at least ${MIN_LANDED} random kills during the operation`, () => {
    expect(tally[op].landed).toBeGreaterThanOrEqual(MIN_LANDED)
  })
})
