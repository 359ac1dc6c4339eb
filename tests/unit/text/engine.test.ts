import { createHash } from 'node:crypto'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CANONICAL_EMOTIONS } from '../../../src/shared/emotions'
import { modelManifestSchema } from '../../../src/shared/models/manifest'
import { createTextEngine, type TextEngine } from '../../../src/analysis/text/engine'
import { TextEngineError } from '../../../src/analysis/text/errors'
import { repoRoot } from '../../helpers/shared-data'

const PACK = join(repoRoot, 'resources/models/text-default')
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0)

let engine: TextEngine
beforeAll(async () => {
  engine = await createTextEngine(PACK)
})
afterAll(async () => {
  await engine.close()
})

describe('shipped default text pack', () => {
  it('has a valid manifest whose sha256 matches model.onnx', () => {
    const manifest = modelManifestSchema.parse(JSON.parse(readFileSync(join(PACK, 'manifest.json'), 'utf8')))
    expect(manifest.kind).toBe('text')
    expect(manifest.labels).toEqual([...CANONICAL_EMOTIONS])
    const sha = createHash('sha256').update(readFileSync(join(PACK, 'model.onnx'))).digest('hex')
    expect(manifest.provenance.modelSha256).toBe(sha)
  })

  // Issue 10's budget for the default pack (ONNX transformer + n-gram model + tokenizer): 15 MB.
  it('stays under 15 MB in total', () => {
    const size = (dir: string): number =>
      readdirSync(dir, { withFileTypes: true }).reduce(
        (a, e) => a + (e.isDirectory() ? size(join(dir, e.name)) : statSync(join(dir, e.name)).size),
        0
      )
    expect(size(PACK)).toBeLessThan(15 * 1000 * 1000)
  })
})

describe('analyzeText on the real ONNX model', () => {
  it('labels a clearly happy and a clearly angry sentence (pinned probabilities)', async () => {
    const text = '오늘 친구가 깜짝 생일 파티를 해줘서 정말 행복하고 고마웠다. 그런데 버스 기사가 욕을 해서 진짜 화가 나고 짜증났다.'
    const r = await engine.analyzeText(text)
    expect(r.sentences.map((s) => s.label)).toEqual(['HAPPY', 'ANGRY'])
    const [happy, angry] = r.sentences as [(typeof r.sentences)[0], (typeof r.sentences)[0]]
    expect(happy.probs[3]).toBeGreaterThan(0.6)
    expect(angry.probs[0]).toBeGreaterThan(0.8)
    expect(happy.canonical.HAPPY).toBeCloseTo(happy.probs[3]!, 6)
    PINNED.forEach((p, i) => {
      r.sentences[i]!.probs.forEach((v, j) => expect(v).toBeCloseTo(p[j]!, 4))
    })
  })

  it('labels clear sad, fear, disgust and surprise sentences', async () => {
    const r = await engine.analyzeText('너무 슬퍼서 울었다. 시험에 떨어질까 봐 너무 무섭고 불안하다. 진짜 역겹고 더럽다. 깜짝 놀랐다.')
    expect(r.sentences.map((s) => s.label)).toEqual(['SAD', 'FEAR', 'DISGUST', 'SURPRISE'])
    for (const s of r.sentences) expect(Math.max(...s.probs)).toBeGreaterThan(0.8)
  })

  it('returns offsets into the original text for every sentence', async () => {
    const text = '  오늘은 좋았다.\n\n그런데… 내일이 걱정된다 ㅠㅠ 왜 이럴까?! "괜찮아"라고 말해줘.  '
    const r = await engine.analyzeText(text)
    expect(r.sentences.map((s) => s.text)).toEqual(['오늘은 좋았다.', '그런데…', '내일이 걱정된다 ㅠㅠ 왜 이럴까?!', '"괜찮아"라고 말해줘.'])
    for (const s of r.sentences) expect(text.slice(s.start, s.end)).toBe(s.text)
    expect(r.sentences[0]!.start).toBe(2)
  })

  it('gives the same probabilities batched as one by one (≤ 1e-5)', async () => {
    const sentences = [
      '짧다.',
      '오늘은 아침부터 비가 와서 기분이 조금 가라앉았지만 오후에는 햇살이 비쳐서 산책을 다녀왔다.',
      '팀장님이 또 말도 안 되는 일을 시켜서 정말 화가 났다!',
      '내일 시험인데 아직 공부를 하나도 못 해서 너무 불안하다',
      '엄마랑 통화하다가 괜히 눈물이 났다.',
      '헐 대박 ㅋㅋㅋ 진짜?',
      'I am so happy today 😀',
      '그냥 그랬다'
    ]
    const batched = await engine.classifySentences(sentences)
    for (let i = 0; i < sentences.length; i++) {
      const [alone] = await engine.classifySentences([sentences[i]!])
      alone!.forEach((v, j) => expect(Math.abs(v - batched[i]![j]!)).toBeLessThanOrEqual(1e-5))
    }
    // Order of the output follows the input even though batches are sorted by length inside.
    expect(batched.map((p) => p.indexOf(Math.max(...p)))).toEqual(
      (await Promise.all(sentences.map((s) => engine.classifySentences([s])))).map(([p]) => p!.indexOf(Math.max(...p!)))
    )
  })

  it('splits work into session runs of at most batchSize without changing results', async () => {
    const small = await createTextEngine(PACK, { batchSize: 3 })
    try {
      const text = Array.from({ length: 10 }, (_, i) => `오늘은 ${i + 1}번째로 정말 즐거운 일이 있었다.`).join(' ')
      const a = await small.analyzeText(text)
      const b = await engine.analyzeText(text)
      expect(a.sentences).toHaveLength(10)
      a.sentences.forEach((s, i) => s.probs.forEach((v, j) => expect(v).toBeCloseTo(b.sentences[i]!.probs[j]!, 5)))
    } finally {
      await small.close()
    }
  })

  it('summarises the entry: percentages sum to 100, canonical distributions sum to 1', async () => {
    const text = '정말 행복했다. 너무 슬퍼서 울었다. 화가 나서 참을 수가 없었다! 깜짝 놀랐다. 그냥 밥을 먹었다.'
    const r = await engine.analyzeText(text)
    expect(r.sentences).toHaveLength(5)
    expect(sum(Object.values(r.percentages))).toBeCloseTo(100, 10)
    for (const v of Object.values(r.percentages)) expect(v % 20).toBeCloseTo(0, 10) // 5 sentences → multiples of 20 %
    for (const s of r.sentences) {
      expect(sum(s.probs)).toBeCloseTo(1, 5)
      expect(sum(Object.values(s.canonical))).toBeCloseTo(1, 5)
      expect(s.canonical[s.label as keyof typeof s.canonical]).toBeCloseTo(Math.max(...s.probs), 5)
    }
    expect(sum(r.meanProbs)).toBeCloseTo(1, 5)
    CANONICAL_EMOTIONS.forEach((e, i) => {
      expect(r.meanProbs[i]).toBeCloseTo(sum(r.sentences.map((s) => s.probs[i]!)) / 5, 10)
      expect(r.canonical![e]).toBeCloseTo(r.meanProbs[i]!, 5)
    })
    expect(r.labels).toEqual([...CANONICAL_EMOTIONS])
    expect(r.truncated).toBe(false)
    expect(r.totalSentences).toBe(5)
  })

  it('returns an empty result (not an error) for empty or whitespace text', async () => {
    for (const text of ['', '   \n\t  ']) {
      const r = await engine.analyzeText(text)
      expect(r.sentences).toEqual([])
      expect(r.canonical).toBeNull()
      expect(sum(Object.values(r.percentages))).toBe(0)
      expect(r.totalSentences).toBe(0)
    }
  })

  it('caps a 1 MB paste at maxSentences and says so', async () => {
    const capped = await createTextEngine(PACK, { maxSentences: 40 })
    try {
      const huge = '오늘은 정말 행복한 하루였다. '.repeat(60_000) // ≈ 1 MB of UTF-16
      const r = await capped.analyzeText(huge)
      expect(r.sentences).toHaveLength(40)
      expect(r.truncated).toBe(true)
      expect(r.totalSentences).toBe(60_000)
      expect(sum(Object.values(r.percentages))).toBeCloseTo(100, 10)
      expect(r.sentences[39]!.end).toBeLessThan(huge.length)
    } finally {
      await capped.close()
    }
  })

  it('analyses one unbroken over-long sentence in 500-char pieces instead of dropping text', async () => {
    const text = '행복 '.repeat(1000)
    const r = await engine.analyzeText(text)
    expect(r.sentences.length).toBe(7) // 2,999 chars wrapped at the last space within each 500
    for (const s of r.sentences) expect(s.text.length).toBeLessThanOrEqual(500)
    expect(sum(r.sentences.map((s) => s.text.split('행복').length - 1))).toBe(1000)
  })
})

