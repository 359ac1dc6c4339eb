/**
 * mulberry32: a small, fast seeded generator, so a draw can be repeated exactly on every run and
 * machine. The app itself draws nothing at random; tests (fuzzing, synthetic voices), benchmarks
 * and training scripts share this one definition.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
