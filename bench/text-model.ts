/**
 * Text engine speed with the shipped default pack: ms per sentence when sentences are batched (≤ 32
 * per session run, as analyzeText does) against one session run per sentence, a whole diary entry,
 * a 1 MB paste (capped at 2000 sentences), engine load time, and — when it was trained locally
 * (training/text/train_ngram.py) — the n-gram baseline's ms per sentence for comparison.
 * Run alone with `npx tsx bench/text-model.ts`.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import * as ort from 'onnxruntime-node'
import { createTextEngine } from '../src/analysis/text/engine'
import { ngramFeatures } from '../training/text/ngram-features'
import { repoRoot } from '../tests/helpers/shared-data'
import { printResults } from './print'
import { medianMs, ratio } from './stats'
import type { BenchResult } from './types'

const PACK = join(repoRoot, 'resources/models/text-default')
const NGRAM = join(repoRoot, 'training/.cache/text/ngram/model.onnx')

const SENTENCES = [
  '오늘은 아침부터 비가 와서 기분이 조금 가라앉았다.',
  '회사에서 발표를 했는데 생각보다 잘 끝나서 뿌듯했다!',
  '점심에 친구랑 맛있는 파스타를 먹었다.',
  '팀장님이 또 말도 안 되는 일을 시켜서 정말 화가 났다.',
  '집에 오는 길에 강아지를 봤는데 너무 귀여웠어 ㅋㅋ',
  '내일 시험인데 아직 공부를 하나도 못 해서 불안하다.',
  '엄마랑 통화하다가 괜히 눈물이 났다.',
  '갑자기 옛날 친구한테 연락이 와서 깜짝 놀랐다.',
  '저녁은 대충 라면으로 때웠다.',
  '요즘 잠을 잘 못 자서 너무 피곤하다...',
  '그래도 내일은 주말이니까 조금 설렌다~',
  '길에서 쓰레기를 함부로 버리는 사람을 보고 역겨웠다.'
]

function diaryEntry(sentences: number): string {
  return Array.from({ length: sentences }, (_, i) => SENTENCES[i % SENTENCES.length]).join(' ')
}

async function ngramLatency(sentences: string[], transformerBatched: number): Promise<BenchResult[]> {
  if (!existsSync(NGRAM)) {
    console.log(`[skip] n-gram baseline: ${NGRAM} absent (run training/text/train_ngram.py to compare)`)
    return []
  }
  const session = await ort.InferenceSession.create(NGRAM, { intraOpNumThreads: 1, interOpNumThreads: 1 })
  const run = (batch: string[]) => {
    const feats = batch.map(ngramFeatures)
    const n = Math.max(...feats.map((f) => f.length))
    const ids = new BigInt64Array(batch.length * n)
    feats.forEach((f, b) => f.forEach((v, i) => (ids[b * n + i] = BigInt(v))))
    return session.run({ ngram_ids: new ort.Tensor('int64', ids, [batch.length, n]) })
  }
  const batched = (await medianMs(() => run(sentences), 30, 3)) / sentences.length
  await session.release()
  return [
    {
      name: 'text: n-gram baseline, ms/sentence (batch of 32, incl. hashing)',
      value: batched,
      unit: 'ms',
      baseline: { name: 'transformer batched', value: transformerBatched },
      ratio: ratio(batched, transformerBatched)
    }
  ]
}

export async function benchTextModel(): Promise<BenchResult[]> {
  const loadMs = await medianMs(async () => (await createTextEngine(PACK)).close(), 5, 1)
  const engine = await createTextEngine(PACK, { threads: 1 })
  try {
    const batch = Array.from({ length: 32 }, (_, i) => SENTENCES[i % SENTENCES.length]!)
    const batched = (await medianMs(() => engine.classifySentences(batch), 30, 3)) / batch.length
    const oneByOne =
      (await medianMs(
        async () => {
          for (const s of batch) await engine.classifySentences([s])
        },
        10,
        2
      )) / batch.length
    const entry = diaryEntry(20)
    const entryMs = await medianMs(() => engine.analyzeText(entry), 20, 3)
    const huge = diaryEntry(40_000) // ≈ 1.04 M UTF-16 code units
    const hugeMs = await medianMs(() => engine.analyzeText(huge), 3, 1)
    return [
      {
        name: 'text: transformer ms/sentence, batched (32 per run)',
        value: batched,
        unit: 'ms',
        baseline: { name: 'one sentence per run', value: oneByOne },
        ratio: ratio(batched, oneByOne),
        target: 'batched < one-by-one'
      },
      { name: 'text: analyzeText, 20-sentence diary entry', value: entryMs, unit: 'ms', target: '≤ 100 ms' },
      {
        name: `text: analyzeText, ${(huge.length / 1e6).toFixed(2)}M-char paste (capped at 2000 sentences)`,
        value: hugeMs,
        unit: 'ms'
      },
      { name: 'text: engine load (tokenizer + ONNX session)', value: loadMs, unit: 'ms' },
      ...(await ngramLatency(batch, batched))
    ]
  } finally {
    await engine.close()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printResults(await benchTextModel())
}
