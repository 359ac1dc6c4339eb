import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadPack } from '../../../src/main/models/packs'
import { SeedImportError } from '../../../src/main/models/seed-import/errors'
import {
  importSeedAudioFromDir,
  importSeedAudioFromPaths,
  importSeedAudioModel
} from '../../../src/main/models/seed-import/import-seed'
import { writeNpy } from '../../../src/main/models/seed-import/npy'
import { hasShared, sharedPath } from '../../helpers/shared-data'
import { seedBaselines, SEED_DIR } from './helpers/seed-fixtures'
import { f32Bytes, stateDictPickle, torchZip } from './helpers/torch-zip'

const PTH_SHA256 = '6a560dc67d3063ae125e7be22753dcd8803f6b1b148b9e44c880a59f9a9bc942'

let tmp: string
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'haru-seed-import-'))
})
afterEach(() => rmSync(tmp, { recursive: true, force: true }))

async function importError(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise
  } catch (e) {
    return e as { code: string; message: string }
  }
  throw new Error('expected the import to fail')
}

/** The hub layout: pytorch_model.pth, labels.json and the four baseline .npy files (float32). */
function hubFolder(dir: string): string {
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'pytorch_model.pth'), readFileSync(sharedPath(SEED_DIR, 'pytorch_model.pth')))
  writeFileSync(join(dir, 'labels.json'), readFileSync(sharedPath(SEED_DIR, 'labels.json')))
  const b = seedBaselines()
  for (const [gender, key] of [['male', 'MALE'], ['female', 'FEMALE']] as const) {
    writeFileSync(join(dir, `baseline_mean_${gender}.npy`), writeNpy(b[key].mean))
    writeFileSync(join(dir, `baseline_std_${gender}.npy`), writeNpy(b[key].std))
  }
  return dir
}

const seedPaths = () => ({
  pthPath: sharedPath(SEED_DIR, 'pytorch_model.pth'),
  labelsPath: sharedPath(SEED_DIR, 'labels.json'),
  baselines: { jsonPath: sharedPath(SEED_DIR, 'baselines.json') }
})

