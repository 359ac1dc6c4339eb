/**
 * Runs bench/librosa_mfcc.py on the same samples the MFCC benchmark uses, so Haru's MFCC and
 * librosa's are timed in one run. Looks for a Python with librosa first (HARU_PYTHON, python3 on
 * PATH, /usr/bin/python3); without one, a Python with numpy and scipy times librosa's own calls
 * (the script says which). OpenBLAS is held to one thread: on this 2-core machine shared with
 * other jobs its threads made the stand-in 6× slower, which would flatter Haru.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'librosa_mfcc.py')

export interface LibrosaTiming {
  /** `librosa` or `numpy-librosa-calls` (the stand-in). */
  impl: string
  version: string
  python: string
  medianMs: number[]
  /** First frame's 13 coefficients per input, to show both sides computed the same thing. */
  firstFrame: number[][]
}

function candidates(): string[] {
  return [...new Set([process.env.HARU_PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => !!p))]
}

function probe(python: string, code: string): boolean {
  try {
    execFileSync(python, ['-c', code], { stdio: 'ignore', timeout: 30_000 })
    return true
  } catch {
    return false
  }
}

/** The Python to use and why; null (with the reason) when none can run the script. */
export function findPython(): { python: string; hasLibrosa: boolean } | { reason: string } {
  const all = candidates()
  const withLibrosa = all.find((p) => probe(p, 'import librosa'))
  if (withLibrosa) return { python: withLibrosa, hasLibrosa: true }
  const withNumpy = all.find((p) => probe(p, 'import numpy, scipy.fft, scipy.signal'))
  if (withNumpy) return { python: withNumpy, hasLibrosa: false }
  return { reason: `no Python with librosa, or with numpy and scipy, among ${all.join(', ')}` }
}

export function timeLibrosa(python: string, inputs: Float32Array[], runs: number): LibrosaTiming {
  const dir = mkdtempSync(join(tmpdir(), 'haru-librosa-'))
  try {
    const files = inputs.map((x, i) => {
      const path = join(dir, `in${i}.f32`)
      writeFileSync(path, Buffer.from(x.buffer, x.byteOffset, x.byteLength))
      return path
    })
    const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' }
    const out = execFileSync(python, [SCRIPT, String(runs), ...files], { encoding: 'utf8', env, timeout: 600_000 })
    const parsed = JSON.parse(out) as { impl: string; version: string; results: { median_ms: number; mfcc_first: number[] }[] }
    return { impl: parsed.impl, version: parsed.version, python, medianMs: parsed.results.map((r) => r.median_ms), firstFrame: parsed.results.map((r) => r.mfcc_first) }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
