/**
 * The crash-point harness of issue 13: a real child process walks a voice memo through begin →
 * chunks → finish → analyse → delete and is SIGKILLed by the crash point named in HARU_CRASH_AT
 * (src/main/crash-points.ts) at one exact step; a fresh service then opens the same data folder, as
 * the next start does, and the invariant is checked:
 *
 *   every acknowledged second of audio is in exactly one memo or one recoverable recording
 *   (once a delete was acknowledged, in neither; while one is in flight, in at most one),
 *
 * sample-exact against the signal that was sent, with no two memos on one file and no memo
 * without its file. Kept or discarded afterwards, the recovered recording behaves like any other.
 */
import { fork } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { openHaruService } from '../../../src/main/api/service'
import { createHaruApi } from '../../../src/shared/api/client'
import { decodeWav } from '../../../src/shared/audio'
import type { LifecycleMessage } from '../../helpers/lifecycle-runner'
import { firstSignalMismatch, SIGNAL_RATE } from '../../helpers/pcm-signal'
import { makeTempDir } from '../../helpers/temp-dir'

const RUNNER = fileURLToPath(new URL('../../helpers/lifecycle-runner.ts', import.meta.url))
const LIFECYCLE_CHUNKS = 3

/** Every step of the lifecycle where a crash can land, in order (`@n`: the n-th time it is reached). */
const KILL_POINTS = [
  'recording.begin.pcm',
  'recording.begin.meta',
  'recording.append.audio@1',
  'recording.append.meta@1',
  'recording.append.audio@3',
  'recording.append.meta@3',
  'memo.finish.marked',
  'memo.finish.temp',
  'memo.finish.wav',
  'memo.finish.row',
  'memo.finish.audio-removed',
  'memo.analyze.voice',
  'memo.delete.row'
] as const

interface Run {
  messages: LifecycleMessage[]
  signal: NodeJS.Signals | null
  code: number | null
}

function runUntilCrash(dataDir: string, point: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = fork(RUNNER, [dataDir, String(LIFECYCLE_CHUNKS)], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, HARU_CRASH_AT: point },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc']
    })
    const messages: LifecycleMessage[] = []
    let exited: { signal: NodeJS.Signals | null; code: number | null } | null = null
    let drained = false
    const settle = () => exited && drained && resolve({ messages, ...exited })
    child.on('message', (m: LifecycleMessage) => messages.push(m))
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      exited = { code, signal }
      settle()
    })
    child.on('disconnect', () => {
      drained = true
      settle()
    })
  })
}

const has = (run: Run, type: LifecycleMessage['type']) => run.messages.some((m) => m.type === type)

/** Checks the invariant on the data folder after the crash; returns every violation found (none expected). */
async function violations(dataDir: string, run: Run): Promise<string[]> {
  const found: string[] = []
  const service = openHaruService({ dataDir, appVersion: 't', transport: 'web' })
  const api = createHaruApi(service.dispatch)
  try {
    const [profile] = await api.profiles.list()
    if (!profile) return has(run, 'profile') ? ['the profile is gone'] : []
    const acked = run.messages.filter((m) => m.type === 'ack').length
    const memosNow = async () => (await Promise.all((await api.entries.list({ profileId: profile.id })).map((e) => api.memos.list({ entryId: e.id })))).flat()
    const memos = await memosNow()
    const orphans = await api.memos.orphans({ profileId: profile.id })
    const holders = memos.length + orphans.length

    if (has(run, 'deleted')) {
      if (holders !== 0) found.push(`a deleted memo is back (${memos.length} memos, ${orphans.length} recordings)`)
      return found
    }
    // A delete that was asked for but not acknowledged may or may not have happened; it never duplicates.
    if (has(run, 'deleting') && holders > 1) found.push(`a delete in progress left ${holders} holders`)
    if (acked > 0 && holders !== 1 && !has(run, 'deleting')) found.push(`${acked} s acknowledged, but held by ${memos.length} memos and ${orphans.length} recordings`)
    if (acked === 0 && holders > 1) found.push(`nothing acknowledged, yet ${holders} holders`)
    if (has(run, 'finished') && !has(run, 'deleting') && memos.length !== 1) found.push(`finish was acknowledged but there are ${memos.length} memos`)
    if (new Set(memos.map((m) => m.filePath)).size !== memos.length) found.push('two memos share one WAV')

    const checkAudio = (what: string, samples: Float32Array) => {
      const seconds = samples.length / SIGNAL_RATE
      if (seconds < acked || seconds > acked + 1) found.push(`${what} holds ${seconds} s; ${acked} s were acknowledged`)
      if (firstSignalMismatch(samples) !== -1) found.push(`${what} differs from the signal sent at sample ${firstSignalMismatch(samples)}`)
    }
    for (const m of memos) {
      if (!existsSync(join(dataDir, m.filePath))) found.push(`memo ${m.id} has no file`)
      else checkAudio(`memo ${m.id}`, decodeWav(readFileSync(join(dataDir, m.filePath))).samples)
    }
    // The recovered recording is kept (as the user would) and must become exactly one whole memo.
    for (const o of orphans) {
      const kept = await api.memos.finish({ recordingId: o.recordingId })
      checkAudio(`the kept recording ${o.recordingId}`, decodeWav(readFileSync(join(dataDir, kept.filePath))).samples)
    }
    const after = await memosNow()
    if (acked > 0 && after.length !== holders) found.push(`after keeping, ${after.length} memos (${holders} holders before)`)
    if ((await api.memos.orphans({ profileId: profile.id })).length !== 0) found.push('a recording is still offered after keeping it')
    for (const m of after) {
      const audio = await api.memos.audio({ memoId: m.id })
      if (audio.durationSec !== m.durationSec) found.push(`memo ${m.id} audio says ${audio.durationSec} s`)
      await api.memos.delete({ memoId: m.id })
      if (existsSync(join(dataDir, m.filePath))) found.push(`deleting memo ${m.id} left its file`)
    }
    return found
  } finally {
    service.close()
  }
}

const tally = { killPoints: 0, killed: 0, violations: 0 }
afterAll(() => {
  console.log(`[crash-points] ${tally.killPoints} kill points, ${tally.killed} SIGKILLs landed, ${tally.violations} invariant violations`)
})

describe('memo lifecycle crash points (real SIGKILL at each step)', () => {
  it.concurrent.each(KILL_POINTS)('a kill at %s keeps every acknowledged second in exactly one place', async (point) => {
    const tmp = makeTempDir()
    try {
      tally.killPoints++
      const run = await runUntilCrash(tmp.dir, point)
      expect(run.signal, `the crash point ${point} was never reached`).toBe('SIGKILL')
      tally.killed++
      // A typed refusal while checking (e.g. keeping a recording whose WAV a memo already has) is a violation too.
      const problems = await violations(tmp.dir, run).catch((err: Error) => [`the check failed: ${err.message}`])
      tally.violations += problems.length
      expect(problems).toEqual([])
      // The kill landed where it was meant to: the steps acknowledged before it match the point.
      const acked = run.messages.filter((m) => m.type === 'ack').length
      if (point.startsWith('memo.')) expect(acked).toBe(LIFECYCLE_CHUNKS)
    } finally {
      tmp.cleanup()
    }
  }, 60_000)
})
