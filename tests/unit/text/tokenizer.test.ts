import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEFAULT_MAX_LENGTH, loadTokenizer, padIds, type TextTokenizer } from '../../../src/analysis/text/tokenizer'
import { TextEngineError } from '../../../src/analysis/text/errors'
import { buildTokenizerFiles, readVocab } from '../../../training/text/tokenizer-json'
import { hasShared, repoRoot, sharedPath } from '../../helpers/shared-data'

const TOKENIZER_DIR = join(repoRoot, 'resources/models/text-default/tokenizer')
const CLS = 2
const SEP = 3
const PAD = 0
const UNK = 1

let tok: TextTokenizer
beforeAll(async () => {
  tok = await loadTokenizer(TOKENIZER_DIR)
})

// Pinned to the default pack's tokenizer.json (KcELECTRA pruned to this round's training text, 34,124 tokens).
describe('default pack tokenizer (pruned KcELECTRA WordPiece)', () => {
  it('exposes the special ids of the vocabulary', () => {
    expect(tok.padId).toBe(PAD)
    expect(tok.unkId).toBe(UNK)
    expect(tok.vocabSize).toBe(34124)
  })

  it('encodes Korean sentences to pinned ids with [CLS] … [SEP]', () => {
    expect(tok.tokenize('오늘은 정말 행복한 하루였다.')).toEqual(['오늘은', '정말', '행복한', '하루', '##였다', '.'])
    expect(tok.encode('오늘은 정말 행복한 하루였다.')).toEqual([CLS, 15941, 8055, 17691, 8509, 9761, 18, SEP])
    expect(tok.encode('너무 화가 나서 잠이 안 온다')).toEqual([CLS, 8070, 10264, 8960, 2780, 4012, 2434, 14592, SEP])
  })

  it('encodes emoji: a known one by itself, an unknown cluster as one [UNK]', () => {
    expect(tok.tokenize('생일 축하해 🎂🎉 사랑해 ❤️')).toEqual(['생일', '축하', '##해', '[UNK]', '사랑', '##해', '❤', '##️'])
    expect(tok.encode('생일 축하해 🎂🎉 사랑해 ❤️')).toEqual([CLS, 23638, 10449, 4025, UNK, 8873, 4025, 22096, 22410, SEP])
  })

  it('encodes mixed Korean / English / numbers without lower-casing or splitting syllables', () => {
    const text = '오늘 Netflix에서 영화 2편 봤음 ㅋㅋ 3.5점!'
    expect(tok.tokenize(text)).toEqual(
      ['오늘', 'Net', '##fl', '##ix', '##에서', '영화', '2', '##편', '봤', '##음', 'ㅋㅋ', '3', '.', '5', '##점', '!']
    )
    expect(tok.encode(text)).toEqual(
      [CLS, 8582, 33131, 29660, 27274, 7979, 9404, 22, 4228, 1755, 4268, 7978, 23, 18, 25, 4301, 5, SEP]
    )
  })

  it('keeps accents (no NFD accent stripping) and rare syllables as characters, not [UNK]', () => {
    expect(tok.tokenize('Café 모카 1,500원')).toEqual(['C', '##af', '##é', '모', '##카', '1', ',', '500', '##원'])
    expect(tok.encode('뷁쉙')).toEqual([CLS, 1808, 7038, SEP])
  })

  it('gives decomposed (NFD, jamo) input the same ids as composed text', () => {
    const text = '오늘은 정말 행복한 하루였다.'
    expect(text.normalize('NFD')).not.toBe(text)
    expect(tok.encode(text.normalize('NFD'))).toEqual(tok.encode(text))
  })

  it('encodes empty text as just [CLS] [SEP]', () => {
    expect(tok.encode('')).toEqual([CLS, SEP])
    expect(tok.encode('   ')).toEqual([CLS, SEP])
  })

  it('truncates over-long input at 256 tokens, keeping [SEP] last', () => {
    const text = '오늘은 정말 행복한 하루였다. '.repeat(60) // 6 content tokens each → 360 + 2
    const ids = tok.encode(text)
    expect(ids).toHaveLength(DEFAULT_MAX_LENGTH)
    expect(ids[0]).toBe(CLS)
    expect(ids[255]).toBe(SEP)
    expect(ids.slice(1, 7)).toEqual([15941, 8055, 17691, 8509, 9761, 18])
    // Content before [SEP] is the untruncated sequence's prefix.
    expect(ids[254]).toBe(tok.encode(text, 4096)[254])
    expect(tok.encode(text, 16)).toEqual([CLS, 15941, 8055, 17691, 8509, 9761, 18, 15941, 8055, 17691, 8509, 9761, 18, 15941, 8055, SEP])
  })

  it('does not truncate input that fits exactly', () => {
    const ids = tok.encode('오늘은 정말 행복한 하루였다.', 8)
    expect(ids).toEqual([CLS, 15941, 8055, 17691, 8509, 9761, 18, SEP])
  })
})

