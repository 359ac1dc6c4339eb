/**
 * Measures candidate vocabularies on the project's Korean text, to choose the default tokenizer.
 *
 *   npx tsx training/text/measure-vocab.ts <tokenizerDir>...   (built by build-tokenizer.ts)
 *
 * Prints, per corpus: [UNK] share of tokens, share of sentences with an [UNK], mean tokens per
 * sentence (with [CLS]/[SEP]), share longer than 256 tokens, and distinct tokens used.
 */
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { loadTokenizer } from '../../src/analysis/text/tokenizer'

const shared = process.env.HARU_SHARED_DIR ?? new URL('../../../shared', import.meta.url).pathname
const tsvColumn = (path: string, col: number): string[] =>
  readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t')[col]!)

const corpora: Record<string, string[]> = {
  'goemotions-ko dev': tsvColumn(`${shared}/datasets/goemotions-korean/dev.tsv`, 0),
  'kote val': tsvColumn(`${shared}/datasets/kote/val.tsv`, 1),
  'chatbot Q': readFileSync(`${shared}/datasets/chatbot-data-ko/ChatbotData.csv`, 'utf8')
    .split('\n').slice(1).filter(Boolean).map((l) => l.split(',')[0]!)
}

const rows: string[] = []
for (const dir of process.argv.slice(2)) {
  const tok = await loadTokenizer(dir)
  for (const [name, texts] of Object.entries(corpora)) {
    let tokens = 0, unk = 0, withUnk = 0, over = 0
    const distinct = new Set<number>()
    const t0 = performance.now()
    for (const t of texts) {
      const ids = tok.encode(t, 4096)
      tokens += ids.length
      let u = 0
      for (const id of ids) { distinct.add(id); if (id === tok.unkId) u++ }
      unk += u
      if (u > 0) withUnk++
      if (ids.length > 256) over++
    }
    const ms = performance.now() - t0
    rows.push([basename(dir), name, texts.length, (100 * unk / tokens).toFixed(2) + '%', (100 * withUnk / texts.length).toFixed(1) + '%',
      (tokens / texts.length).toFixed(1), (100 * over / texts.length).toFixed(2) + '%', distinct.size, (1000 * ms / texts.length).toFixed(0) + 'µs'].join(' | '))
  }
}
console.log('vocab | corpus | sentences | [UNK] tokens | sentences with [UNK] | tokens/sentence | >256 | distinct ids | encode time/sentence')
for (const r of rows) console.log(r)
