import { zipSync } from 'fflate'

/**
 * Builds small PyTorch-format checkpoints (zip + protocol-2 pickle, laid out exactly as
 * torch.save writes a state_dict) so tests can cover strides, dtypes and damaged files
 * without Python.
 */

export class PickleBytes {
  private out: number[] = []
  op(code: number): this {
    this.out.push(code)
    return this
  }
  raw(bytes: ArrayLike<number>): this {
    for (let i = 0; i < bytes.length; i++) this.out.push(bytes[i]!)
    return this
  }
  global(module: string, name: string): this {
    return this.op(0x63).raw(new TextEncoder().encode(`${module}\n${name}\n`))
  }
  str(s: string): this {
    const b = new TextEncoder().encode(s)
    const len = new Uint8Array(4)
    new DataView(len.buffer).setUint32(0, b.length, true)
    return this.op(0x58).raw(len).raw(b)
  }
  int(n: number): this {
    if (n >= 0 && n < 256) return this.op(0x4b).raw([n])
    const b = new Uint8Array(4)
    new DataView(b.buffer).setInt32(0, n, true)
    return this.op(0x4a).raw(b)
  }
  mark(): this {
    return this.op(0x28)
  }
  tuple(): this {
    return this.op(0x74)
  }
  bytes(): Uint8Array {
    return Uint8Array.from(this.out)
  }
}

export interface FakeTensor {
  name: string
  storage: 'FloatStorage' | 'DoubleStorage' | 'HalfStorage' | 'LongStorage'
  /** Storage key; tensors may share one. */
  key: string
  numel: number
  offset: number
  size: number[]
  stride: number[]
}

export function stateDictPickle(tensors: readonly FakeTensor[]): Uint8Array {
  const p = new PickleBytes().op(0x80).raw([2]).global('collections', 'OrderedDict').op(0x29).op(0x52).mark()
  for (const t of tensors) {
    p.str(t.name).global('torch._utils', '_rebuild_tensor_v2').mark()
    p.mark().str('storage').global('torch', t.storage).str(t.key).str('cpu').int(t.numel).tuple().op(0x51)
    p.int(t.offset)
    p.mark()
    t.size.forEach((s) => p.int(s))
    p.tuple().mark()
    t.stride.forEach((s) => p.int(s))
    p.tuple().op(0x89).global('collections', 'OrderedDict').op(0x29).op(0x52).tuple().op(0x52)
  }
  return p.op(0x75).op(0x2e).bytes()
}

export function torchZip(pickle: Uint8Array, storages: Record<string, Uint8Array>, byteorder = 'little'): Uint8Array {
  const files: Record<string, [Uint8Array, { level: 0 }]> = {
    'archive/data.pkl': [pickle, { level: 0 }],
    'archive/byteorder': [new TextEncoder().encode(byteorder), { level: 0 }],
    'archive/version': [new TextEncoder().encode('3\n'), { level: 0 }]
  }
  for (const [key, bytes] of Object.entries(storages)) files[`archive/data/${key}`] = [bytes, { level: 0 }]
  return zipSync(files)
}

export function f32Bytes(values: readonly number[], littleEndian = true): Uint8Array {
  const b = new Uint8Array(values.length * 4)
  const v = new DataView(b.buffer)
  values.forEach((x, i) => v.setFloat32(i * 4, x, littleEndian))
  return b
}
