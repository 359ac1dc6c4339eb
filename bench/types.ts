/** One measured figure from a benchmark, optionally compared with a baseline measured in the same run. */
export interface BenchResult {
  name: string
  value: number
  unit: string
  baseline?: { name: string; value: number }
  /** `value / baseline.value`: below 1 means faster (for times) than the baseline. */
  ratio?: number
  /** The goal this figure is held to, in words (e.g. "≤ 1 ms"). */
  target?: string
}
