/**
 * The diary lock's cost (issue 14), each figure against the same work on a plain diary in the
 * same run:
 *
 * - entry save: `entries.create` + `entries.update` through the real service (dispatcher, zod,
 *   SQLite in WAL, FTS triggers), on a plain folder and on an unlocked encrypted one
 *   (ChaCha20-Poly1305 pages); median per call;
 * - trends over 100,000 days: the all-time summary and a year (summary + year-in-pixels days) on
 *   the 100k-entry diary of bench/trends.ts, seeded once plain and once encrypted;
 * - memo audio: a 60 s memo (16 kHz, 16-bit: 1.92 MB) written whole and read back through
 *   DiaryFiles, plain against sealed (AES-256-GCM records of 64 KiB); and the 60 one-second
 *   chunks of a recording appended through `memos.appendChunk` (each one flushed), plain against
 *   sealed;
 * - Argon2id: one stretch with the current parameter set, and `lock.unlock` end to end (the
 *   stretch, unwrapping, opening the encrypted database).
 *
 * Targets from the issue: ≤ 15 % overhead on database operations, ≤ 20 ms per minute of audio.
 * Run alone with `npx tsx bench/lock.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { openHaruService } from '../src/main/api/service'
import { openDatabase } from '../src/main/db/open'
import { DiaryFiles } from '../src/main/files/diary-files'
import { CURRENT_KDF_SET, KDF_PARAMS, newArgon2idParams, stretchPassphrase } from '../src/main/lock/kdf'
import { deriveKeys, newDataKey } from '../src/main/lock/keys'
import { trendDays, trendSummary } from '../src/main/repos/trends'
import { createHaruApi } from '../src/shared/api/client'
import { addDays } from '../src/shared/dates'
import { yearRange } from '../src/shared/trends/date-ranges'
import { signalChunkBase64 } from '../tests/helpers/pcm-signal'
import { syntheticSpeech } from './signals'
import { medianMs, ratio } from './stats'
import { seed } from './trends'
import type { BenchResult } from './types'

const PASSPHRASE = '벤치마크용 비밀번호 2026'
const tempDir = (name: string) => mkdtempSync(join(tmpdir(), `haru-bench-lock-${name}-`))
const pct = (value: number, base: number) => `${(((value - base) / base) * 100).toFixed(1)} % over plain`

/** A service on a fresh folder, encrypted (and unlocked) or plain, with one profile. */
async function diary(encrypted: boolean) {
  const dir = tempDir(encrypted ? 'enc' : 'plain')
  const service = openHaruService({ dataDir: dir, appVersion: 'bench', transport: 'web' })
  const api = createHaruApi(service.dispatch)
  const profile = await api.profiles.create({ name: '벤치', gender: 'FEMALE' })
  if (encrypted) await api.lock.enable({ passphrase: PASSPHRASE, acknowledgeLoss: true })
  return {
    dir,
    service,
    api,
    profileId: profile.id,
    close: () => {
      service.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }
}

async function entrySaves(): Promise<BenchResult[]> {
  const [plain, enc] = [await diary(false), await diary(true)]
  try {
    const save = (d: typeof plain) => {
      let day = '2000-01-01'
      return async () => {
        day = addDays(day, 1)
        const e = await d.api.entries.create({ profileId: d.profileId, entryDate: day, text: `${day}: 오늘은 친구와 한강을 걸었다. 바람이 시원해서 기분이 좋았다.` })
        await d.api.entries.update({ id: e.id, text: `${e.text} 저녁에는 책을 읽었다.` })
      }
    }
    const [sp, se] = [save(plain), save(enc)]
    // Alternating rounds, so load on the machine falls on both alike.
    const p: number[] = []
    const e: number[] = []
    for (let round = 0; round < 5; round++) {
      p.push(await medianMs(sp, 100, 10))
      e.push(await medianMs(se, 100, 10))
    }
    const med = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
    const [mp, me] = [med(p), med(e)]
    return [{ name: `entry save (create + update), encrypted [${pct(me, mp)}]`, value: me, unit: 'ms', baseline: { name: 'plain', value: mp }, ratio: ratio(me, mp), target: '≤ 1.15' }]
  } finally {
    plain.close()
    enc.close()
  }
}

async function trends(): Promise<BenchResult[]> {
  const [dp, de] = [tempDir('trends-plain'), tempDir('trends-enc')]
  const keys = deriveKeys(newDataKey())
  const plain = openDatabase(dp)
  const enc = openDatabase(de, keys.database)
  try {
    const { first, last } = seed(plain)
    seed(enc)
    for (const db of [plain, enc]) db.pragma('optimize')
    const q = { profileId: 1, source: 'text' as const }
    const all = { ...q, from: first, to: last, bucket: 'year' as const }
    const year = yearRange(Number(last.slice(0, 4)) - 1)
    const out: BenchResult[] = []
    const measure = async (name: string, fn: (db: typeof plain) => void, runs: number) => {
      const p: number[] = []
      const e: number[] = []
      // Alternating rounds; the median round, so a burst of load on the shared machine hits one round, not the figure.
      for (let round = 0; round < 7; round++) {
        p.push(await medianMs(() => fn(plain), runs, 3))
        e.push(await medianMs(() => fn(enc), runs, 3))
      }
      const med = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
      const [mp, me] = [med(p), med(e)]
      out.push({ name: `${name}, encrypted [${pct(me, mp)}]`, value: me, unit: 'ms', baseline: { name: 'plain', value: mp }, ratio: ratio(me, mp), target: '≤ 1.15' })
    }
    await measure('trends: all time over 100k days (by year)', (db) => trendSummary(db, all), 11)
    await measure('trends: a year (by week + days)', (db) => {
      trendSummary(db, { ...q, ...year, bucket: 'week' })
      trendDays(db, { ...q, ...year })
    }, 51)
    // A cold read: the page cache dropped, every page decrypted again from the file.
    await measure('trends: all time, fresh connection (cold cache)', (db) => {
      db.pragma('cache_size = 0')
      db.pragma('cache_size = -2000')
      trendSummary(db, all)
    }, 5)
    return out
  } finally {
    plain.close()
    enc.close()
    rmSync(dp, { recursive: true, force: true })
    rmSync(de, { recursive: true, force: true })
  }
}

async function memoAudio(): Promise<BenchResult[]> {
  const dir = tempDir('audio')
  const keys = deriveKeys(newDataKey())
  const plain = new DiaryFiles(dir, null)
  const sealed = new DiaryFiles(dir, keys.files)
  const pcm = Buffer.from(new Int16Array(syntheticSpeech(60).map((v) => Math.max(-32768, Math.min(32767, Math.round(v * 32767))))).buffer)
  const [pp, sp] = [join(dir, 'plain.wav'), join(dir, 'sealed.wav')]
  try {
    const writeP = await medianMs(() => plain.writeWhole(pp, [pcm]), 15, 3)
    const writeS = await medianMs(() => sealed.writeWhole(sp, [pcm]), 15, 3)
    const readP = await medianMs(() => plain.read(pp), 15, 3)
    const readS = await medianMs(() => sealed.read(sp), 15, 3)
    const results: BenchResult[] = [
      { name: `60 s memo written whole, sealed (+${(writeS - writeP).toFixed(2)} ms per minute)`, value: writeS, unit: 'ms', baseline: { name: 'plain', value: writeP }, ratio: ratio(writeS, writeP), target: '≤ +20 ms per minute' },
      { name: `60 s memo read back, sealed (+${(readS - readP).toFixed(2)} ms per minute)`, value: readS, unit: 'ms', baseline: { name: 'plain', value: readP }, ratio: ratio(readS, readP), target: '≤ +20 ms per minute' }
    ]
    // Recording: 60 one-second chunks appended through the service (each flushed to disk).
    const [dp, de] = [await diary(false), await diary(true)]
    try {
      const record = async (d: typeof dp) => {
        const r = await d.api.memos.begin({ profileId: d.profileId, entryDate: '2026-12-03', sampleRate: 16000 })
        const t0 = performance.now()
        for (let seq = 0; seq < 60; seq++) await d.api.memos.appendChunk({ recordingId: r.recordingId, seq, pcm16: signalChunkBase64(seq) })
        const ms = performance.now() - t0
        await d.api.memos.discard({ recordingId: r.recordingId })
        return ms
      }
      const p: number[] = []
      const e: number[] = []
      // Each append is flushed to disk, so the figures swing with the disk: median of alternating rounds.
      for (let round = 0; round < 7; round++) {
        p.push(await record(dp))
        e.push(await record(de))
      }
      const med = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
      const [mp, me] = [med(p), med(e)]
      results.push({ name: `60 s recorded as 60 appended chunks, sealed (+${(me - mp).toFixed(1)} ms per minute)`, value: me, unit: 'ms', baseline: { name: 'plain', value: mp }, ratio: ratio(me, mp), target: '≤ +20 ms per minute' })
    } finally {
      dp.close()
      de.close()
    }
    return results
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

async function unlock(): Promise<BenchResult[]> {
  const p = KDF_PARAMS[CURRENT_KDF_SET]
  const params = newArgon2idParams()
  const stretch = await medianMs(() => stretchPassphrase(PASSPHRASE, params), 7, 1)
  // The same work without the memory hardness, for scale: one pass over 19 MiB (the schema's floor).
  const floor = await medianMs(() => stretchPassphrase(PASSPHRASE, { ...params, memoryKiB: 19 * 1024, iterations: 1 }), 7, 1)
  const d = await diary(true)
  try {
    const times: number[] = []
    for (let i = 0; i < 5; i++) {
      await d.api.lock.lock()
      const t0 = performance.now()
      await d.api.lock.unlock({ passphrase: PASSPHRASE })
      times.push(performance.now() - t0)
    }
    times.sort((a, b) => a - b)
    return [
      { name: `Argon2id stretch (${p.memoryKiB / 1024} MiB × ${p.iterations}, ${p.parallelism} lane)`, value: stretch, unit: 'ms', baseline: { name: 'Argon2id 19 MiB × 1', value: floor }, ratio: ratio(stretch, floor), target: '≥ 250 ms' },
      { name: 'lock.unlock end to end (stretch + unwrap + open the database)', value: times[2]!, unit: 'ms', baseline: { name: 'the stretch alone', value: stretch }, ratio: ratio(times[2]!, stretch) }
    ]
  } finally {
    d.close()
  }
}

export async function benchLock(): Promise<BenchResult[]> {
  return [...(await unlock()), ...(await entrySaves()), ...(await memoAudio()), ...(await trends())]
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { printResults } = await import('./print')
  printResults(await benchLock())
}
