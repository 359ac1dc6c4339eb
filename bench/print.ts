import type { BenchResult } from './types'

const fmt = (v: number): string => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3))

export function printResults(results: BenchResult[]): void {
  for (const r of results) {
    const base = r.baseline ? `  vs ${r.baseline.name}: ${fmt(r.baseline.value)} ${r.unit} (ratio ${r.ratio})` : ''
    const target = r.target ? `  [target ${r.target}]` : ''
    console.log(`${r.name}: ${fmt(r.value)} ${r.unit}${base}${target}`)
  }
}
