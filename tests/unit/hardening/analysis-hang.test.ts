/**
 * The last item of issue 13's defect 10: a hung analysis process blocked every analysis for 120 s.
 * Now a process that stops answering heartbeats is killed and replaced at once, and each request
 * has a time limit sized to its work. Real child processes (a stand-in worker that hangs on
 * purpose, and the real worker).
 */
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import { AnalysisHost } from '../../../src/main/analysis/host'
import { operationBudgetMs } from '../../../src/main/analysis/budget'
import { spawnNodeWorker } from '../../../src/main/analysis/spawn-node'

const FAKE = fileURLToPath(new URL('../../helpers/fake-analysis-worker.ts', import.meta.url))
const hosts: AnalysisHost[] = []
afterEach(() => {
  for (const h of hosts.splice(0)) h.close()
})

function host(opts: Partial<ConstructorParameters<typeof AnalysisHost>[0]> = {}, entry = FAKE): AnalysisHost {
  const h = new AnalysisHost({ spawn: spawnNodeWorker(entry), backoffMs: [0], heartbeatIntervalMs: 100, heartbeatTimeoutMs: 1500, ...opts })
  hosts.push(h)
  return h
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

describe('a hung analysis process', () => {
  it('that stops answering heartbeats is killed within seconds, and the next request gets a fresh process', async () => {
    const h = host()
    const first = (await h.request('ping', {})).pid
    const started = Date.now()
    await expect(h.request('mfcc', { wav: Buffer.from('busy') })).rejects.toMatchObject({ name: 'AnalysisError', code: 'unresponsive' })
    expect(Date.now() - started).toBeLessThan(10_000)
    await expect.poll(() => alive(first), { timeout: 5000 }).toBe(false)
    const next = (await h.request('ping', {})).pid
    expect(next).not.toBe(first)
  }, 30_000)

  it('that answers heartbeats but never replies fails at the request’s own time limit', async () => {
    const h = host({ budgetMs: (op) => (op === 'mfcc' ? 1000 : 5000) })
    const first = (await h.request('ping', {})).pid
    const started = Date.now()
    await expect(h.request('mfcc', { wav: Buffer.from('quiet') })).rejects.toMatchObject({ code: 'timeout' })
    expect(Date.now() - started).toBeLessThan(10_000)
    expect((await h.request('ping', {})).pid).not.toBe(first)
  }, 30_000)

  it('is not mistaken for one that works: slow replies and short blocking work both complete', async () => {
    const h = host()
    await expect(h.request('mfcc', { wav: Buffer.from('slow:2500') })).resolves.toMatchObject({ frames: 0 })
    await expect(h.request('mfcc', { wav: Buffer.from('busy:600') })).resolves.toMatchObject({ frames: 0 })
  }, 30_000)

  it('the real worker answers heartbeats while it works', async () => {
    const h = host({ heartbeatIntervalMs: 50, heartbeatTimeoutMs: 1000 }, fileURLToPath(new URL('../../../src/analysis/worker.ts', import.meta.url)))
    const pid = (await h.request('ping', {})).pid
    for (let i = 0; i < 20; i++) await h.request('ping', {})
    await new Promise((r) => setTimeout(r, 1500))
    expect((await h.request('ping', {})).pid).toBe(pid)
  }, 30_000)
})

describe('the time limit of a request is sized to its work', () => {
  it('grows with the text and the audio, from a floor', () => {
    const short = operationBudgetMs('analyze-text', { text: '오늘은 좋았다.', packDir: '' })
    const long = operationBudgetMs('analyze-text', { text: '가'.repeat(100_000), packDir: '' })
    expect(short).toBeGreaterThanOrEqual(5_000)
    expect(short).toBeLessThanOrEqual(20_000)
    expect(long).toBeGreaterThan(short)
    const baseline = { mean: [], std: [] }
    const memo30s = operationBudgetMs('analyze-audio', { wav: Buffer.alloc(30 * 32_000 + 44), packDir: '', baseline, mode: 'full' })
    const memo10min = operationBudgetMs('analyze-audio', { wav: Buffer.alloc(600 * 32_000 + 44), packDir: '', baseline, mode: 'full' })
    expect(memo30s).toBeLessThan(60_000)
    expect(memo10min).toBeGreaterThan(memo30s)
    expect(operationBudgetMs('ping', {})).toBeLessThanOrEqual(10_000)
    expect(operationBudgetMs('transcribe', { wav: Buffer.alloc(600 * 32_000 + 44), modelDir: '' })).toBeGreaterThan(memo10min)
  })
})