describe('encodeBatch', () => {
  it('pads dynamically to the longest row with int64 ids and masks', () => {
    const batch = tok.encodeBatch(['오늘은 정말 행복한 하루였다.', '뷁쉙', ''])
    expect(batch.batchSize).toBe(3)
    expect(batch.seqLength).toBe(8)
    expect(batch.lengths).toEqual([8, 4, 2])
    expect(batch.inputIds).toBeInstanceOf(BigInt64Array)
    expect(Array.from(batch.inputIds, Number)).toEqual([
      CLS, 15941, 8055, 17691, 8509, 9761, 18, SEP,
      CLS, 1808, 7038, SEP, PAD, PAD, PAD, PAD,
      CLS, SEP, PAD, PAD, PAD, PAD, PAD, PAD
    ])
    expect(Array.from(batch.attentionMask, Number)).toEqual([
      1, 1, 1, 1, 1, 1, 1, 1,
      1, 1, 1, 1, 0, 0, 0, 0,
      1, 1, 0, 0, 0, 0, 0, 0
    ])
  })

  it('caps every row at maxLength', () => {
    const long = '가 '.repeat(1000)
    const batch = tok.encodeBatch([long, '짧다'], 256)
    expect(batch.seqLength).toBe(256)
    expect(batch.lengths).toEqual([256, 4])
    expect(batch.inputIds[255]).toBe(BigInt(SEP))
  })

  it('returns an empty batch for no texts', () => {
    const batch = tok.encodeBatch([])
    expect(batch).toMatchObject({ batchSize: 0, seqLength: 0, lengths: [] })
    expect(batch.inputIds.length).toBe(0)
  })

  it('padIds pads with the given pad id', () => {
    const b = padIds([[5], [6, 7, 8]], 9)
    expect(Array.from(b.inputIds, Number)).toEqual([5, 9, 9, 6, 7, 8])
    expect(Array.from(b.attentionMask, Number)).toEqual([1, 0, 0, 1, 1, 1])
  })

  it('rejects a nonsensical maxLength with a typed error', () => {
    expect(() => tok.encodeBatch(['가'], 1)).toThrow(TextEngineError)
    try {
      tok.encode('가', 2.5)
      expect.unreachable()
    } catch (e) {
      expect((e as TextEngineError).code).toBe('INVALID_INPUT')
    }
  })
})

describe('loadTokenizer errors', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'haru-tok-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('reports a missing tokenizer as TOKENIZER_NOT_FOUND (never a hub download)', async () => {
    await expect(loadTokenizer(dir)).rejects.toMatchObject({ code: 'TOKENIZER_NOT_FOUND' })
  })

  it('reports a corrupt tokenizer.json as TOKENIZER_INVALID', async () => {
    writeFileSync(join(dir, 'tokenizer.json'), '{ not json')
    writeFileSync(join(dir, 'tokenizer_config.json'), readFileSync(join(TOKENIZER_DIR, 'tokenizer_config.json')))
    await expect(loadTokenizer(dir)).rejects.toMatchObject({ code: 'TOKENIZER_INVALID' })
  })
})

describe('shipped tokenizer files', () => {
  const json = JSON.parse(readFileSync(join(TOKENIZER_DIR, 'tokenizer.json'), 'utf8'))
  it('never lower-cases or strips accents, and composes Hangul (NFC) first', () => {
    expect(json.normalizer.normalizers[0]).toEqual({ type: 'NFC' })
    expect(json.normalizer.normalizers[1]).toMatchObject({ type: 'BertNormalizer', lowercase: false, strip_accents: false })
  })
  it('keeps the licence beside the vocabulary', () => {
    expect(readFileSync(join(TOKENIZER_DIR, 'LICENSE'), 'utf8')).toContain('Copyright (c) 2021 Junbum Lee')
  })
})

describe.skipIf(!hasShared('tokenizers/kcelectra-base'))('build-tokenizer on the full KcELECTRA vocabulary', () => {
  let dir: string
  let full: TextTokenizer
  let vocab: string[]
  beforeAll(async () => {
    vocab = readVocab(readFileSync(sharedPath('tokenizers/kcelectra-base/vocab.txt'), 'utf8'))
    const files = buildTokenizerFiles(vocab)
    dir = mkdtempSync(join(tmpdir(), 'haru-kc-'))
    writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(files.tokenizerJson))
    writeFileSync(join(dir, 'tokenizer_config.json'), JSON.stringify(files.tokenizerConfig))
    full = await loadTokenizer(dir)
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const sentences = ['오늘은 정말 행복한 하루였다.', '너무 화가 나서 잠이 안 온다', '오늘 Netflix에서 영화 2편 봤음 ㅋㅋ 3.5점!']

  it('gives every token the id of its line in vocab.txt', () => {
    expect(full.vocabSize).toBe(50135)
    for (const s of sentences) {
      const ids = full.encode(s)
      expect(ids.slice(1, -1).map((id) => vocab[id])).toEqual(full.tokenize(s))
    }
    expect(full.encode('오늘은')).toEqual([2, vocab.indexOf('오늘은'), 3])
  })

  it('splits these sentences into the same pieces as the pruned shipped tokenizer', () => {
    for (const s of sentences) expect(tok.tokenize(s)).toEqual(full.tokenize(s))
  })
})
