import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { CheckpointError, readTorchStateDict } from '../../../src/main/models/seed-import/torch-checkpoint'
import { hasShared, sharedPath } from '../../helpers/shared-data'
import { f32Bytes, stateDictPickle, torchZip, type FakeTensor } from './helpers/torch-zip'

function checkpointError(bytes: Uint8Array): CheckpointError {
  try {
    readTorchStateDict(bytes)
  } catch (e) {
    if (e instanceof CheckpointError) return e
    throw e
  }
  throw new Error('expected a CheckpointError')
}

describe('PyTorch checkpoint reader (synthetic checkpoints)', () => {
  it('materialises a transposed (strided) view with a storage offset contiguously', () => {
    // Storage 0..11; tensor = storage[1:].view(... ) as a 3x2 transpose: element (i, j) = 1 + i + 3j.
    const t: FakeTensor = { name: 't', storage: 'FloatStorage', key: '0', numel: 12, offset: 1, size: [3, 2], stride: [1, 3] }
    const zip = torchZip(stateDictPickle([t]), { '0': f32Bytes([...Array(12).keys()]) })
    const tensor = readTorchStateDict(zip).get('t')!
    expect(tensor.shape).toEqual([3, 2])
    expect(tensor.strides).toEqual([1, 3])
    expect(Array.from(tensor.data as Float32Array)).toEqual([1, 4, 2, 5, 3, 6])
  })

  it('converts float64 and float16 storages to float32 and keeps int64 exact', () => {
    const f64 = new Uint8Array(16)
    new DataView(f64.buffer).setFloat64(0, 0.1, true)
    new DataView(f64.buffer).setFloat64(8, -3.25, true)
    const f16 = Uint8Array.from([0x00, 0x3c, 0x00, 0xc0, 0x01, 0x00]) // 1.0, -2.0, smallest subnormal
    const i64 = new Uint8Array(8)
    new DataView(i64.buffer).setBigInt64(0, 9007199254740993n, true)
    const zip = torchZip(
      stateDictPickle([
        { name: 'd', storage: 'DoubleStorage', key: 'a', numel: 2, offset: 0, size: [2], stride: [1] },
        { name: 'h', storage: 'HalfStorage', key: 'b', numel: 3, offset: 0, size: [3], stride: [1] },
        { name: 'n', storage: 'LongStorage', key: 'c', numel: 1, offset: 0, size: [], stride: [] }
      ]),
      { a: f64, b: f16, c: i64 }
    )
    const sd = readTorchStateDict(zip)
    expect(Array.from(sd.get('d')!.data as Float32Array)).toEqual([Math.fround(0.1), -3.25])
    expect(Array.from(sd.get('h')!.data as Float32Array)).toEqual([1, -2, 2 ** -24])
    expect(sd.get('n')!.dtype).toBe('int64')
    expect(sd.get('n')!.data[0]).toBe(9007199254740993n)
  })

  it('reads big-endian storages when byteorder says so', () => {
    const zip = torchZip(
      stateDictPickle([{ name: 'w', storage: 'FloatStorage', key: '0', numel: 2, offset: 0, size: [2], stride: [1] }]),
      { '0': f32Bytes([0.5, 7], false) },
      'big'
    )
    expect(Array.from(readTorchStateDict(zip).get('w')!.data as Float32Array)).toEqual([0.5, 7])
  })

  it('refuses a tensor that reaches past its storage and a missing storage entry', () => {
    const outside = torchZip(
      stateDictPickle([{ name: 'w', storage: 'FloatStorage', key: '0', numel: 4, offset: 2, size: [3], stride: [1] }]),
      { '0': f32Bytes([1, 2, 3, 4]) }
    )
    expect(checkpointError(outside).code).toBe('bad-tensor')
    const missing = torchZip(
      stateDictPickle([{ name: 'w', storage: 'FloatStorage', key: '9', numel: 1, offset: 0, size: [1], stride: [1] }]),
      {}
    )
    const err = checkpointError(missing)
    expect(err.code).toBe('missing-storage')
    expect(err.message).toContain('archive/data/9')
  })

  it('tells non-zip and legacy files apart', () => {
    expect(checkpointError(new TextEncoder().encode('hello')).code).toBe('not-a-checkpoint')
    expect(checkpointError(Uint8Array.from([0x80, 0x02, 0x8a, 0x0a])).code).toBe('legacy-format')
  })
})

describe.skipIf(!hasShared('models/seed-audio/pytorch_model.pth'))('the seed checkpoint', () => {
  const pth = () => new Uint8Array(readFileSync(sharedPath('models/seed-audio/pytorch_model.pth')))

  it('yields the 26 state_dict tensors with the values torch.load gives', () => {
    const sd = readTorchStateDict(pth())
    expect(sd.size).toBe(26)
    expect([...sd.keys()].slice(0, 3)).toEqual(['conv1.weight', 'conv1.bias', 'bn1.weight'])
    const conv1 = sd.get('conv1.weight')!
    expect(conv1.shape).toEqual([64, 13, 5])
    expect(conv1.strides).toEqual([65, 5, 1])
    // Reference values printed by torch.load (python3-torch 1.13) for the same file.
    expect(conv1.data[0]).toBe(-0.05813082680106163)
    expect(conv1.data[conv1.data.length - 1]).toBe(-0.08819933980703354)
    expect(sd.get('bilstm.weight_hh_l0_reverse')!.data[0]).toBe(0.0434131920337677)
    expect(sd.get('dense2.bias')!.data[5]).toBe(0.08188754320144653)
    expect(sd.get('bn2.num_batches_tracked')).toMatchObject({ dtype: 'int64', shape: [] })
    const params = [...sd.values()].filter((t) => t.data instanceof Float32Array).reduce((n, t) => n + t.data.length, 0)
    expect(params).toBe(145_926 + 2 * (64 + 128)) // trainable + BN running stats
  })

  it('detects a flipped byte inside a stored tensor (CRC) and a truncated file', () => {
    const bytes = pth()
    const idx = Buffer.from(bytes).indexOf('pytorch_model/data/0') // local header of storage 0
    const flipped = bytes.slice()
    flipped[idx + 200]! ^= 0x01
    expect(createHash('sha256').update(flipped).digest('hex')).not.toBe(createHash('sha256').update(bytes).digest('hex'))
    const err = checkpointError(flipped)
    expect(err.code).toBe('bad-zip')
    expect(err.message).toContain('CRC')
    expect(checkpointError(bytes.slice(0, bytes.length - 5000)).code).toBe('bad-zip')
  })
})

describe('PyTorch checkpoint reader (hostile shapes)', () => {
  it('refuses an absurd tensor size instead of allocating it', () => {
    const huge = torchZip(
      stateDictPickle([{ name: 'w', storage: 'FloatStorage', key: '0', numel: 1, offset: 0, size: [100000, 100000], stride: [0, 0] }]),
      { '0': f32Bytes([1]) }
    )
    const err = checkpointError(huge)
    expect(err.code).toBe('bad-tensor')
    expect(err.message).toContain('10000000000 elements')
  })
})
