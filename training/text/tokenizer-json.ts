/**
 * Builds a Hugging Face `tokenizer.json` (+ `tokenizer_config.json`) for a BERT WordPiece vocabulary,
 * so `@huggingface/transformers` can load it (the vocabularies in ../shared/tokenizers only ship
 * `vocab.txt`). Settings follow BertTokenizer with do_lower_case=false, strip_accents=false.
 */

const SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const

export interface TokenizerFiles {
  tokenizerJson: Record<string, unknown>
  tokenizerConfig: Record<string, unknown>
}

export function readVocab(text: string): string[] {
  const lines = text.split('\n')
  if (lines[lines.length - 1] === '') lines.pop()
  return lines.map((l) => l.replace(/\r$/, ''))
}

export function buildTokenizerFiles(vocab: readonly string[], extraSpecial: readonly string[] = []): TokenizerFiles {
  const ids = new Map<string, number>()
  vocab.forEach((tok, i) => {
    // Keep the first id of a duplicate line, as BertTokenizer's load_vocab would overwrite with the last;
    // the vocabularies used here have no duplicates (checked by the caller), this is a guard.
    if (!ids.has(tok)) ids.set(tok, i)
  })
  for (const s of SPECIALS) if (!ids.has(s)) throw new Error(`vocabulary lacks ${s}`)
  const idOf = (t: string): number => ids.get(t)!

  const special = [...SPECIALS, ...extraSpecial.filter((t) => ids.has(t))]
  const addedTokens = special
    .map((content) => ({
      id: idOf(content),
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true
    }))
    .sort((a, b) => a.id - b.id)

  const tokenizerJson = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: addedTokens,
    // NFC first: text pasted from macOS/iOS can arrive decomposed (jamo), which would miss every
    // Hangul syllable in the vocabulary. No lower-casing and no accent stripping (that would run NFD).
    normalizer: {
      type: 'Sequence',
      normalizers: [
        { type: 'NFC' },
        { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: false, lowercase: false }
      ]
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } }
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } }
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [idOf('[CLS]')], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [idOf('[SEP]')], tokens: ['[SEP]'] }
      }
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(ids)
    }
  }

  const tokenizerConfig = {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: false,
    strip_accents: false,
    tokenize_chinese_chars: true,
    clean_up_tokenization_spaces: true,
    unk_token: '[UNK]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    cls_token: '[CLS]',
    mask_token: '[MASK]',
    model_max_length: 256,
    padding_side: 'right'
  }
  return { tokenizerJson, tokenizerConfig }
}
