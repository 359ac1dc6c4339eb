import * as ort from 'onnxruntime-node'
import { encodeModel, float, int, ints } from '../../../src/main/models/onnx/onnx-proto'
import { ProtoWriter } from '../../../src/main/models/onnx/protobuf'

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')

describe('protobuf writer', () => {
  it('encodes varints, negative int64, fixed32 floats and nested messages per the wire format', () => {
    expect(hex(new ProtoWriter().int(1, 150).finish())).toBe('089601')
    expect(hex(new ProtoWriter().int(2, 300).finish())).toBe('10ac02')
    expect(hex(new ProtoWriter().int(1, -1).finish())).toBe('08ffffffffffffffffff01')
    expect(hex(new ProtoWriter().float(2, 1).finish())).toBe('150000803f')
    expect(hex(new ProtoWriter().string(2, 'testing').finish())).toBe('120774657374696e67')
    expect(hex(new ProtoWriter().message(3, new ProtoWriter().int(1, 150)).finish())).toBe('1a03089601')
    expect(() => new ProtoWriter().int(1, 0.5)).toThrow(RangeError)
  })
})

describe('ONNX encoder', () => {
  it('writes a model ONNX Runtime loads and runs with the expected values', async () => {
    // y = Gemm(x, W, b, transB=1) then LeakyRelu(alpha=0.5), then ReduceSum over axis 1 (axes as an int64 input).
    const bytes = encodeModel({
      irVersion: 8,
      opsetVersion: 17,
      producerName: 'test',
      producerVersion: '0',
      metadata: { note: 'hello' },
      graph: {
        name: 'g',
        nodes: [
          { opType: 'Gemm', inputs: ['x', 'W', 'b'], outputs: ['h'], attributes: [int('transB', 1)] },
          { opType: 'LeakyRelu', inputs: ['h'], outputs: ['a'], attributes: [float('alpha', 0.5)] },
          { opType: 'ReduceSum', inputs: ['a', 'axes'], outputs: ['y'], attributes: [int('keepdims', 0)] },
          { opType: 'Transpose', inputs: ['a'], outputs: ['aT'], attributes: [ints('perm', [1, 0])] }
        ],
        initializers: [
          { name: 'W', dims: [2, 3], data: Float32Array.from([1, 2, 3, -1, -1, -1]) },
          { name: 'b', dims: [2], data: Float32Array.from([0.5, 0]) },
          { name: 'axes', dims: [1], data: BigInt64Array.from([1n]) }
        ],
        inputs: [{ name: 'x', shape: ['batch', 3] }],
        outputs: [
          { name: 'y', shape: ['batch'] },
          { name: 'aT', shape: [2, 'batch'] }
        ]
      }
    })
    const session = await ort.InferenceSession.create(bytes)
    expect(session.inputNames).toEqual(['x'])
    expect(session.outputNames).toEqual(['y', 'aT'])
    const out = await session.run({ x: new ort.Tensor('float32', Float32Array.from([1, 1, 1, 0, 0, 2]), [2, 3]) })
    // row0: h = [6.5, -3] → a = [6.5, -1.5] → 5; row1: h = [6.5, -2] → a = [6.5, -1] → 5.5
    expect(Array.from(out.y!.data as Float32Array)).toEqual([5, 5.5])
    expect(Array.from(out.aT!.data as Float32Array)).toEqual([6.5, 6.5, -1.5, -1])
    await session.release()
  })

  it('rejects an initializer whose data does not fill its dims', () => {
    const model = {
      irVersion: 8,
      opsetVersion: 17,
      producerName: 't',
      producerVersion: '0',
      graph: { name: 'g', nodes: [], initializers: [{ name: 'W', dims: [2, 2], data: new Float32Array(3) }], inputs: [], outputs: [] }
    }
    expect(() => encodeModel(model)).toThrow(/W: dims 2x2 need 4 values, got 3/)
  })
})
