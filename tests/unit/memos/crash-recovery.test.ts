/**
 * Crash recovery of recordings, for real: a child process records through the Haru service and is
 * SIGKILLed mid-recording; a fresh service on the same data folder then finds the recording, and
 * finishing it gives a WAV holding exactly the audio that was sent. A kill that lands inside a chunk
 * write cannot be timed, so a torn tail (partial chunk, odd trailing byte) is made by truncating the
 * file instead.
 */
import { fork } from 'node:child_process'
import { readFileSync, statSync, truncateSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHaruApi } from '../../../src/shared/api/client'
import { decodeWav } from '../../../src/shared/audio'
import { openHaruService, type HaruService } from '../../../src/main/api/service'
import { pcmPath } from '../../../src/main/memos/recordings'
import type { CrashRecorderMessage } from '../../helpers/crash-recorder'
import { firstSignalMismatch, signalChunkBase64, SIGNAL_RATE } from '../../helpers/pcm-signal'
import { makeTempDir } from '../../helpers/temp-dir'

const RECORDER = fileURLToPath(new URL('../../helpers/crash-recorder.ts', import.meta.url))
const KILL_AFTER_ACKS = 3

let tmp: ReturnType<typeof makeTempDir>
let service: HaruService | null = null
const open = () => {
  service = openHaruService({ dataDir: tmp.dir, appVersion: 't', transport: 'web' })
  return createHaruApi(service.dispatch)
}
beforeEach(() => {
  tmp = makeTempDir()
})
afterEach(() => {
  service?.close()
  service = null
  tmp.cleanup()
})

const decodeMemo = (filePath: string) => decodeWav(new Uint8Array(readFileSync(join(tmp.dir, filePath))))

interface CrashRun {
  begun: Extract<CrashRecorderMessage, { type: 'begun' }>
  acked: number[]
  signal: NodeJS.Signals | null
  code: number | null
}

/**
 * Forks the recorder, SIGKILLs it `delayMs` after it has acknowledged `killAfter` chunks (it keeps
 * writing meanwhile), and waits until its IPC channel has drained.
 */
function recordAndKill(killAfter: number, delayMs: number): Promise<CrashRun> {
  return new Promise((resolve, reject) => {
    const child = fork(RECORDER, [tmp.dir], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    let begun: CrashRun['begun'] | null = null
    const acked: number[] = []
    let exited: { signal: NodeJS.Signals | null; code: number | null } | null = null
    let drained = false
    const settle = () => {
      if (!exited || !drained) return
      if (!begun) reject(new Error(`the recorder died before it began recording (code ${exited.code}, signal ${exited.signal})`))
      else resolve({ begun, acked, ...exited })
    }
    child.on('message', (m: CrashRecorderMessage) => {
      if (m.type === 'begun') begun = m
      // Every ack is counted, also those that arrive after the kill was sent: they were acknowledged.
      else if (m.type === 'ack') {
        acked.push(m.seq)
        if (acked.length === killAfter) setTimeout(() => child.kill('SIGKILL'), delayMs)
      }
    })
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      exited = { code, signal }
      settle()
    })
    // Messages written before the kill are read before the channel reports its end.
    child.on('disconnect', () => {
      drained = true
      settle()
    })
  })
}

describe('recording crash recovery', () => {
  // 0 ms: killed right after the third acknowledgement; 40 ms: a few more chunks get written and acknowledged first.
  it.each([0, 40])('keeps every acknowledged chunk when the recording process is SIGKILLed mid-recording (kill %i ms after the 3rd ack)', async (delayMs) => {
    const run = await recordAndKill(KILL_AFTER_ACKS, delayMs)
    expect(run.signal).toBe('SIGKILL') // killed while recording, not finished
    const acked = run.acked.length
    expect(acked).toBeGreaterThanOrEqual(KILL_AFTER_ACKS)
    expect(run.acked).toEqual(Array.from({ length: acked }, (_, i) => i))

    const api = open()
    const orphans = await api.memos.orphans({ profileId: run.begun.profileId })
    expect(orphans).toHaveLength(1)
    const orphan = orphans[0]!
    expect(orphan).toMatchObject({ recordingId: run.begun.recordingId, entryDate: '2026-11-24' })
    // Every acknowledged second survived; at most the chunk in flight beyond them.
    expect(orphan.durationSec).toBeGreaterThanOrEqual(acked)
    expect(orphan.durationSec).toBeLessThanOrEqual(acked + 1)

    const memo = await api.memos.finish({ recordingId: run.begun.recordingId })
    expect(memo.durationSec).toBe(orphan.durationSec)
    const wav = decodeMemo(memo.filePath)
    expect(wav.sampleRate).toBe(SIGNAL_RATE)
    expect(wav.samples.length).toBe(orphan.durationSec * SIGNAL_RATE)
    // Sample-exact: the acknowledged seconds, and whatever else reached the disk, are the signal that was sent, in order.
    expect(firstSignalMismatch(wav.samples.subarray(0, acked * SIGNAL_RATE))).toBe(-1)
    expect(firstSignalMismatch(wav.samples)).toBe(-1)
    expect(await api.memos.orphans({ profileId: run.begun.profileId })).toEqual([])
  }, 60_000)

  /** Records `seconds` one-second chunks in this process, then "crashes" (closes without finishing). */
  async function recordThenCrash(seconds: number) {
    const api = open()
    const p = await api.profiles.create({ name: '하루' })
    const { recordingId } = await api.memos.begin({ profileId: p.id, entryDate: '2026-11-24', sampleRate: SIGNAL_RATE })
    for (let seq = 0; seq < seconds; seq++) await api.memos.appendChunk({ recordingId, seq, pcm16: signalChunkBase64(seq) })
    service!.close()
    service = null
    return { profileId: p.id, recordingId, file: pcmPath(tmp.dir, recordingId) }
  }

  it.each([
    { torn: 'half a chunk', bytes: 3 * 32000 + 16000, samples: 3 * 16000 + 8000 },
    { torn: 'half a chunk and an odd byte', bytes: 3 * 32000 + 16001, samples: 3 * 16000 + 8000 },
    { torn: 'one odd byte', bytes: 3 * 32000 + 1, samples: 3 * 16000 }
  ])('recovers every whole sample before a torn tail ($torn)', async ({ bytes, samples }) => {
    const { profileId, recordingId, file } = await recordThenCrash(4)
    truncateSync(file, bytes) // what a write cut short by a crash or power loss leaves
    expect(statSync(file).size).toBe(bytes)

    const api = open()
    const [orphan] = await api.memos.orphans({ profileId })
    expect(orphan).toMatchObject({ recordingId, durationSec: samples / SIGNAL_RATE })
    const memo = await api.memos.finish({ recordingId })
    expect(memo.durationSec).toBe(samples / SIGNAL_RATE)
    const wav = decodeMemo(memo.filePath)
    expect(wav.samples.length).toBe(samples)
    expect(firstSignalMismatch(wav.samples)).toBe(-1)
    expect(await api.memos.orphans({ profileId })).toEqual([])
  })
})
