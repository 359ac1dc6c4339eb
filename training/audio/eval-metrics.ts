/** Figures of the channel-shift evaluation: unweighted accuracy, recalls, calibration error. */
import { LABELS } from './eval-features'

export interface Outcome {
  /** True class index. */
  label: number
  /** Probabilities in LABELS order; null when the clip had no voiced window (counted as a miss). */
  probs: number[] | null
  /** The clip, to join with its quality verdict. */
  file?: string
}

const argmax = (p: readonly number[]): number => p.reduce((best, v, i) => (v > p[best]! ? i : best), 0)

export interface Summary {
  n: number
  ua: number
  wa: number
  recall: number[]
  confusion: number[][]
}

export function summarise(outcomes: readonly Outcome[]): Summary {
  const confusion = LABELS.map(() => new Array<number>(LABELS.length + 1).fill(0))
  for (const o of outcomes) confusion[o.label]![o.probs ? argmax(o.probs) : LABELS.length]!++
  const support = confusion.map((row) => row.reduce((a, b) => a + b, 0))
  const recall = confusion.map((row, i) => (support[i]! > 0 ? row[i]! / support[i]! : Number.NaN))
  const present = recall.filter((r) => !Number.isNaN(r))
  const correct = confusion.reduce((a, row, i) => a + row[i]!, 0)
  return { n: outcomes.length, ua: present.reduce((a, b) => a + b, 0) / Math.max(1, present.length), wa: correct / Math.max(1, outcomes.length), recall, confusion }
}

/** Expected calibration error of the top label, 15 equal-width confidence bins. */
export function ece(outcomes: readonly Outcome[], bins = 15): number {
  const sum = new Array<number>(bins).fill(0)
  const hit = new Array<number>(bins).fill(0)
  const count = new Array<number>(bins).fill(0)
  let n = 0
  for (const o of outcomes) {
    if (!o.probs) continue
    const top = argmax(o.probs)
    const conf = o.probs[top]!
    const b = Math.min(bins - 1, Math.floor(conf * bins))
    sum[b]! += conf
    hit[b]! += top === o.label ? 1 : 0
    count[b]!++
    n++
  }
  return count.reduce((acc, c, b) => acc + (c > 0 ? (c / n) * Math.abs(hit[b]! / c - sum[b]! / c) : 0), 0)
}

/** Share of outcomes below the confidence threshold, and the accuracy on each side of it. */
export function selective(outcomes: readonly Outcome[], threshold: number): { uncertainShare: number; accConfident: number; accUncertain: number; uaConfident: number } {
  const confident: Outcome[] = []
  const uncertain: Outcome[] = []
  for (const o of outcomes) (o.probs && Math.max(...o.probs) >= threshold ? confident : uncertain).push(o)
  const acc = (xs: Outcome[]) => xs.filter((o) => o.probs && argmax(o.probs) === o.label).length / Math.max(1, xs.length)
  return { uncertainShare: uncertain.length / Math.max(1, outcomes.length), accConfident: acc(confident), accUncertain: acc(uncertain), uaConfident: summarise(confident).ua }
}

export const pct = (v: number): string => (Number.isNaN(v) ? '–' : (100 * v).toFixed(1))
export const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length)
