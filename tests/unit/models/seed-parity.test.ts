import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as ort from 'onnxruntime-node'
import { softmax } from '../../../src/shared/emotions'
import { importSeedAudioModel } from '../../../src/main/models/seed-import/import-seed'
import { buildSeedAudioOnnx, SEED_DEBUG_OUTPUTS } from '../../../src/main/models/seed-import/seed-graph'
import { readTorchStateDict } from '../../../src/main/models/seed-import/torch-checkpoint'
import { hasShared, sharedPath } from '../../helpers/shared-data'
import {
  expectedOutputs,
  fixtureMfcc,
  fixtureNames,
  FIXTURES_DIR,
  maxAbsDiff,
  runModel,
  SEED_DIR,
  seedBaselines,
  seedInput,
  type Gender
} from './helpers/seed-fixtures'

const available = hasShared(SEED_DIR, 'pytorch_model.pth') && hasShared(FIXTURES_DIR, 'seed-model.expected.json')

describe.skipIf(!available)('seed audio model: imported ONNX vs PyTorch reference outputs', () => {
  let tmp: string
  let session: ort.InferenceSession
  const worst = { logit: { err: 0, where: '' }, prob: { err: 0, where: '' } }

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'haru-seed-parity-'))
    const { packDir } = await importSeedAudioModel({
      pthPath: sharedPath(SEED_DIR, 'pytorch_model.pth'),
      labelsPath: sharedPath(SEED_DIR, 'labels.json'),
      baselines: { jsonPath: sharedPath(SEED_DIR, 'baselines.json') },
      outDir: join(tmp, 'seed-audio')
    })
    session = await ort.InferenceSession.create(join(packDir, 'model.onnx'))
  })

  afterAll(async () => {
    await session?.release()
    if (tmp) rmSync(tmp, { recursive: true, force: true })
    console.log(
      `[seed parity] worst |Δlogit| = ${worst.logit.err.toExponential(3)} (${worst.logit.where}); ` +
        `worst |Δprob| = ${worst.prob.err.toExponential(3)} (${worst.prob.where})`
    )
  })

  const names = available ? fixtureNames() : []
  it('covers all 16 fixtures', () => {
    expect(names).toHaveLength(16)
    expect(Object.keys(expectedOutputs()).sort()).toEqual(names)
  })

  it.each(names)('%s: logits within 1e-4 and probabilities within 1e-6, for MALE and FEMALE', async (name) => {
    const expected = expectedOutputs()[name]!
    const mfcc = fixtureMfcc(name)
    expect(mfcc).toHaveLength(expected.frames)
    // JSON holds shortest float32 decimals: compare as float32 values.
    const f32 = (rows: number[][]) => rows.map((r) => r.map(Math.fround))
    expect(f32(mfcc.slice(0, 3))).toEqual(f32(expected.features_first3))
    for (const gender of ['MALE', 'FEMALE'] as Gender[]) {
      const ref = expected[gender]
      const { input, delta } = seedInput(mfcc, seedBaselines()[gender])
      // The input itself must be bit-identical to the reference before the model is judged.
      expect(delta.slice(0, 3)).toEqual(f32(ref.delta_first3))
      expect(delta[99]).toEqual(ref.delta_last_row.map(Math.fround))

      const logits = (await runModel(session, input)).logits!
      const probs = softmax(logits)
      const logitErr = maxAbsDiff(logits, ref.logits)
      const probErr = maxAbsDiff(probs, ref.probs)
      if (logitErr > worst.logit.err) worst.logit = { err: logitErr, where: `${name} ${gender}` }
      if (probErr > worst.prob.err) worst.prob = { err: probErr, where: `${name} ${gender}` }
      expect(logitErr).toBeLessThanOrEqual(1e-4)
      expect(probErr).toBeLessThanOrEqual(1e-6)
    }
  })

  it('matches the M0001 MALE intermediate activations (pool2 frame 0, BiLSTM h_n, dense1)', async () => {
    const state = readTorchStateDict(new Uint8Array(readFileSync(sharedPath(SEED_DIR, 'pytorch_model.pth'))))
    const debug = await ort.InferenceSession.create(buildSeedAudioOnnx(state, { exposeIntermediates: true }))
    try {
      const ref = expectedOutputs()['M0001_114169.wav']!.MALE.intermediates!
      const out = await runModel(debug, seedInput(fixtureMfcc('M0001_114169.wav'), seedBaselines().MALE).input)
      const pool2 = out[SEED_DEBUG_OUTPUTS.pool2]!
      expect(pool2).toHaveLength(128 * 25)
      const pool2Frame0 = Array.from({ length: 128 }, (_, c) => pool2[c * 25]!)
      expect(maxAbsDiff(pool2Frame0, ref.pool2_out_frame0)).toBeLessThanOrEqual(1e-5)
      expect(maxAbsDiff(out[SEED_DEBUG_OUTPUTS.lstmConcat]!, ref.h_n_concat)).toBeLessThanOrEqual(1e-5)
      expect(maxAbsDiff(out[SEED_DEBUG_OUTPUTS.dense1Relu]!, ref.dense1_relu)).toBeLessThanOrEqual(1e-5)
    } finally {
      await debug.release()
    }
  })
})
