/**
 * Tokenizes the training corpus with exactly the code the app runs (src/analysis/text/tokenizer.ts),
 * so the model is trained on the ids it will see at inference.
 *
 *   npx tsx training/text/export-token-ids.ts --tokenizer <dir> --in data.jsonl --out ids.jsonl
 *
 * Output: one JSON array of ids per input line, same order, truncated to 256 like the app.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { DEFAULT_MAX_LENGTH, loadTokenizer } from '../../src/analysis/text/tokenizer'

const { values } = parseArgs({ options: { tokenizer: { type: 'string' }, in: { type: 'string' }, out: { type: 'string' } } })
if (!values.tokenizer || !values.in || !values.out) {
  console.error('usage: export-token-ids.ts --tokenizer <dir> --in data.jsonl --out ids.jsonl')
  process.exit(2)
}
const tok = await loadTokenizer(values.tokenizer)
const lines = readFileSync(values.in, 'utf8').split('\n').filter(Boolean)
const out = lines.map((l) => JSON.stringify(tok.encode((JSON.parse(l) as { text: string }).text, DEFAULT_MAX_LENGTH)))
writeFileSync(values.out, out.join('\n') + '\n')
console.log(`wrote ${out.length} rows to ${values.out}`)
