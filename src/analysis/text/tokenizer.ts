/**
 * Tokenizer for text model packs: any Hugging Face `tokenizer.json` + `tokenizer_config.json` pair
 * (the default pack's BERT WordPiece, or an imported official pack's RoBERTa/KLUE tokenizer), loaded
 * through @huggingface/transformers from local files only — the app never reaches a model hub.
 */
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { AutoTokenizer, env, type PreTrainedTokenizer } from '@huggingface/transformers'
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

function configureLocalOnly(dir: string): void {
  // A model id would be resolved against the hub; an absolute directory never is, and with remote
  // models off a missing file is an error instead of a download attempt. No file cache either:
  // the files already are local, and the library's default cache lives inside node_modules.
  env.allowRemoteModels = false
  env.allowLocalModels = true
  env.localModelPath = dir
  env.useFSCache = false
  env.useBrowserCache = false
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

  constructor(private readonly tok: PreTrainedTokenizer) {
    const pad = tok.pad_token_id
    if (typeof pad !== 'number') throw new TextEngineError('TOKENIZER_INVALID', 'tokenizer has no pad token')
    this.padId = pad
    this.unkId = typeof tok.unk_token_id === 'number' ? tok.unk_token_id : null
    this.vocabSize = tok.get_vocab().size
    this.specialIds = new Set(tok.all_special_ids)
  }

  encode(text: string, maxLength = DEFAULT_MAX_LENGTH): number[] {
    checkMaxLength(maxLength)
    if (typeof text !== 'string') throw new TextEngineError('INVALID_INPUT', 'text must be a string')
    const ids = this.tok.encode(text)
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
    return this.tok.tokenize(text)
  }
}

export async function loadTokenizer(dir: string): Promise<TextTokenizer> {
  const abs = resolve(dir)
  for (const file of ['tokenizer.json', 'tokenizer_config.json']) {
    if (!existsSync(join(abs, file))) {
      throw new TextEngineError('TOKENIZER_NOT_FOUND', `${file} not found in ${abs}`)
    }
  }
  configureLocalOnly(abs)
  let tok: PreTrainedTokenizer
  try {
    tok = await AutoTokenizer.from_pretrained(abs, { local_files_only: true })
  } catch (cause) {
    throw new TextEngineError('TOKENIZER_INVALID', `cannot load the tokenizer in ${abs}: ${String(cause)}`, { cause })
  }
  return new HfTextTokenizer(tok)
}
