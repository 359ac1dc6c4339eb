import { readFileSync } from 'node:fs'
import * as ort from 'onnxruntime-node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeWav, seedModelInput } from '../../../src/shared/audio'
import { loadPack } from '../../../src/main/models/packs'
import { importSeedPack, type SeedExpectation } from '../../helpers/seed-pack'
import { hasShared, sharedPath } from '../../helpers/shared-data'
import { makeTempDir } from '../../helpers/temp-dir'

/**
 * The whole seed pipeline in TypeScript: our WAV reader → our MFCC → our normalisation → the ONNX
 * graph our importer wrote from the .pth. Its logits must match what PyTorch + librosa computed.
 */
describe.skipIf(!hasShared('fixtures/audio') || !hasShared('models/seed-audio'))('seed pipeline parity (TS MFCC → imported ONNX)', () => {
  const tmp = makeTempDir()
  let session: ort.InferenceSession
  const expected = JSON.parse(readFileSync(sharedPath('fixtures/audio/seed-model.expected.json'), 'utf8')) as {
    fixtures: Record<string, SeedExpectation>
  }
  const baselines = JSON.parse(readFileSync(sharedPath('models/seed-audio/baselines.json'), 'utf8')) as Record<
    'MALE' | 'FEMALE',
    { mean: number[]; std: number[] }
  >

  beforeAll(async () => {
    const pack = await loadPack(await importSeedPack(tmp.dir))
    session = await ort.InferenceSession.create(pack.modelPath)
  })
  afterAll(async () => {
    await session?.release()
    tmp.cleanup()
  })

  it('matches seed-model.expected.json on every fixture and both baselines (|Δlogit| ≤ 1e-4)', async () => {
    const rows: string[] = []
    let worstLogit = 0
    let worstProb = 0
    const names = Object.keys(expected.fixtures).sort()
    expect(names).toHaveLength(16)
    for (const name of names) {
      const wav = decodeWav(new Uint8Array(readFileSync(sharedPath('fixtures/audio', name))))
      expect(wav.sampleRate).toBe(expected.fixtures[name]!.sr)
      for (const gender of ['MALE', 'FEMALE'] as const) {
        const input = seedModelInput(wav.samples, wav.sampleRate, baselines[gender])
        const out = await session.run({ input: new ort.Tensor('float32', input, [1, 13, 100]) })
        const logits = Array.from(out.logits!.data as Float32Array)
        const want = expected.fixtures[name]![gender]
        const dLogit = Math.max(...logits.map((v, i) => Math.abs(v - want.logits[i]!)))
        const max = Math.max(...logits)
        const exps = logits.map((v) => Math.exp(v - max))
        const sum = exps.reduce((a, b) => a + b, 0)
        const dProb = Math.max(...exps.map((e, i) => Math.abs(e / sum - want.probs[i]!)))
        worstLogit = Math.max(worstLogit, dLogit)
        worstProb = Math.max(worstProb, dProb)
        rows.push(`${name.padEnd(36)} ${gender.padEnd(6)} |Δlogit| ${dLogit.toExponential(2)}  |Δprob| ${dProb.toExponential(2)}`)
        expect(dLogit, `${name} ${gender}`).toBeLessThanOrEqual(1e-4)
        expect(dProb, `${name} ${gender}`).toBeLessThanOrEqual(1e-5)
      }
    }
    console.log(`${rows.join('\n')}\nworst |Δlogit| ${worstLogit.toExponential(2)}, worst |Δprob| ${worstProb.toExponential(2)}`)
  })
})
