import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as ort from 'onnxruntime-node'
import { importSeedAudioFromDir } from '../../../src/main/models/seed-import/import-seed'
import { writeNpy } from '../../../src/main/models/seed-import/npy'
import { downloadSeedAudioFiles, SEED_AUDIO_HUB_FILES, type SeedHubProgress } from '../../../src/main/models/seed-hub'
import { softmax } from '../../../src/shared/emotions'
import { hasShared, sharedPath } from '../../helpers/shared-data'
import { TestFileServer } from './helpers/file-server'
import {
  expectedOutputs,
  fixtureMfcc,
  FIXTURES_DIR,
  maxAbsDiff,
  runModel,
  SEED_DIR,
  seedBaselines,
  seedInput,
  type Gender
} from './helpers/seed-fixtures'

const available = hasShared(SEED_DIR, 'pytorch_model.pth') && hasShared(FIXTURES_DIR, 'seed-model.expected.json')
const HUB_PATH = '/HyukII/audio-emotion-model/resolve/main/'

describe.skipIf(!available)('seed model: download from a hub-like server, then import', () => {
  let tmp: string
  let server: TestFileServer

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'haru-seed-hub-'))
    // A hub mirror built in a temp dir: the .pth and labels as published, baselines as float32 .npy.
    const hub = join(tmp, 'hub', ...HUB_PATH.split('/').filter(Boolean))
    mkdirSync(hub, { recursive: true })
    writeFileSync(join(hub, 'pytorch_model.pth'), readFileSync(sharedPath(SEED_DIR, 'pytorch_model.pth')))
    writeFileSync(join(hub, 'labels.json'), readFileSync(sharedPath(SEED_DIR, 'labels.json')))
    const b = seedBaselines()
    for (const [g, key] of [['male', 'MALE'], ['female', 'FEMALE']] as const) {
      writeFileSync(join(hub, `baseline_mean_${g}.npy`), writeNpy(b[key].mean))
      writeFileSync(join(hub, `baseline_std_${g}.npy`), writeNpy(b[key].std))
    }
    server = new TestFileServer(join(tmp, 'hub'))
    await server.start()
  })

  afterAll(async () => {
    await server?.close()
    if (tmp) rmSync(tmp, { recursive: true, force: true })
  })

  it('downloads all six files (surviving a cut connection) and imports a pack whose logits match PyTorch', async () => {
    server.cutOnce.set(`${HUB_PATH}pytorch_model.pth`, 100_000)
    const progress: SeedHubProgress[] = []
    const destDir = join(tmp, 'downloads')
    const pthSha = '6a560dc67d3063ae125e7be22753dcd8803f6b1b148b9e44c880a59f9a9bc942'
    const results = await downloadSeedAudioFiles({
      baseUrl: `${server.baseUrl}${HUB_PATH}`,
      destDir,
      expectedSha256: { 'pytorch_model.pth': pthSha },
      onProgress: (p) => progress.push(p)
    })
    expect(results.map((r) => r.path)).toEqual(SEED_AUDIO_HUB_FILES.map((f) => join(destDir, f)))
    expect(results[0]).toMatchObject({ sha256: pthSha, bytes: 593_404, resumed: true })
    expect(new Set(progress.map((p) => p.file))).toEqual(new Set(SEED_AUDIO_HUB_FILES))
    expect(progress.at(-1)).toMatchObject({ file: 'baseline_std_female.npy', fileIndex: 5, fileCount: 6 })
    expect(server.requests.filter((r) => r.path.endsWith('.pth')).map((r) => r.status)).toEqual([200, 206])

    const { packDir, manifest } = await importSeedAudioFromDir(destDir, join(tmp, 'models', 'seed-audio'))
    expect(manifest.provenance.modelSha256).toBe(pthSha)
    const session = await ort.InferenceSession.create(join(packDir, 'model.onnx'))
    try {
      let worst = 0
      for (const [name, expected] of Object.entries(expectedOutputs())) {
        for (const gender of ['MALE', 'FEMALE'] as Gender[]) {
          // Baselines as the pack stores them (read from the downloaded .npy files).
          const { input } = seedInput(fixtureMfcc(name), manifest.baselines[gender])
          const logits = (await runModel(session, input)).logits!
          const err = maxAbsDiff(logits, expected[gender].logits)
          worst = Math.max(worst, err)
          expect(err).toBeLessThanOrEqual(1e-4)
          expect(maxAbsDiff(softmax(logits), expected[gender].probs)).toBeLessThanOrEqual(1e-6)
        }
      }
      console.log(`[seed download+import] worst |Δlogit| = ${worst.toExponential(3)}`)
    } finally {
      await session.release()
    }
    expect(createHash('sha256').update(readFileSync(join(destDir, 'pytorch_model.pth'))).digest('hex')).toBe(pthSha)
  })
})
