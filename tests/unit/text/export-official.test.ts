/**
 * training/text/export_official.py cannot run here (no model hub). What can be checked is:
 * - its constants are the TypeScript ones (parsed from the Python source, no Python needed);
 * - with a Python 3: it compiles, its label-order logic, and the pack it writes (manifest +
 *   files, from a stand-in model.onnx) is one Haru validates, installs and runs;
 * - with torch and onnx in that Python: its torch.onnx.export path on a small stand-in classifier
 *   (classifier rows permuted first) gives a model ONNX Runtime in Node runs like PyTorch.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as ort from 'onnxruntime-node'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTextEngine } from '../../../src/analysis/text/engine'
import { loadPack } from '../../../src/main/models/packs'
import { modelManifestSchema } from '../../../src/shared/models/manifest'
import {
  KLUE_TOKENIZER_CHECK,
  OFFICIAL_TEXT_CANONICAL_MATRIX,
  OFFICIAL_TEXT_LABELS,
  officialTextManifestTemplate
} from '../../../src/shared/text/official-model'
import { repoRoot } from '../../helpers/shared-data'
import { makeTempDir } from '../../helpers/temp-dir'
import { constantTextOnnx, DEFAULT_TEXT_PACK_DIR, OFFICIAL_TEST_BIAS } from '../../helpers/text-packs'

const SCRIPT = join(repoRoot, 'training/text/export_official.py')
const source = readFileSync(SCRIPT, 'utf8')

/** The literal assigned to NAME at the start of a line: a string, or a list JSON can read once comments and trailing commas go. */
function pythonConstant(name: string): unknown {
  const m = new RegExp(`^${name} = `, 'm').exec(source)
  if (!m) throw new Error(`${name} is not assigned in export_official.py`)
  const rest = source.slice(m.index + m[0].length)
  if (rest.startsWith('"')) return JSON.parse(rest.slice(0, rest.indexOf('"', 1) + 1))
  let depth = 0
  let end = 0
  for (; end < rest.length; end++) {
    if (rest[end] === '[') depth++
    else if (rest[end] === ']' && --depth === 0) break
  }
  const literal = rest
    .slice(0, end + 1)
    .split('\n')
    .map((line) => line.replace(/#.*$/, ''))
    .join('\n')
    .replace(/,(\s*)]/g, '$1]')
  return JSON.parse(literal)
}

const PYTHON = process.env.PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3')
function python(code: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(PYTHON, ['-B', '-c', code], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' }, timeout: 120_000 })
  return { status: r.error ? null : r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' }
}
const hasPython = python('import sys; assert sys.version_info >= (3, 8)').status === 0
const hasTorchAndOnnx = hasPython && python('import torch, onnx').status === 0
if (!hasPython) console.warn(`[skip] no Python 3 at ${PYTHON}: export_official.py is only checked by its constants`)
else if (!hasTorchAndOnnx) console.warn('[skip] torch or onnx missing in Python: the torch.onnx.export path is not exercised')

const IMPORT = `import json, sys; sys.path.insert(0, 'training/text'); import export_official as x\n`
function runPython(code: string): unknown {
  const r = python(IMPORT + code)
  if (r.status !== 0) throw new Error(`python failed (${r.status}): ${r.stderr}`)
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!)
}

describe('export_official.py constants', () => {
  it('mirror src/shared/text/official-model.ts', () => {
    expect(pythonConstant('OFFICIAL_TEXT_LABELS')).toEqual([...OFFICIAL_TEXT_LABELS])
    expect(pythonConstant('OFFICIAL_TEXT_CANONICAL_MATRIX')).toEqual(OFFICIAL_TEXT_CANONICAL_MATRIX.map((row) => [...row]))
    expect(pythonConstant('KLUE_TOKENIZER_CHECK_TEXT')).toBe(KLUE_TOKENIZER_CHECK.text)
    expect(pythonConstant('KLUE_TOKENIZER_CHECK_IDS')).toEqual([...KLUE_TOKENIZER_CHECK.inputIds])
    const template = officialTextManifestTemplate()
    expect(pythonConstant('PACK_ID')).toBe(template.id)
    expect(pythonConstant('PACK_NAME')).toBe(template.name)
    expect(pythonConstant('PACK_DESCRIPTION')).toBe(template.description)
  })
})

describe.skipIf(!hasPython)('export_official.py in Python', () => {
  let tmp: ReturnType<typeof makeTempDir>
  beforeEach(() => {
    tmp = makeTempDir('haru-export-')
  })
  afterEach(() => tmp.cleanup())

  it('compiles, and its constants read the same in Python', () => {
    const r = python(`import py_compile; py_compile.compile(${JSON.stringify(SCRIPT)}, cfile=${JSON.stringify(join(tmp.dir, 'x.pyc'))}, doraise=True)`)
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(runPython('print(json.dumps([x.OFFICIAL_TEXT_LABELS, x.OFFICIAL_TEXT_CANONICAL_MATRIX, x.MIN_OPSET, x.MAX_ABS_DIFF, x.INPUT_NAMES]))')).toEqual([
      [...OFFICIAL_TEXT_LABELS],
      OFFICIAL_TEXT_CANONICAL_MATRIX.map((row) => [...row]),
      14,
      1e-4,
      ['input_ids', 'attention_mask']
    ])
  })

  it('puts the hub label order into the official order, and refuses labels it cannot name', () => {
    const out = runPython(`
def attempt(id2label, order=None):
    try:
        return x.label_permutation(x.hub_label_names(id2label, order))
    except x.ExportError as e:
        return 'refused: ' + str(e)
print(json.dumps([
    attempt({0: '기쁨', 1: '당황', 2: '분노', 3: '불안', 4: '상처', 5: '슬픔'}),
    attempt({'0': '슬픔', '1': '기쁨', '2': '당황', '3': '분노', '4': '불안', '5': '상처'}),
    attempt({0: 'anger', 1: 'sadness', 2: 'joy', 3: 'hurt', 4: 'anxiety', 5: 'embarrassment'}),
    attempt({i: 'LABEL_%d' % i for i in range(6)}),
    attempt({i: 'LABEL_%d' % i for i in range(6)}, '분노,슬픔,기쁨,상처,불안,당황'),
    attempt({i: 'LABEL_%d' % i for i in range(7)}),
]))`) as (number[] | string)[]
    expect(out[0]).toEqual([0, 1, 2, 3, 4, 5])
    // new[i] = old[perm[i]]: 기쁨 was index 1, 당황 2, 분노 3, 불안 4, 상처 5, 슬픔 0.
    expect(out[1]).toEqual([1, 2, 3, 4, 5, 0])
    expect(out[2]).toEqual([2, 5, 0, 4, 3, 1])
    expect(out[3]).toMatch(/^refused: .*LABEL_0.*--label-order/)
    expect(out[4]).toEqual([2, 5, 0, 4, 3, 1])
    expect(out[5]).toMatch(/^refused: the model has 7 labels/)
  })

  it('writes a pack that Haru validates (schema, SHA-256, ONNX names) and runs with the official labels', async () => {
    const fakeOnnx = join(tmp.dir, 'exported.onnx')
    writeFileSync(fakeOnnx, constantTextOnnx(OFFICIAL_TEST_BIAS))
    const out = join(tmp.dir, 'klue-roberta-emotion-official')
    const written = runPython(`
onnx = ${JSON.stringify(fakeOnnx)}
manifest = x.build_manifest(onnx_sha256=x.sha256_file(onnx), onnx_bytes=__import__('os').path.getsize(onnx),
    input_names=['input_ids', 'attention_mask'], source='https://huggingface.co/HyukII/text-emotion-model (revision abc1234)',
    license_name='not stated by the publisher', notes='unit test', weights_sha256='0' * 64, version='1.0.0+abc1234')
report = [{'text': '좋다.', 'label': '기쁨', 'diff': 1e-6}]
path = x.write_pack(${JSON.stringify(out)}, onnx, ${JSON.stringify(join(DEFAULT_TEXT_PACK_DIR, 'tokenizer'))}, manifest, x.model_card(manifest, report))
try:
    x.write_pack(${JSON.stringify(out)}, onnx, ${JSON.stringify(join(DEFAULT_TEXT_PACK_DIR, 'tokenizer'))}, manifest, '')
    again = 'written twice'
except x.ExportError as e:
    again = str(e)
print(json.dumps([path, again]))`) as [string, string]
    expect(written[0]).toBe(out)
    expect(written[1]).toMatch(/already exists \(use --force/)

    const pack = await loadPack(out, { verifySha256: true, checkSession: true })
    const manifest = modelManifestSchema.parse(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')))
    expect(manifest).toEqual(pack.manifest)
    const template = officialTextManifestTemplate()
    const { license: _l, provenance: _p, version: _v, ...fixed } = template
    expect(manifest).toMatchObject(fixed)
    expect(manifest.version).toBe('1.0.0+abc1234')
    expect(manifest.provenance).toMatchObject({ source: expect.stringContaining('HyukII/text-emotion-model'), modelSha256: '0'.repeat(64) })
    expect(manifest.integrity?.onnxBytes).toBe(readFileSync(fakeOnnx).length)
    expect(readFileSync(join(out, 'MODEL_CARD.md'), 'utf8')).toContain('| 좋다. | 기쁨 |')

    const engine = await createTextEngine(out)
    try {
      const r = await engine.analyzeText('오늘은 좀 속상했다.')
      expect(r.labels).toEqual([...OFFICIAL_TEXT_LABELS])
      expect(r.sentences[0]!.label).toBe('상처')
    } finally {
      await engine.close()
    }
  })

  it.skipIf(!hasTorchAndOnnx)('exports with torch.onnx.export (after reordering the classifier) to a model ONNX Runtime runs like PyTorch', async () => {
    const work = join(tmp.dir, 'work')
    mkdirSync(work)
    const result = runPython(`
import types, torch, onnx
torch.manual_seed(0)
class Tok:
    def __call__(self, texts, padding=True, return_tensors='pt', **kw):
        rows = [[1 + (ord(c) % 40) for c in t[:12]] for t in texts]
        n = max(len(r) for r in rows)
        ids = torch.tensor([r + [0] * (n - len(r)) for r in rows], dtype=torch.long)
        mask = torch.tensor([[1] * len(r) + [0] * (n - len(r)) for r in rows], dtype=torch.long)
        return {'input_ids': ids, 'attention_mask': mask}
class Model(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.config = types.SimpleNamespace(num_labels=6, id2label={i: l for i, l in enumerate(['슬픔', '기쁨', '당황', '분노', '불안', '상처'])})
        self.emb = torch.nn.Embedding(41, 8)
        self.dense = torch.nn.Linear(8, 8)
        self.out_proj = torch.nn.Linear(8, 6)
    def forward(self, input_ids, attention_mask, return_dict=True):
        m = attention_mask.unsqueeze(-1).to(torch.float32)
        h = (self.emb(input_ids) * m).sum(1) / m.sum(1)
        return types.SimpleNamespace(logits=self.out_proj(torch.tanh(self.dense(h))))
model = Model().eval()
tok = Tok()
cases = [['가나다라', '마바사'], ['아'], ['오늘은 정말 좋은 날이었다', '비', '그냥 그랬다']]
with torch.no_grad():
    before = [model(**tok(c)).logits for c in cases]
perm = x.label_permutation(x.hub_label_names(model.config.id2label))
x.permute_classifier(model, perm)
with torch.no_grad():
    after = [model(**tok(c)).logits for c in cases]
assert all(torch.equal(a, b[:, perm]) for a, b in zip(after, before))
path = x.export_with_torch(model, tok, ${JSON.stringify(work)}, 14)
proto = onnx.load(path)
opset = max(o.version for o in proto.opset_import if o.domain in ('', 'ai.onnx'))
types_ = {i.name: [i.type.tensor_type.elem_type, [d.dim_param or d.dim_value for d in i.type.tensor_type.shape.dim]] for i in proto.graph.input}
out = [{'ids': tok(c)['input_ids'].tolist(), 'mask': tok(c)['attention_mask'].tolist(), 'logits': l.tolist()} for c, l in zip(cases, after)]
print(json.dumps({'path': path, 'perm': perm, 'opset': opset, 'inputs': types_, 'labels': model.config.id2label, 'cases': out}))`) as {
      path: string
      perm: number[]
      opset: number
      inputs: Record<string, [number, (string | number)[]]>
      labels: Record<string, string>
      cases: { ids: number[][]; mask: number[][]; logits: number[][] }[]
    }
    expect(result.perm).toEqual([1, 2, 3, 4, 5, 0])
    expect(Object.values(result.labels)).toEqual([...OFFICIAL_TEXT_LABELS])
    expect(result.opset).toBeGreaterThanOrEqual(14)
    // int64 (7), both axes symbolic.
    expect(result.inputs).toEqual({ input_ids: [7, ['batch', 'sequence']], attention_mask: [7, ['batch', 'sequence']] })

    const session = await ort.InferenceSession.create(result.path)
    try {
      expect(session.inputNames).toEqual(['input_ids', 'attention_mask'])
      expect(session.outputNames).toEqual(['logits'])
      let worst = 0
      for (const c of result.cases) {
        const dims = [c.ids.length, c.ids[0]!.length]
        const tensor = (rows: number[][]) => new ort.Tensor('int64', BigInt64Array.from(rows.flat().map(BigInt)), dims)
        const { logits } = await session.run({ input_ids: tensor(c.ids), attention_mask: tensor(c.mask) })
        expect(logits!.dims).toEqual([c.ids.length, 6])
        c.logits.flat().forEach((v, i) => (worst = Math.max(worst, Math.abs(v - (logits!.data as Float32Array)[i]!))))
      }
      expect(worst).toBeLessThan(1e-5)
    } finally {
      await session.release()
    }
  })
})
