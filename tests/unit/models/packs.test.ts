import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { listPacks, loadPack, ModelPackError, packSearchDirs, type ModelPackErrorCode } from '../../../src/main/models/packs'
import { audioManifest, tinyAudioOnnx, writePack } from './helpers/packs'

let root: string
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'haru-packs-'))
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

async function refusal(dir: string, options = {}): Promise<ModelPackError> {
  try {
    await loadPack(dir, options)
  } catch (e) {
    if (e instanceof ModelPackError) return e
    throw e
  }
  throw new Error(`expected ${dir} to be refused`)
}

async function expectRefused(dir: string, code: ModelPackErrorCode, file: string, text: string | RegExp, options = {}) {
  const err = await refusal(dir, options)
  expect(err.code).toBe(code)
  expect(err.file).toBe(join(dir, file))
  expect(err.message).toMatch(text)
}

describe('loadPack', () => {
  it('loads a valid pack, checking sha256 and the ONNX session names', async () => {
    const model = tinyAudioOnnx()
    const sha = createHash('sha256').update(model).digest('hex')
    const dir = writePack(join(root, 'tiny'), { manifest: audioManifest({ integrity: { onnxSha256: sha, onnxBytes: model.length } }), model })
    const pack = await loadPack(dir, { verifySha256: true, checkSession: true })
    expect(pack.manifest.id).toBe('tiny-audio')
    expect(pack.modelPath).toBe(join(dir, 'model.onnx'))
    expect(pack.modelBytes).toBe(model.length)
    expect(pack.manifest.kind === 'audio' && pack.manifest.baselines.MALE.std).toHaveLength(13)
  })

  it('refuses a pack without model.onnx, or with an empty one', async () => {
    await expectRefused(writePack(join(root, 'a'), { manifest: audioManifest(), model: null }), 'missing-model', 'model.onnx', /is missing/)
    await expectRefused(writePack(join(root, 'b'), { manifest: audioManifest(), model: new Uint8Array() }), 'empty-model', 'model.onnx', /is empty/)
  })

  it('refuses a missing, unparsable or invalid manifest, naming the field', async () => {
    await expectRefused(writePack(join(root, 'a'), {}), 'missing-manifest', 'manifest.json', /cannot be read/)
    await expectRefused(writePack(join(root, 'b'), { manifestText: '{"id": ' }), 'bad-json', 'manifest.json', /not valid JSON/)
    const noLabels = audioManifest()
    delete noLabels.labels
    await expectRefused(writePack(join(root, 'c'), { manifest: noLabels }), 'bad-manifest', 'manifest.json', /labels/)
    await expectRefused(writePack(join(root, 'd'), { manifest: audioManifest({ id: 'Bad Id' }) }), 'bad-manifest', 'manifest.json', /^.*id: /)
  })

  it('refuses a canonical matrix of the wrong width or height', async () => {
    const wide = audioManifest()
    ;(wide.canonicalMatrix as number[][])[2]!.push(0)
    await expectRefused(writePack(join(root, 'a'), { manifest: wide }), 'bad-manifest', 'manifest.json', /canonicalMatrix\.2: row DISGUST has 7 columns, expected one per label \(6\)/)
    const short = audioManifest()
    ;(short.canonicalMatrix as number[][]).pop()
    await expectRefused(writePack(join(root, 'b'), { manifest: short }), 'bad-manifest', 'manifest.json', /canonicalMatrix/)
  })

  it('refuses a model whose sha256 or size differs from the manifest', async () => {
    const model = tinyAudioOnnx()
    const other = createHash('sha256').update('something else').digest('hex')
    const dir = writePack(join(root, 'a'), { manifest: audioManifest({ integrity: { onnxSha256: other, onnxBytes: model.length } }), model })
    await expectRefused(dir, 'checksum', 'model.onnx', new RegExp(`expected ${other}`), { verifySha256: true })
    await expect(loadPack(dir)).resolves.toBeTruthy() // hashing is opt-in
    const sized = writePack(join(root, 'b'), { manifest: audioManifest({ integrity: { onnxSha256: other, onnxBytes: 12 } }), model })
    await expectRefused(sized, 'checksum', 'model.onnx', /manifest says 12/)
    const noHash = writePack(join(root, 'c'), { manifest: audioManifest(), model })
    await expectRefused(noHash, 'checksum', 'manifest.json', /no integrity/, { verifySha256: true })
  })

  it('refuses, when asked, a model whose input/output names differ from the manifest, or that ONNX Runtime cannot load', async () => {
    const dir = writePack(join(root, 'a'), { manifest: audioManifest(), model: tinyAudioOnnx('mfcc', 'logits') })
    await expect(loadPack(dir)).resolves.toBeTruthy()
    await expectRefused(dir, 'io-mismatch', 'model.onnx', /inputs \[mfcc\].*expects inputs \[input\]/, { checkSession: true })
    const garbage = writePack(join(root, 'b'), { manifest: audioManifest(), model: new TextEncoder().encode('not a model') })
    await expectRefused(garbage, 'bad-model', 'model.onnx', /ONNX Runtime cannot load it/, { checkSession: true })
  })

  it('refuses a text pack whose tokenizer folder is missing', async () => {
    const text = audioManifest({ kind: 'text', input: { type: 'tokens', tokenizerDir: 'tok', maxLength: 128, inputNames: ['input_ids'], outputName: 'logits' } })
    delete text.baselines
    await expectRefused(writePack(join(root, 't'), { manifest: text }), 'missing-file', join('tok', 'tokenizer.json'), /input.tokenizerDir/)
  })
})

describe('listPacks', () => {
  it('lists good packs from shipped and imported folders and reports the broken and duplicate ones', async () => {
    const [shipped, imported] = packSearchDirs(join(root, 'resources'), join(root, 'data'))
    writePack(join(shipped!, 'seed'), { manifest: audioManifest({ id: 'seed' }) })
    writePack(join(shipped!, 'broken'), { manifest: audioManifest({ id: 'broken' }), model: null })
    writePack(join(imported!, 'mine'), { manifest: audioManifest({ id: 'mine' }) })
    writePack(join(imported!, 'seed-copy'), { manifest: audioManifest({ id: 'seed' }) })
    writePack(join(imported!, '.staging'), { manifest: audioManifest({ id: 'staging' }), model: null })
    writeFileSync(join(imported!, 'stray.txt'), 'not a pack')

    const listing = await listPacks([shipped!, imported!, join(root, 'absent')])
    expect(listing.packs.map((p) => [p.manifest.id, p.dir])).toEqual([
      ['seed', join(shipped!, 'seed')],
      ['mine', join(imported!, 'mine')]
    ])
    expect(listing.broken.map((b) => [b.dir, b.error.code])).toEqual([
      [join(shipped!, 'broken'), 'missing-model'],
      [join(imported!, 'seed-copy'), 'duplicate-id']
    ])
    expect(listing.broken[1]!.error.message).toContain(join(shipped!, 'seed'))
  })
})
