/**
 * Limited-memory BFGS for the adapter's smooth, strongly convex objective (cross-entropy plus L2):
 * the standard two-loop recursion (Nocedal & Wright, Algorithm 7.4) with a backtracking line
 * search on the Armijo condition. Small and dependency-free because the adapter trains inside the
 * analysis process on at most a few hundred examples.
 */

export interface LbfgsOptions {
  /** Pairs of (step, gradient change) kept. */
  memory?: number
  maxIterations?: number
  /** Stop when ‖gradient‖∞ falls below this. */
  gradientTolerance?: number
  /** Stop when the objective improves by less than this fraction of itself. */
  relativeTolerance?: number
}

export interface LbfgsResult {
  x: Float64Array
  value: number
  iterations: number
  converged: boolean
}

/** `f(x, grad)` returns the objective and writes its gradient into `grad`. */
export type Objective = (x: Float64Array, grad: Float64Array) => number

const dot = (a: Float64Array, b: Float64Array): number => {
  let s = 0
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!
  return s
}

export function minimizeLbfgs(f: Objective, x0: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const m = options.memory ?? 10
  const maxIterations = options.maxIterations ?? 300
  const gtol = options.gradientTolerance ?? 1e-6
  const rtol = options.relativeTolerance ?? 1e-10
  const n = x0.length
  const x = Float64Array.from(x0)
  const g = new Float64Array(n)
  let value = f(x, g)
  const s: Float64Array[] = []
  const y: Float64Array[] = []
  const rho: number[] = []
  const d = new Float64Array(n)
  const xNew = new Float64Array(n)
  const gNew = new Float64Array(n)
  const alpha = new Array<number>(m)
  const maxAbs = (v: Float64Array) => v.reduce((a, b) => Math.max(a, Math.abs(b)), 0)

  for (let iter = 0; iter < maxIterations; iter++) {
    if (maxAbs(g) < gtol) return { x, value, iterations: iter, converged: true }
    // Two-loop recursion: d = -H·g.
    for (let i = 0; i < n; i++) d[i] = -g[i]!
    for (let k = s.length - 1; k >= 0; k--) {
      alpha[k] = rho[k]! * dot(s[k]!, d)
      for (let i = 0; i < n; i++) d[i]! -= alpha[k]! * y[k]![i]!
    }
    const gamma = s.length ? dot(s[s.length - 1]!, y[y.length - 1]!) / dot(y[y.length - 1]!, y[y.length - 1]!) : 1 / Math.max(1, Math.sqrt(dot(g, g)))
    for (let i = 0; i < n; i++) d[i]! *= gamma
    for (let k = 0; k < s.length; k++) {
      const beta = rho[k]! * dot(y[k]!, d)
      for (let i = 0; i < n; i++) d[i]! += (alpha[k]! - beta) * s[k]![i]!
    }
    let slope = dot(g, d)
    if (!(slope < 0)) {
      // Not a descent direction (curvature information went stale): restart from steepest descent.
      s.length = y.length = rho.length = 0
      for (let i = 0; i < n; i++) d[i] = -g[i]!
      slope = -dot(g, g)
    }
    let step = 1
    let next = Infinity
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i]! + step * d[i]!
      next = f(xNew, gNew)
      if (Number.isFinite(next) && next <= value + 1e-4 * step * slope) break
      step *= 0.5
    }
    if (!(next < value) && !(next === value)) return { x, value, iterations: iter, converged: false }
    const sk = new Float64Array(n)
    const yk = new Float64Array(n)
    for (let i = 0; i < n; i++) {
      sk[i] = xNew[i]! - x[i]!
      yk[i] = gNew[i]! - g[i]!
    }
    const sy = dot(sk, yk)
    const improvement = value - next
    x.set(xNew)
    g.set(gNew)
    value = next
    if (sy > 1e-12) {
      if (s.length === m) {
        s.shift()
        y.shift()
        rho.shift()
      }
      s.push(sk)
      y.push(yk)
      rho.push(1 / sy)
    }
    if (improvement <= rtol * Math.max(1, Math.abs(value))) return { x, value, iterations: iter + 1, converged: true }
  }
  return { x, value, iterations: maxIterations, converged: maxAbs(g) < gtol }
}