describe('text engine errors', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'haru-textpack-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('PACK_NOT_FOUND for a folder without manifest.json', async () => {
    await expect(createTextEngine(dir)).rejects.toMatchObject({ name: 'TextEngineError', code: 'PACK_NOT_FOUND' })
  })

  it('PACK_INVALID for a manifest that is not a text pack or not valid', async () => {
    cpSync(PACK, dir, { recursive: true })
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, canonicalMatrix: [[1]] }))
    await expect(createTextEngine(dir)).rejects.toMatchObject({ code: 'PACK_INVALID' })
    writeFileSync(join(dir, 'manifest.json'), '{oops')
    await expect(createTextEngine(dir)).rejects.toMatchObject({ code: 'PACK_INVALID' })
  })

  it('PACK_INVALID when the manifest names an input the model lacks', async () => {
    cpSync(PACK, dir, { recursive: true })
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))
    manifest.input.inputNames = ['input_ids', 'attention_mask', 'token_type_ids']
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest))
    await expect(createTextEngine(dir)).rejects.toMatchObject({ code: 'PACK_INVALID' })
  })

  it('MODEL_LOAD_FAILED for a corrupt model.onnx', async () => {
    cpSync(PACK, dir, { recursive: true })
    writeFileSync(join(dir, 'model.onnx'), 'not a model')
    await expect(createTextEngine(dir)).rejects.toMatchObject({ code: 'MODEL_LOAD_FAILED' })
  })

  it('INVALID_INPUT for non-string text and bad options; ENGINE_CLOSED after close', async () => {
    await expect(engine.analyzeText(42 as unknown as string)).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    await expect(engine.classifySentences([null as unknown as string])).rejects.toBeInstanceOf(TextEngineError)
    await expect(createTextEngine(PACK, { batchSize: 0 })).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    const e = await createTextEngine(PACK)
    await e.close()
    await expect(e.analyzeText('좋다')).rejects.toMatchObject({ code: 'ENGINE_CLOSED' })
  })
})

/** Probabilities of the two sentences in the first test, from the shipped model (update with the model). */
const PINNED: number[][] = [
  [0.00028, 0.00097, 0.00025, 0.98629, 0.00005, 0.01051, 0.00164],
  [0.99991, 0.00001, 0.00005, 0.00001, 0, 0, 0.00002]
]
