import { spawn } from 'node:child_process'
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { afterAll, describe, expect, it } from 'vitest'
import { main } from '../../../src/cli/index'
import { openHaruService } from '../../../src/main/api/service'
import type { TextAnalysisResult } from '../../../src/shared/analysis/protocol'
import { repoRoot } from '../../helpers/shared-data'
import { makeTempDir } from '../../helpers/temp-dir'

// Chosen after checking what the shipped default model says: each is its sentence's clear argmax
// (HAPPY 0.63, ANGRY 0.55 with SAD next at 0.27, SAD 0.94).
const HAPPY = '오늘 너무 기쁘고 행복했다.'
const ANGRY = '너무 화가 나서 참을 수가 없었다.'
const SAD = '너무 슬퍼서 눈물이 났다.'
const THREE = `${HAPPY} ${ANGRY} ${SAD}`

const sum = (values: Iterable<number>): number => [...values].reduce((a, b) => a + b, 0)

// Each case starts the real analysis process (tsx + ONNX Runtime): slow on a busy 2-core machine.
describe('haru analyze-text', { timeout: 90_000 }, () => {
  const tmp = makeTempDir()
  afterAll(() => tmp.cleanup())

  async function haru(argv: string[], stdin?: string) {
    const out: string[] = []
    const err: string[] = []
    const input = stdin === undefined ? undefined : Readable.from([stdin])
    const code = await main([...argv, '--data-dir', tmp.dir], (s) => out.push(s), (s) => err.push(s), input)
    return { code, out, err: err.join('\n') }
  }

  it('--json gives sentences with offsets, labels and percentages, as the app stores them', async () => {
    const r = await haru(['analyze-text', THREE, '--json'])
    expect(r).toMatchObject({ code: 0, err: '' })
    const result = JSON.parse(r.out.join('\n')) as TextAnalysisResult
    expect(result.modelId).toBe('haru-text-default-v2')
    expect(result.sentences.map((s) => [s.start, s.end])).toEqual([
      [0, 15],
      [16, 35],
      [36, 50]
    ])
    for (const s of result.sentences) expect(THREE.slice(s.start, s.end)).toBe(s.text)
    expect(result.sentences.map((s) => s.label)).toEqual(['HAPPY', 'ANGRY', 'SAD'])
    expect(result.totalSentences).toBe(3)
    expect(result.truncated).toBe(false)
    expect(sum(Object.values(result.percentages))).toBeCloseTo(100, 6)
    expect(result.percentages).toMatchObject({ HAPPY: 100 / 3, ANGRY: 100 / 3, SAD: 100 / 3 })
    expect(sum(Object.values(result.mix)) * 100).toBeCloseTo(100, 6)
    for (const s of result.sentences) expect(sum(s.probs)).toBeCloseTo(1, 5)

    // The app's own path (entry saved, analysed by the service, stored) gives the same analysis.
    expect((await haru(['profiles', 'add', '지민'])).code).toBe(0)
    expect((await haru(['entries', 'add', '--text', THREE, '--date', '2026-11-24'])).code).toBe(0)
    const app = openHaruService({ dataDir: tmp.dir, appVersion: 't', transport: 'web' })
    try {
      const stored = await app.dispatch('analysis-entry-text', { entryId: 1 })
      if (!stored.ok) throw new Error(stored.error.message)
      const viaApp = stored.data as { modelId: string; sentences: TextAnalysisResult['sentences']; mix: TextAnalysisResult['mix'] }
      expect(viaApp.modelId).toBe(result.modelId)
      expect(viaApp.sentences.map(({ text, start, end, label }) => ({ text, start, end, label }))).toEqual(
        result.sentences.map(({ text, start, end, label }) => ({ text, start, end, label }))
      )
      for (const [e, v] of Object.entries(viaApp.mix)) expect(result.mix[e as keyof typeof result.mix]).toBeCloseTo(v, 6)
    } finally {
      app.close()
    }
  })

  it('prints each sentence with its label and the entry’s percentages without --json', async () => {
    const r = await haru(['analyze-text', THREE])
    expect(r.code).toBe(0)
    expect(r.out[0]).toBe('haru-text-default-v2 · 3 sentences')
    expect(r.out[1]).toMatch(/^ {2}1\. HAPPY +\d+\.\d% {2}\[0–15\] 오늘 너무 기쁘고 행복했다\.$/)
    expect(r.out[2]).toMatch(/2\. ANGRY .*\[16–35\] 너무 화가 나서 참을 수가 없었다\.$/)
    expect(r.out[3]).toMatch(/3\. SAD .*\[36–50\] 너무 슬퍼서 눈물이 났다\.$/)
    expect(r.out[4]).toMatch(/^mix \(length-weighted, neutral sentences left out, uncertain ones at a quarter\): ANGRY \d+\.\d%/)
    expect(r.out[5]).toBe('sentences per label: ANGRY 33.3% · SAD 33.3% · HAPPY 33.3%')
  })

  it('--stdin --jsonl writes one result per input line, an empty line as a result with no sentences', async () => {
    const lines = [ANGRY, '', THREE, SAD]
    const r = await haru(['analyze-text', '--stdin', '--jsonl'], `${lines.join('\n')}\n`)
    expect(r).toMatchObject({ code: 0, err: '' })
    expect(r.out).toHaveLength(lines.length)
    const results = r.out.map((l) => JSON.parse(l) as TextAnalysisResult)
    expect(results.map((x) => x.sentences.length)).toEqual([1, 0, 3, 1])
    expect(results[0]!.sentences[0]!.label).toBe('ANGRY')
    expect(results[1]).toMatchObject({ sentences: [], totalSentences: 0 })
    expect(sum(Object.values(results[1]!.percentages))).toBe(0)
    expect(results[3]!.sentences[0]).toMatchObject({ text: SAD, start: 0, end: SAD.length, label: 'SAD' })
    for (const x of [results[0]!, results[2]!, results[3]!]) expect(sum(Object.values(x.percentages))).toBeCloseTo(100, 6)

    // CRLF input and a last line without a newline keep the count too.
    const crlf = await haru(['analyze-text', '--stdin', '--jsonl', '--model', 'default'], `${HAPPY}\r\n\r\n${SAD}`)
    expect(crlf.out.map((l) => (JSON.parse(l) as TextAnalysisResult).sentences.map((s) => s.label))).toEqual([['HAPPY'], [], ['SAD']])
  })

  it('reads the real standard input when run as a command', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/index.ts', 'analyze-text', '--stdin', '--jsonl', '--data-dir', tmp.dir], {
      cwd: repoRoot,
      stdio: ['pipe', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.stdin.end(`${ANGRY}\n\n${SAD}\n`)
    const code = await new Promise<number | null>((ok) => child.on('close', ok))
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const out = stdout.trimEnd().split('\n')
    expect(out).toHaveLength(3)
    expect(out.map((l) => (JSON.parse(l) as TextAnalysisResult).sentences.map((s) => s.label))).toEqual([['ANGRY'], [], ['SAD']])
  })

  it('refuses an unknown model path, a bad pack and wrong usage clearly', async () => {
    const missing = await haru(['analyze-text', ANGRY, '--model', join(tmp.dir, 'no-such-pack')])
    expect(missing.code).toBe(1)
    expect(missing.err).toMatch(/--model: no model pack at .*no-such-pack/)

    const badJson = join(tmp.dir, 'bad-json')
    mkdirSync(badJson)
    writeFileSync(join(badJson, 'manifest.json'), '{ not json')
    const r1 = await haru(['analyze-text', ANGRY, '--model', badJson])
    expect(r1.code).toBe(1)
    expect(r1.err).toMatch(/manifest\.json: is not valid JSON/)

    // A damaged model.onnx in a pack whose manifest records its size and SHA-256 (as the default's
    // does) is refused before anything runs.
    const badModel = join(tmp.dir, 'bad-model')
    cpSync(join(repoRoot, 'resources/models/text-default'), badModel, { recursive: true })
    writeFileSync(join(badModel, 'model.onnx'), 'not an onnx model')
    const r0 = await haru(['analyze-text', ANGRY, '--model', badModel])
    expect(r0.code).toBe(1)
    expect(r0.err).toMatch(/bad-model.*model\.onnx: has 17 bytes, the manifest says \d+/)
    // Without that record, a manifest that is fine but a model that is not ONNX fails in the analysis process.
    const manifest = JSON.parse(readFileSync(join(badModel, 'manifest.json'), 'utf8')) as Record<string, unknown>
    delete manifest.integrity
    writeFileSync(join(badModel, 'manifest.json'), JSON.stringify(manifest))
    const r2 = await haru(['analyze-text', '--stdin', '--jsonl', '--model', badModel], `${ANGRY}\n`)
    expect(r2).toMatchObject({ code: 1, out: [] })
    expect(r2.err).toMatch(/cannot load .*bad-model.*model\.onnx/)

    const audio = await haru(['analyze-text', ANGRY, '--model', join(repoRoot, 'resources/models/audio-default')])
    expect(audio.code).toBe(1)
    expect(audio.err).toMatch(/is not a text model/)

    expect((await haru(['analyze-text'])).code).toBe(2)
    expect((await haru(['analyze-text', ANGRY, '--stdin'], '')).code).toBe(2)
    expect((await haru(['analyze-text', ANGRY, '--model', 'seed'])).code).toBe(2)
  })
})
