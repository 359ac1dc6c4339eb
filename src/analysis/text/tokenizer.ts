/**
 * Tokenizer for text model packs: any Hugging Face `tokenizer.json` + `tokenizer_config.json` pair
 * (the default pack's BERT WordPiece, or an imported official pack's RoBERTa/KLUE tokenizer), read
 * from the pack's folder and run by `@huggingface/tokenizers` — the same tokenizer code that
 * `@huggingface/transformers` wraps, without the 170 MB of the rest of that library in memory.
 * Nothing here knows one vocabulary: a pack brings its own tokenizer.json.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { Tokenizer } from '@huggingface/tokenizers'
import { TextEngineError } from './errors'

export const DEFAULT_MAX_LENGTH = 256

export interface EncodedBatch {
  /** Row-major (batchSize × seqLength), right-padded with the pad id. */
  inputIds: BigInt64Array
  attentionMask: BigInt64Array
  batchSize: number
  /** Longest row in this batch (dynamic padding), never above maxLength. */
  seqLength: number
  /** Real (unpadded) length of each row. */
  lengths: number[]
}

export interface TextTokenizer {
  readonly padId: number
  readonly unkId: number | null
  readonly vocabSize: number
  /** Ids with the special tokens ([CLS] … [SEP]); truncated to maxLength keeping the closing token. */
  encode(text: string, maxLength?: number): number[]
  encodeBatch(texts: readonly string[], maxLength?: number): EncodedBatch
  /** WordPiece tokens without special tokens (for tests and measurements). */
  tokenize(text: string): string[]
}

/** Right-pads id rows to the longest one (dynamic padding) as int64 tensors' backing arrays. */
export function padIds(rows: readonly (readonly number[])[], padId: number): EncodedBatch {
  const seqLength = rows.reduce((m, r) => Math.max(m, r.length), 0)
  const inputIds = new BigInt64Array(rows.length * seqLength).fill(BigInt(padId))
  const attentionMask = new BigInt64Array(rows.length * seqLength)
  rows.forEach((row, b) => {
    const offset = b * seqLength
    for (let i = 0; i < row.length; i++) {
      inputIds[offset + i] = BigInt(row[i]!)
      attentionMask[offset + i] = 1n
    }
  })
  return { inputIds, attentionMask, batchSize: rows.length, seqLength, lengths: rows.map((r) => r.length) }
}

type TokenizerConfig = Record<string, unknown>

/**
 * The first of `keys` set in tokenizer_config.json, as transformers.js reads special tokens (a plain
 * string or a serialised `AddedToken`), so pad/unk resolve exactly as they did through it.
 */
function tokenFromConfig(config: TokenizerConfig, ...keys: string[]): string | null {
  for (const key of keys) {
    const item = config[key]
    if (!item) continue
    if (typeof item === 'string') return item
    if (typeof item === 'object' && (item as { __type?: unknown }).__type === 'AddedToken') return String((item as { content: unknown }).content)
    throw new TextEngineError('TOKENIZER_INVALID', `tokenizer_config.json: ${key} is neither a string nor an AddedToken`)
  }
  return null
}

function checkMaxLength(maxLength: number): void {
  if (!Number.isInteger(maxLength) || maxLength < 2 || maxLength > 4096) {
    throw new TextEngineError('INVALID_INPUT', `maxLength must be an integer in [2, 4096], got ${maxLength}`)
  }
}

class HfTextTokenizer implements TextTokenizer {
  readonly padId: number
  readonly unkId: number | null
  readonly vocabSize: number
  private readonly specialIds: Set<number>

  constructor(
    private readonly tok: Tokenizer,
    config: TokenizerConfig
  ) {
    const idOf = (token: string | null): number | undefined => (token === null ? undefined : tok.token_to_id(token))
    const pad = idOf(tokenFromConfig(config, 'pad_token', 'eos_token'))
    if (typeof pad !== 'number') throw new TextEngineError('TOKENIZER_INVALID', 'tokenizer has no pad token')
    this.padId = pad
    this.unkId = idOf(tokenFromConfig(config, 'unk_token')) ?? null
    this.vocabSize = tok.get_vocab().size
    this.specialIds = new Set([...tok.get_added_tokens_decoder()].filter(([, t]) => t.special).map(([id]) => id))
  }

  encode(text: string, maxLength = DEFAULT_MAX_LENGTH): number[] {
    checkMaxLength(maxLength)
    if (typeof text !== 'string') throw new TextEngineError('INVALID_INPUT', 'text must be a string')
    const ids = this.tok.encode(text).ids
    if (ids.length <= maxLength) return ids
    // Truncate the content, not the template: like Python's truncation=True, the closing special
    // token ([SEP] / </s>) stays last. The library's own truncation would cut it off.
    const last = ids[ids.length - 1]!
    if (!this.specialIds.has(last)) return ids.slice(0, maxLength)
    const out = ids.slice(0, maxLength - 1)
    out.push(last)
    return out
  }

  encodeBatch(texts: readonly string[], maxLength = DEFAULT_MAX_LENGTH): EncodedBatch {
    checkMaxLength(maxLength)
    return padIds(texts.map((t) => this.encode(t, maxLength)), this.padId)
  }

  tokenize(text: string): string[] {
    return this.tok.tokenize(text, { add_special_tokens: false })
  }
}

export async function loadTokenizer(dir: string): Promise<TextTokenizer> {
  const abs = resolve(dir)
  for (const file of ['tokenizer.json', 'tokenizer_config.json']) {
    if (!existsSync(join(abs, file))) {
      throw new TextEngineError('TOKENIZER_NOT_FOUND', `${file} not found in ${abs}`)
    }
  }
  let tok: Tokenizer
  let config: TokenizerConfig
  try {
    const [tokenizerJson, tokenizerConfig] = await Promise.all(
      ['tokenizer.json', 'tokenizer_config.json'].map(async (file) => JSON.parse(await readFile(join(abs, file), 'utf8')) as unknown)
    )
    config = tokenizerConfig as TokenizerConfig
    tok = new Tokenizer(tokenizerJson as object, config)
  } catch (cause) {
    throw new TextEngineError('TOKENIZER_INVALID', `cannot load the tokenizer in ${abs}: ${String(cause)}`, { cause })
  }
  return new HfTextTokenizer(tok, config)
}
