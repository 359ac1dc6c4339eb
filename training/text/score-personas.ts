/**
 * Scores a text pack, as the app runs it, on the diary personas split (training/text/data/diary-ko/
 * personas.jsonl: 8 held-out writers with idiolects, issue 12's adaptation set; never trained on) and
 * prints macro-F1 and accuracy overall and per writer, for the model card.
 *
 *   npx tsx training/text/score-personas.ts --pack resources/models/text-default [--file personas.jsonl]
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createTextEngine } from '../../src/analysis/text/engine'
import { CANONICAL_EMOTIONS } from '../../src/shared/emotions'

const repo = new URL('../..', import.meta.url).pathname
const { values } = parseArgs({
  options: { pack: { type: 'string' }, file: { type: 'string', default: join(repo, 'training/text/data/diary-ko/personas.jsonl') } }
})
if (!values.pack) {
  console.error('usage: score-personas.ts --pack <dir> [--file personas.jsonl]')
  process.exit(2)
}
interface Row { text: string; label: string; writer: string }
const rows = readFileSync(values.file!, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row)

function macroF1(gold: string[], pred: string[]): number {
  const f1s = CANONICAL_EMOTIONS.map((c) => {
    const tp = gold.filter((g, i) => g === c && pred[i] === c).length
    const fp = pred.filter((p, i) => p === c && gold[i] !== c).length
    const fn = gold.filter((g, i) => g === c && pred[i] !== c).length
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn)
  })
  return f1s.reduce((a, b) => a + b, 0) / f1s.length
}
const pct = (x: number): string => (100 * x).toFixed(1)

const engine = await createTextEngine(values.pack, { threads: 1 })
const probs = await engine.classifySentences(rows.map((r) => r.text))
const pred = probs.map((p) => CANONICAL_EMOTIONS[p.indexOf(Math.max(...p))]!)
const threshold = engine.manifest.calibration?.uncertainBelow
const report = (name: string, idx: number[]): void => {
  const g = idx.map((i) => rows[i]!.label)
  const p = idx.map((i) => pred[i]!)
  const acc = g.filter((x, i) => x === p[i]).length / g.length
  let unsure = ''
  if (threshold !== undefined) {
    const sure = idx.filter((i) => Math.max(...probs[i]!) >= threshold)
    const right = sure.filter((i) => pred[i] === rows[i]!.label).length
    unsure = ` · uncertain ${pct(1 - sure.length / idx.length)} %, accuracy of the rest ${pct(right / Math.max(sure.length, 1))} %`
  }
  console.log(`${name}: n ${idx.length} · macro-F1 ${pct(macroF1(g, p))} · accuracy ${pct(acc)} %${unsure}`)
}
console.log(`${engine.manifest.id} ${engine.manifest.version} on ${values.file}`)
report('all', rows.map((_, i) => i))
for (const w of [...new Set(rows.map((r) => r.writer))].sort()) report(`  ${w}`, rows.flatMap((r, i) => (r.writer === w ? [i] : [])))
await engine.close()