describe.skipIf(!hasShared(SEED_DIR, 'pytorch_model.pth'))('seed audio import', () => {
  it('writes a complete, loadable pack with identity mapping, baselines and provenance', async () => {
    const result = await importSeedAudioModel({ ...seedPaths(), outDir: join(tmp, 'models', 'seed-audio') })
    expect(result.packDir).toBe(join(tmp, 'models', 'seed-audio'))
    expect(readdirSync(join(tmp, 'models'))).toEqual(['seed-audio']) // no staging folder left behind
    expect(readdirSync(result.packDir).sort()).toEqual(['manifest.json', 'model.onnx'])

    const pack = await loadPack(result.packDir, { verifySha256: true, checkSession: true })
    const m = pack.manifest
    if (m.kind !== 'audio') throw new Error('expected an audio manifest')
    expect(m.id).toBe('seed-audio')
    expect(m.license).toBe('MIT')
    expect(m.labels).toEqual(['ANGRY', 'SAD', 'DISGUST', 'HAPPY', 'FEAR', 'SURPRISE'])
    expect(m.canonicalMatrix).toEqual([
      [1, 0, 0, 0, 0, 0],
      [0, 1, 0, 0, 0, 0],
      [0, 0, 1, 0, 0, 0],
      [0, 0, 0, 1, 0, 0],
      [0, 0, 0, 0, 1, 0],
      [0, 0, 0, 0, 0, 1],
      [0, 0, 0, 0, 0, 0]
    ])
    expect(m.input).toMatchObject({ inputName: 'input', outputName: 'logits', nMfcc: 13, frames: 100 })
    expect(m.baselines).toEqual(seedBaselines())
    expect(m.provenance.modelSha256).toBe(PTH_SHA256)
    expect(m.provenance.notes).toMatch(/looks untrained/)
    expect(result.warnings).toHaveLength(1)
    expect(m.integrity?.onnxBytes).toBe(pack.modelBytes)
  })

  it('imports the hub layout (.npy baselines) via importSeedAudioFromDir with the same baselines as the JSON', async () => {
    const hub = hubFolder(join(tmp, 'hub'))
    const { manifest } = await importSeedAudioFromDir(hub, join(tmp, 'out'))
    // float32 .npy values are exactly the float32 numbers baselines.json spells out.
    const f32 = (v: { mean: number[]; std: number[] }) => ({ mean: v.mean.map(Math.fround), std: v.std.map(Math.fround) })
    expect(manifest.baselines.MALE).toEqual(f32(seedBaselines().MALE))
    expect(manifest.baselines.FEMALE).toEqual(f32(seedBaselines().FEMALE))
  })

  it('takes explicit CLI paths, with a baselines folder or file', async () => {
    const hub = hubFolder(join(tmp, 'hub'))
    const a = await importSeedAudioFromPaths({ pth: join(hub, 'pytorch_model.pth'), labels: join(hub, 'labels.json'), baselines: hub, out: join(tmp, 'a') })
    expect(a.manifest.baselines.MALE.mean[0]).toBe(Math.fround(-488.7764))
    const b = await importSeedAudioFromPaths({ ...{ pth: join(hub, 'pytorch_model.pth'), labels: join(hub, 'labels.json') }, baselines: sharedPath(SEED_DIR, 'baselines.json'), out: join(tmp, 'b') })
    expect(b.manifest.baselines.MALE.mean[0]).toBe(-488.7764)
  })

  it('refuses to overwrite an existing pack unless asked, and then replaces it', async () => {
    const outDir = join(tmp, 'seed')
    await importSeedAudioModel({ ...seedPaths(), outDir })
    const err = await importError(importSeedAudioModel({ ...seedPaths(), outDir }))
    expect(err).toBeInstanceOf(SeedImportError)
    expect(err.code).toBe('out-dir-exists')
    const again = await importSeedAudioModel({ ...seedPaths(), outDir, overwrite: true, id: 'seed-audio-2' })
    expect(JSON.parse(readFileSync(join(again.packDir, 'manifest.json'), 'utf8')).id).toBe('seed-audio-2')
  })

  it('refuses labels that do not fit the model or the canonical emotions', async () => {
    const write = (name: string, value: unknown) => {
      writeFileSync(join(tmp, name), JSON.stringify(value))
      return join(tmp, name)
    }
    const fiveLabels = write('five.json', ['ANGRY', 'SAD', 'DISGUST', 'HAPPY', 'FEAR'])
    const v1Upload = sharedPath(SEED_DIR, 'labels-v1-upload.json') // contains ANXIOUS
    const duplicate = write('dup.json', ['ANGRY', 'SAD', 'SAD', 'HAPPY', 'FEAR', 'SURPRISE'])
    const cases = [
      [fiveLabels, /has 5 labels but the model has 6 outputs/],
      [v1Upload, /ANXIOUS not among/],
      [duplicate, /twice/],
      [write('obj.json', { labels: [] }), /JSON array/]
    ] as const
    for (const [labelsPath, message] of cases) {
      const err = await importError(importSeedAudioModel({ ...seedPaths(), labelsPath, outDir: join(tmp, 'x') }))
      expect(err.code).toBe('bad-labels')
      expect(err.message).toMatch(message)
    }
  })

  it('refuses bad baselines and missing files with clear codes', async () => {
    const hub = hubFolder(join(tmp, 'hub'))
    writeFileSync(join(hub, 'baseline_std_female.npy'), writeNpy(Array(12).fill(1)))
    const short = await importError(importSeedAudioFromDir(hub, join(tmp, 'x')))
    expect(short.code).toBe('bad-baselines')
    expect(short.message).toMatch(/baseline_std_female\.npy: expected 13 values/)

    writeFileSync(join(hub, 'baseline_std_female.npy'), writeNpy(Array(13).fill(0)))
    expect((await importError(importSeedAudioFromDir(hub, join(tmp, 'x')))).message).toMatch(/positive/)

    rmSync(join(hub, 'baseline_std_female.npy'))
    const missing = await importError(importSeedAudioFromDir(hub, join(tmp, 'x')))
    expect(missing.code).toBe('missing-file')
    expect(missing.message).toContain('baseline_std_female.npy')

    const noPth = await importError(importSeedAudioModel({ ...seedPaths(), pthPath: join(tmp, 'nope.pth'), outDir: join(tmp, 'x') }))
    expect(noPth.code).toBe('missing-file')
  })

  it('refuses a checkpoint of another architecture without writing anything', async () => {
    const other = torchZip(
      stateDictPickle([{ name: 'fc.weight', storage: 'FloatStorage', key: '0', numel: 2, offset: 0, size: [1, 2], stride: [2, 1] }]),
      { '0': f32Bytes([1, 2]) }
    )
    writeFileSync(join(tmp, 'other.pth'), other)
    const err = await importError(importSeedAudioModel({ ...seedPaths(), pthPath: join(tmp, 'other.pth'), outDir: join(tmp, 'out') }))
    expect(err.code).toBe('unexpected-architecture')
    expect(err.message).toMatch(/unexpected fc\.weight; missing conv1\.weight, conv1\.bias, .* and 18 more/)
    expect(readdirSync(tmp)).toEqual(['other.pth'])
  })

  it('names a tensor whose shape differs from the seed architecture', async () => {
    const shapes: Record<string, number[]> = { 'conv1.weight': [64, 13, 3], 'conv1.bias': [64], 'conv2.weight': [128, 64, 3], 'conv2.bias': [128] }
    for (const [bn, c] of [['bn1', 64], ['bn2', 128]] as const) for (const p of ['weight', 'bias', 'running_mean', 'running_var']) shapes[`${bn}.${p}`] = [c]
    for (const s of ['', '_reverse']) {
      Object.assign(shapes, { [`bilstm.weight_ih_l0${s}`]: [256, 128], [`bilstm.weight_hh_l0${s}`]: [256, 64], [`bilstm.bias_ih_l0${s}`]: [256], [`bilstm.bias_hh_l0${s}`]: [256] })
    }
    Object.assign(shapes, { 'dense1.weight': [128, 128], 'dense1.bias': [128], 'dense2.weight': [6, 128], 'dense2.bias': [6] })
    const entries = Object.entries(shapes).map(([name, size], i) => {
      const numel = size.reduce((a, b) => a * b, 1)
      const stride = size.map((_, d) => size.slice(d + 1).reduce((a, b) => a * b, 1))
      return { tensor: { name, storage: 'FloatStorage' as const, key: String(i), numel, offset: 0, size, stride }, bytes: new Uint8Array(numel * 4) }
    })
    const zip = torchZip(stateDictPickle(entries.map((e) => e.tensor)), Object.fromEntries(entries.map((e) => [e.tensor.key, e.bytes])))
    writeFileSync(join(tmp, 'k3.pth'), zip)
    const err = await importError(importSeedAudioModel({ ...seedPaths(), pthPath: join(tmp, 'k3.pth'), outDir: join(tmp, 'out') }))
    expect(err.code).toBe('unexpected-architecture')
    expect(err.message).toMatch(/: conv1\.weight has shape \(64, 13, 3\), expected \(64, 13, 5\)$/)
  })
})
