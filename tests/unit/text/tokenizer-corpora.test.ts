import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { loadTokenizer, type TextTokenizer } from '../../../src/analysis/text/tokenizer'
import { hasShared, repoRoot, sharedPath } from '../../helpers/shared-data'

/**
 * The text engine tokenizes with `@huggingface/tokenizers` directly; until this round it went
 * through `@huggingface/transformers`' AutoTokenizer. Both read the same tokenizer.json, and every
 * sentence of the training corpora must get the same ids from both, or the model would see other
 * inputs than it was trained and evaluated on. NSMC (711k reviews) is sampled: every 10th line,
 * so the test stays around ten seconds; the other corpora are compared whole.
 */
const NSMC_STRIDE = 10
const NO_TRUNCATION = 4096

interface Corpus {
  name: string
  texts: () => string[]
}

const lines = (path: string): string[] => readFileSync(sharedPath(path), 'utf8').split('\n').filter((l) => l.length > 0)

/** ChatbotData.csv: `Q,A,label`, a field quoted when it holds a comma ("" escapes a quote). */
function csvFields(line: string): string[] {
  const fields: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (field += '"'), i++
      else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') fields.push(field), (field = '')
    else field += c
  }
  fields.push(field)
  return fields
}

const corpora: Corpus[] = [
  ...['train', 'dev', 'test'].map((split) => ({
    name: `goemotions-korean/${split}.tsv`,
    texts: () => lines(`datasets/goemotions-korean/${split}.tsv`).map((l) => l.split('\t')[0]!)
  })),
  ...['val', 'test'].map((split) => ({
    name: `kote/${split}.tsv`,
    texts: () => lines(`datasets/kote/${split}.tsv`).map((l) => l.split('\t')[1]!)
  })),
  {
    name: 'chatbot-data-ko/ChatbotData.csv (questions and answers)',
    texts: () => lines('datasets/chatbot-data-ko/ChatbotData.csv').slice(1).flatMap((l) => csvFields(l).slice(0, 2))
  },
  {
    name: `nsmc/reviews.tsv (every ${NSMC_STRIDE}th review)`,
    texts: () =>
      lines('datasets/nsmc/reviews.tsv')
        .slice(1)
        .filter((_, i) => i % NSMC_STRIDE === 0)
        .map((l) => l.split('\t')[3] ?? '')
  }
]

const haveCorpora = hasShared('datasets/goemotions-korean') && hasShared('datasets/kote') && hasShared('datasets/chatbot-data-ko') && hasShared('datasets/nsmc')

describe.skipIf(!haveCorpora)('tokenizer ids identical to @huggingface/transformers on the training corpora', () => {
  const dir = join(repoRoot, 'resources/models/text-default/tokenizer')
  let ours: TextTokenizer
  let reference: (text: string) => number[]

  beforeAll(async () => {
    ours = await loadTokenizer(dir)
    // transformers is only needed as the reference here; the app imports it for Whisper alone.
    const { AutoTokenizer, env } = await import('@huggingface/transformers')
    env.allowRemoteModels = false
    env.allowLocalModels = true
    env.useFSCache = false
    const tok = await AutoTokenizer.from_pretrained(dir, { local_files_only: true })
    reference = (text) => tok.encode(text)
  }, 60_000)

  it.each(corpora)('$name', ({ texts }) => {
    const all = texts()
    expect(all.length).toBeGreaterThan(1000)
    let compared = 0
    let tokens = 0
    for (const text of all) {
      const got = ours.encode(text, NO_TRUNCATION)
      const want = reference(text)
      // One toEqual per sentence would be slow; compare cheaply and report the first difference.
      if (got.length !== want.length || got.some((id, i) => id !== want[i])) expect({ text, ids: got }).toEqual({ text, ids: want })
      compared++
      tokens += got.length
    }
    expect(compared).toBe(all.length)
    // Real text, not empty rows: on average well above [CLS] [SEP].
    expect(tokens / compared).toBeGreaterThan(5)
  }, 120_000)

  it('also agrees on padding, unknown and special ids', async () => {
    const { AutoTokenizer } = await import('@huggingface/transformers')
    const tok = await AutoTokenizer.from_pretrained(dir, { local_files_only: true })
    expect(ours.padId).toBe(tok.pad_token_id)
    expect(ours.unkId).toBe(tok.unk_token_id)
    expect(ours.vocabSize).toBe(tok.get_vocab().size)
  })
})
