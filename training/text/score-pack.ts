/**
 * Runs a text pack exactly as the app does (createTextEngine: tokenizer or n-gram features, model,
 * the pack's own calibration) over every evaluation row and writes the probabilities, so
 * compare.py can put a shipped or candidate pack in the same table as the PyTorch candidates.
 *
 *   npx tsx training/text/score-pack.ts --pack <dir> --name <row name> [--splits dev,test]
 *
 * Reads training/.cache/text/{data.jsonl, nsmc.jsonl}; writes training/.cache/text/scores/<name>.json:
 * { name, sets: { "<source>/<split>": { y: [...], probs: [[...7]] } } } where y is the class index
 * (data.jsonl) or the polarity 1/0 (nsmc.jsonl). Each text is classified as one sentence, as
 * evaluate.py's definitions assume (a review is not split).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { createTextEngine } from '../../src/analysis/text/engine'

const repo = new URL('../..', import.meta.url).pathname
const cache = join(repo, 'training/.cache/text')
const { values } = parseArgs({ options: { pack: { type: 'string' }, name: { type: 'string' }, splits: { type: 'string', default: 'dev,test' } } })
if (!values.pack || !values.name) {
  console.error('usage: score-pack.ts --pack <dir> --name <name> [--splits dev,test]')
  process.exit(2)
}
const splits = new Set(values.splits!.split(','))

interface Row { split: string; source: string; text: string; label?: number; polarity?: number }
const read = (file: string): Row[] => readFileSync(join(cache, file), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row)
const rows = [...read('data.jsonl'), ...read('nsmc.jsonl')].filter((r) => splits.has(r.split))

const sets = new Map<string, { y: number[]; texts: string[] }>()
for (const r of rows) {
  const key = `${r.source}/${r.split}`
  const set = sets.get(key) ?? { y: [], texts: [] }
  set.y.push(r.source === 'nsmc' ? r.polarity! : r.label!)
  set.texts.push(r.text)
  sets.set(key, set)
}

const engine = await createTextEngine(values.pack, { threads: 1 })
const out: Record<string, { y: number[]; probs: number[][] }> = {}
const t0 = performance.now()
for (const [key, set] of sets) {
  out[key] = { y: set.y, probs: (await engine.classifySentences(set.texts)).map((p) => p.map((v) => Number(v.toFixed(6)))) }
  console.log(`${key}: ${set.texts.length} rows`)
}
console.log(`scored ${rows.length} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s with ${engine.manifest.id} ${engine.manifest.version}`)
await engine.close()
mkdirSync(join(cache, 'scores'), { recursive: true })
writeFileSync(join(cache, 'scores', `${values.name}.json`), JSON.stringify({ name: values.name, pack: engine.manifest.id, sets: out }))
