import { LABELS, type Label } from './eval-data'

export interface Prediction {
  speaker: string
  truth: Label
  predicted: Label
}

/** Unweighted accuracy: the mean recall over the classes present. Weighted: plain accuracy. */
export function accuracy(preds: readonly Prediction[]): { ua: number; wa: number; n: number } {
  const hits = new Map<Label, [number, number]>()
  let correct = 0
  for (const p of preds) {
    const h = hits.get(p.truth) ?? [0, 0]
    h[1]++
    if (p.predicted === p.truth) {
      h[0]++
      correct++
    }
    hits.set(p.truth, h)
  }
  const recalls = LABELS.flatMap((l) => (hits.has(l) ? [hits.get(l)![0] / hits.get(l)![1]] : []))
  return { ua: recalls.reduce((a, b) => a + b, 0) / Math.max(1, recalls.length), wa: correct / Math.max(1, preds.length), n: preds.length }
}

export const pct = (v: number): string => (100 * v).toFixed(1)
export const signed = (v: number): string => `${v >= 0 ? '+' : '−'}${Math.abs(100 * v).toFixed(1)}`

export function quantiles(xs: readonly number[], ps: readonly number[]): number[] {
  const s = [...xs].sort((a, b) => a - b)
  return ps.map((p) => s[Math.min(s.length - 1, Math.floor(p * (s.length - 1)))]!)
}
