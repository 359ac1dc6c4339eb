/** Classification metrics for the evaluation scripts (same definitions as common.py). */
export interface ClassMetrics {
  n: number
  accuracy: number
  macroF1: number
  perClassF1: (number | null)[]
  confusion: number[][]
}

export function classMetrics(yTrue: readonly number[], yPred: readonly number[], k: number): ClassMetrics {
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0))
  yTrue.forEach((t, i) => confusion[t]![yPred[i]!]!++)
  const perClassF1 = confusion.map((row, c) => {
    const tp = row[c]!
    const support = row.reduce((a, b) => a + b, 0)
    const predicted = confusion.reduce((a, r) => a + r[c]!, 0)
    if (support === 0) return null
    return tp ? (2 * tp) / (support + predicted) : 0
  })
  const present = perClassF1.filter((f): f is number => f !== null)
  return {
    n: yTrue.length,
    accuracy: confusion.reduce((a, r, c) => a + r[c]!, 0) / Math.max(1, yTrue.length),
    macroF1: present.reduce((a, b) => a + b, 0) / present.length,
    perClassF1,
    confusion
  }
}
