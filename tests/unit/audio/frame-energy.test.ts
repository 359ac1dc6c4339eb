import { frameEnergyDb } from '../../../src/shared/audio/features'

/** frameEnergyDb as it was written first: a full float64 prefix array of n + 1 sums. */
function fullPrefixEnergyDb(samples: Float32Array): Float32Array {
  const n = samples.length
  const cumulative = new Float64Array(n + 1)
  for (let i = 0; i < n; i++) cumulative[i + 1] = cumulative[i]! + samples[i]! * samples[i]!
  const out = new Float32Array(1 + Math.floor(n / 512))
  for (let t = 0; t < out.length; t++) {
    const lo = Math.max(0, t * 512 - 1024)
    const hi = Math.min(n, t * 512 + 1024)
    out[t] = 10 * Math.log10(Math.max(hi > lo ? (cumulative[hi]! - cumulative[lo]!) / 2048 : 0, 1e-10))
  }
  return out
}

describe('frameEnergyDb keeps only the hop-aligned prefix sums', () => {
  it.each([1, 100, 511, 512, 513, 1024, 2047, 2048, 5000, 16000 * 30, 16000 * 30 + 1536, 44100 * 3 + 13])('is bit-identical to the full prefix array at %i samples', (n) => {
    let seed = n
    const noise = (): number => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1
    const x = Float32Array.from({ length: n }, (_, i) => (i % 7000 < 3000 ? 0.5 : 0.001) * noise())
    expect(Array.from(frameEnergyDb(x, 16000))).toEqual(Array.from(fullPrefixEnergyDb(x)))
  })
})
