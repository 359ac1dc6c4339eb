/**
 * Text engine speed with the shipped default pack: ms per sentence when sentences are batched (≤ 32
 * per session run, as analyzeText does) against one session run per sentence, a whole diary entry,
 * a 1 MB paste (capped at 2000 sentences), engine load time, and the pack's n-gram part alone (the
 * TypeScript model an ensemble pack runs beside ONNX) against the whole engine.
 * Then: tokenizer load time (against the whole engine load), one sentence of exactly 16, 64 and 256
 * tokens per run, a 20-sentence entry batched against one sentence per run, the pack's size on
 * disk, and the real analysis process's RSS (from /proc) after analysing entries (against a bare Node fork).
 * Run alone with `npx tsx bench/text-model.ts`.
 */
import { fork } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createTextEngine, type TextEngine } from '../src/analysis/text/engine'
import { readTextPack } from '../src/analysis/text/pack'
import { loadTokenizer, type TextTokenizer } from '../src/analysis/text/tokenizer'
import { AnalysisHost } from '../src/main/analysis/host'
import { spawnNodeWorker } from '../src/main/analysis/spawn-node'
import { NgramModel } from '../src/analysis/text/ngram/model'
import { repoRoot } from '../tests/helpers/shared-data'
import { printResults } from './print'
import { medianMs, ratio } from './stats'
import type { BenchResult } from './types'

const PACK = join(repoRoot, 'resources/models/text-default')

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

/** The pack's n-gram part (an `ensemble` pack) alone: features + int8 rows in TypeScript, no ONNX. */
async function ngramLatency(sentences: string[], engineBatched: number): Promise<BenchResult[]> {
  const { manifest, ngramPath } = readTextPack(PACK)
  if (manifest.model?.kind !== 'ensemble' || !ngramPath) {
    console.log('[skip] n-gram part: the default pack has none')
    return []
  }
  const model = NgramModel.load(ngramPath, { ...manifest.model.ngram, labels: manifest.labels.length })
  const perSentence = (await medianMs(async () => sentences.forEach((s) => model.logits(s)), 50, 5)) / sentences.length
  return [
    {
      name: 'text: n-gram part alone (TypeScript, no ONNX), ms/sentence',
      value: perSentence,
      unit: 'ms',
      baseline: { name: 'whole engine, batched', value: engineBatched },
      ratio: ratio(perSentence, engineBatched),
      target: '< 1 ms'
    }
  ]
}

/**
 * A run-on diary sentence whose encoding ([CLS] … [SEP]) is exactly `target` tokens: words from
 * SENTENCES appended while they fit, then a shorter word or a lone '.' (one token) to land on it.
 */
function sentenceOfTokens(tokenizer: TextTokenizer, target: number): string {
  const words = SENTENCES.flatMap((s) => s.split(' '))
  const length = (t: string) => tokenizer.encode(t, 4096).length
  let text = ''
  for (let i = 0; length(text) < target; i++) {
    if (i > 10 * target) throw new Error(`cannot build a ${target}-token sentence`)
    const candidates = [words[i % words.length]!, ...words, '.'].map((w) => (text ? `${text} ${w}` : w))
    text = candidates.find((t) => length(t) <= target) ?? text
  }
  if (length(text) !== target) throw new Error(`built ${length(text)} tokens, wanted ${target}`)
  return text
}

/** ms for one sentence of exactly 16, 64 and 256 tokens per session run (tokenising included). */
async function sentenceLengthLatency(engine: TextEngine, tokenizer: TextTokenizer): Promise<BenchResult[]> {
  const results: BenchResult[] = []
  for (const [tokens, runs] of [
    [16, 300],
    [64, 200],
    [256, 60]
  ] as const) {
    const sentence = sentenceOfTokens(tokenizer, tokens)
    const ms = await medianMs(() => engine.classifySentences([sentence]), runs, 10)
    results.push({
      name: `text: one ${tokens}-token sentence per run (batch of 1, median of ${runs})`,
      value: ms,
      unit: 'ms',
      ...(tokens <= 64 ? { target: '≤ 2 ms' } : {})
    })
  }
  return results
}

/**
 * Medians of two alternatives measured alternately, run by run, so both see the same machine load
 * (this machine is shared: load drifts within seconds).
 */
async function pairedMedians(a: () => Promise<unknown>, b: () => Promise<unknown>, runs: number, warmup = 2): Promise<[number, number]> {
  const times: [number[], number[]] = [[], []]
  for (let i = 0; i < runs + warmup; i++) {
    for (const [k, fn] of [a, b].entries()) {
      const t0 = performance.now()
      await fn()
      if (i >= warmup) times[k]!.push(performance.now() - t0)
    }
  }
  const median = (v: number[]) => v.sort((x, y) => x - y)[Math.floor(v.length / 2)]!
  return [median(times[0]), median(times[1])]
}

/** Bytes of every file under a folder. */
function folderBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => {
    const path = join(dir, e.name)
    return sum + (e.isDirectory() ? folderBytes(path) : e.isFile() ? statSync(path).size : 0)
  }, 0)
}

