/** Median wall time in ms of `runs` calls (after `warmup` unmeasured ones). */
export async function medianMs(fn: () => unknown, runs: number, warmup = 2): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    await fn()
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]!
}

export function ratio(value: number, baseline: number): number {
  return Number((value / baseline).toFixed(3))
}
