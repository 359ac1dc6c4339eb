import { computeMfcc } from '../../../src/shared/audio/mfcc'
import { computeMfccThreaded, mfccHelperRunning, mfccSplitCount, PARALLEL_MIN_FRAMES, stopMfccHelper } from '../../../src/analysis/audio/mfcc-thread'

/** 25 s of a deterministic voiced signal with a silent stretch (so the 80 dB floor matters). */
function longSignal(seconds: number, rate = 16000): Float32Array {
  let seed = 5
  const noise = (): number => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1
  return Float32Array.from({ length: seconds * rate }, (_, i) => {
    const t = i / rate
    // The loud part is in the second half, so the helper thread holds the clip's peak.
    const gain = t < seconds / 2 ? 0.05 : 0.6
    const silent = t > 3 && t < 5 ? 0 : 1
    return silent * (gain * Math.sin(2 * Math.PI * (150 + 20 * Math.sin(t)) * t) + 0.003 * noise())
  })
}

afterAll(() => stopMfccHelper())

describe('MFCC split across the analysis thread and a helper thread', () => {
  it('equals computeMfcc bit for bit on a long clip, using the helper', async () => {
    const x = longSignal(25)
    const single = computeMfcc(x, 16000)
    expect(single.frames).toBeGreaterThanOrEqual(PARALLEL_MIN_FRAMES)
    await stopMfccHelper()
    // The first long clip starts the helper and runs on this thread; the next one is split.
    const splits = mfccSplitCount()
    const first = await computeMfccThreaded(x, 16000)
    expect(mfccHelperRunning()).toBe(true)
    expect(mfccSplitCount()).toBe(splits)
    expect(Array.from(first.data)).toEqual(Array.from(single.data))
    const threaded = await computeMfccThreaded(x, 16000)
    expect(mfccSplitCount()).toBe(splits + 1)
    expect(threaded.frames).toBe(single.frames)
    expect(Array.from(threaded.data)).toEqual(Array.from(single.data))
  })

  it('equals computeMfcc at 44.1 kHz and with an odd frame count, split forced', async () => {
    const x = longSignal(3, 44100).subarray(0, 512 * 256 + 100)
    const single = computeMfcc(x, 44100)
    expect(single.frames % 2).toBe(1)
    const splits = mfccSplitCount()
    const threaded = await computeMfccThreaded(x, 44100, { minFrames: 0 })
    expect(mfccSplitCount()).toBe(splits + 1)
    expect(Array.from(threaded.data)).toEqual(Array.from(single.data))
  })

  it('serves two long clips at once correctly (the second one on this thread)', async () => {
    const a = longSignal(25)
    const b = longSignal(21).map((v) => v * 0.5)
    const [ta, tb] = await Promise.all([computeMfccThreaded(a, 16000), computeMfccThreaded(b, 16000)])
    expect(Array.from(ta.data)).toEqual(Array.from(computeMfcc(a, 16000).data))
    expect(Array.from(tb.data)).toEqual(Array.from(computeMfcc(b, 16000).data))
  })

  it('keeps short clips on one thread', async () => {
    await stopMfccHelper()
    const x = longSignal(2)
    expect(Array.from((await computeMfccThreaded(x, 16000)).data)).toEqual(Array.from(computeMfcc(x, 16000).data))
    expect(mfccHelperRunning()).toBe(false)
  })

  it('rejects bad input as computeMfcc does, and the helper keeps serving', async () => {
    const bad = longSignal(25)
    bad[100] = Number.NaN
    await expect(computeMfccThreaded(bad, 16000)).rejects.toMatchObject({ code: 'invalid-argument' })
    await expect(computeMfccThreaded(new Float32Array(0), 16000)).rejects.toMatchObject({ code: 'invalid-argument' })
    const x = longSignal(25)
    expect(Array.from((await computeMfccThreaded(x, 16000)).data)).toEqual(Array.from(computeMfcc(x, 16000).data))
  })
})
