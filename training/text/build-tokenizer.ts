/**
 * Writes tokenizer.json + tokenizer_config.json (+ vocab.txt) for a BERT WordPiece vocabulary.
 *
 *   npx tsx training/text/build-tokenizer.ts --vocab <vocab.txt> --out <dir> [--licence <file>]
 *
 * Used twice for the default model: once on a full vocabulary from ../shared/tokenizers (to measure
 * and to count the tokens the training data uses), then on the pruned vocabulary that
 * prune-vocab.py writes, which is what ships in resources/models/text-default/tokenizer/.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { buildTokenizerFiles, readVocab } from './tokenizer-json'

const { values } = parseArgs({
  options: {
    vocab: { type: 'string' },
    out: { type: 'string' },
    licence: { type: 'string' },
    'extra-special': { type: 'string', default: '' }
  }
})
if (!values.vocab || !values.out) {
  console.error('usage: build-tokenizer.ts --vocab <vocab.txt> --out <dir> [--licence <file>] [--extra-special "[NAME],[RELIGION]"]')
  process.exit(2)
}
const vocab = readVocab(readFileSync(values.vocab, 'utf8'))
const dupes = vocab.length - new Set(vocab).size
if (dupes > 0) throw new Error(`${values.vocab} has ${dupes} duplicate lines`)
const extra = values['extra-special'] ? values['extra-special'].split(',') : []
const { tokenizerJson, tokenizerConfig } = buildTokenizerFiles(vocab, extra)
mkdirSync(values.out, { recursive: true })
writeFileSync(join(values.out, 'tokenizer.json'), JSON.stringify(tokenizerJson))
writeFileSync(join(values.out, 'tokenizer_config.json'), JSON.stringify(tokenizerConfig, null, 2) + '\n')
if (values.licence) copyFileSync(values.licence, join(values.out, 'LICENSE'))
console.log(`wrote ${values.out} (${vocab.length} tokens)`)