interface ProcessMemory {
  /** Resident set now, MB. */
  rssMb: number
  /** Peak resident set of this process image (VmHWM), MB. */
  peakMb: number
}

/**
 * RSS of a child from /proc. Not `process.resourceUsage().maxRSS`: on Linux a forked child's
 * maxRSS starts at its parent's high-water mark, so it would report the parent's memory.
 */
function processMemory(pid: number | undefined): ProcessMemory | null {
  if (pid === undefined || !existsSync(`/proc/${pid}/status`)) return null
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN)
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 }
}

/** Memory of a forked Node child that does nothing (the floor any forked process pays). */
async function bareForkMemory(): Promise<ProcessMemory | null> {
  const child = fork('-e', ['process.send("ready"); setInterval(() => {}, 1000)'], { execArgv: [] })
  try {
    await new Promise<void>((ok, fail) => {
      child.once('message', () => ok())
      child.once('error', fail)
    })
    return processMemory(child.pid)
  } finally {
    child.kill()
  }
}

/** The real analysis process (forked as the CLI and harness do): memory when ready, then after analysing entries. */
async function analysisProcessRss(entry: string, sentence64: string): Promise<BenchResult[]> {
  const bare = await bareForkMemory()
  const host = new AnalysisHost({ spawn: spawnNodeWorker() })
  try {
    await host.request('ping', {})
    const idle = processMemory(host.pid)
    for (let i = 0; i < 10; i++) await host.request('analyze-text', { text: entry, packDir: PACK })
    const after = processMemory(host.pid)
    // One 64-token sentence per request, as the app sends a one-sentence entry: engine + IPC.
    const viaProcess = await medianMs(() => host.request('analyze-text', { text: sentence64, packDir: PACK }), 100, 10)
    const ping = await medianMs(() => host.request('ping', {}), 100, 10)
    const latency: BenchResult = {
      name: 'text: one 64-token sentence through the analysis process (request → reply)',
      value: viaProcess,
      unit: 'ms',
      baseline: { name: 'ping round trip', value: ping },
      ratio: ratio(viaProcess, ping),
      target: '≤ 2 ms'
    }
    if (!bare || !idle || !after) {
      console.log('[skip] analysis process RSS: needs /proc (Linux)')
      return []
    }
    return [
      {
        name: 'text: analysis process RSS after analysing a 20-sentence entry ×10',
        value: after.rssMb,
        unit: 'MB',
        baseline: { name: 'bare node child fork', value: bare.rssMb },
        ratio: ratio(after.rssMb, bare.rssMb)
      },
      { name: 'text: analysis process peak RSS (VmHWM) after those analyses', value: after.peakMb, unit: 'MB' },
      { name: 'text: analysis process RSS when ready, before any model (tsx loaded)', value: idle.rssMb, unit: 'MB' },
      latency
    ]
  } finally {
    host.close()
  }
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
      ...(await ngramLatency(batch, batched)),
      ...(await newerFigures(engine, entry))
    ]
  } finally {
    await engine.close()
  }
}

/** Tokenizer load, sentence length, batching of an entry, pack size and process memory. */
async function newerFigures(engine: TextEngine, entry: string): Promise<BenchResult[]> {
  const { tokenizerDir, modelPath } = readTextPack(PACK)
  const [tokenizerMs, engineLoadMs] = await pairedMedians(
    () => loadTokenizer(tokenizerDir),
    async () => (await createTextEngine(PACK)).close(),
    7,
    1
  )
  const tokenizer = await loadTokenizer(tokenizerDir)
  const lengths = await sentenceLengthLatency(engine, tokenizer)
  const single = await createTextEngine(PACK, { threads: 1, batchSize: 1 })
  const [entryBatched, entryOneByOne] = await pairedMedians(
    () => engine.analyzeText(entry),
    () => single.analyzeText(entry),
    40,
    3
  ).finally(() => single.close())
  const packMb = folderBytes(PACK) / 1e6
  const modelMb = statSync(modelPath).size / 1e6
  return [
    {
      name: 'text: tokenizer load (tokenizer.json only)',
      value: tokenizerMs,
      unit: 'ms',
      baseline: { name: 'whole engine load (paired runs)', value: engineLoadMs },
      ratio: ratio(tokenizerMs, engineLoadMs)
    },
    ...lengths,
    {
      name: 'text: 20-sentence entry, batched (analyzeText, ≤ 32 per run; paired runs)',
      value: entryBatched,
      unit: 'ms',
      baseline: { name: 'one sentence per run (batchSize 1)', value: entryOneByOne },
      ratio: ratio(entryBatched, entryOneByOne),
      target: '≤ 60 ms'
    },
    {
      name: 'text: default pack size on disk (manifest, model, n-gram part, tokenizer, card)',
      value: packMb,
      unit: 'MB',
      baseline: { name: 'model.onnx alone', value: modelMb },
      ratio: ratio(packMb, modelMb),
      target: '≤ 15 MB'
    },
    ...(await analysisProcessRss(entry, sentenceOfTokens(tokenizer, 64)))
  ]
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printResults(await benchTextModel())
}
