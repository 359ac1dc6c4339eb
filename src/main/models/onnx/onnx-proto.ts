import { ProtoWriter } from './protobuf'

/**
 * A hand-written subset of onnx.proto (ModelProto, GraphProto, NodeProto, TensorProto,
 * ValueInfoProto, AttributeProto): enough to serialise small inference graphs with float32 /
 * int64 initializers. Field numbers are those of onnx/onnx.proto.
 */

export const ONNX_FLOAT = 1
export const ONNX_INT64 = 7

export type Attribute =
  | { name: string; kind: 'int'; value: number }
  | { name: string; kind: 'ints'; value: readonly number[] }
  | { name: string; kind: 'float'; value: number }
  | { name: string; kind: 'string'; value: string }

export interface OnnxNode {
  opType: string
  inputs: readonly string[]
  outputs: readonly string[]
  name?: string
  attributes?: readonly Attribute[]
}

export type Initializer =
  | { name: string; dims: readonly number[]; data: Float32Array }
  | { name: string; dims: readonly number[]; data: BigInt64Array }

export interface ValueInfo {
  name: string
  /** A number is a fixed dimension, a string a symbolic one (e.g. 'batch'). */
  shape: readonly (number | string)[]
  elemType?: number
}

export interface OnnxGraph {
  name: string
  nodes: readonly OnnxNode[]
  initializers: readonly Initializer[]
  inputs: readonly ValueInfo[]
  outputs: readonly ValueInfo[]
}

export interface OnnxModel {
  graph: OnnxGraph
  opsetVersion: number
  irVersion: number
  producerName: string
  producerVersion: string
  docString?: string
  metadata?: Record<string, string>
}

const ATTR_TYPE = { float: 1, int: 2, string: 3, ints: 7 } as const

export const ints = (name: string, value: readonly number[]): Attribute => ({ name, kind: 'ints', value })
export const int = (name: string, value: number): Attribute => ({ name, kind: 'int', value })
export const float = (name: string, value: number): Attribute => ({ name, kind: 'float', value })
export const str = (name: string, value: string): Attribute => ({ name, kind: 'string', value })

function encodeAttribute(a: Attribute): ProtoWriter {
  const w = new ProtoWriter().string(1, a.name)
  switch (a.kind) {
    case 'float':
      w.float(2, a.value)
      break
    case 'int':
      w.int(3, a.value)
      break
    case 'string':
      w.string(4, a.value)
      break
    case 'ints':
      w.ints(8, a.value)
      break
  }
  return w.int(20, ATTR_TYPE[a.kind])
}

function encodeNode(n: OnnxNode): ProtoWriter {
  const w = new ProtoWriter()
  for (const i of n.inputs) w.string(1, i)
  for (const o of n.outputs) w.string(2, o)
  if (n.name) w.string(3, n.name)
  w.string(4, n.opType)
  for (const a of n.attributes ?? []) w.message(5, encodeAttribute(a))
  return w
}

/** Little-endian raw bytes regardless of the host's byte order. */
function rawBytes(data: Float32Array | BigInt64Array): Uint8Array {
  const itemSize = data instanceof Float32Array ? 4 : 8
  const out = new Uint8Array(data.length * itemSize)
  const view = new DataView(out.buffer)
  if (data instanceof Float32Array) data.forEach((v, i) => view.setFloat32(i * 4, v, true))
  else data.forEach((v, i) => view.setBigInt64(i * 8, v, true))
  return out
}

function encodeTensor(t: Initializer): ProtoWriter {
  const expected = t.dims.reduce((a, b) => a * b, 1)
  if (expected !== t.data.length) {
    throw new Error(`initializer ${t.name}: dims ${t.dims.join('x')} need ${expected} values, got ${t.data.length}`)
  }
  return new ProtoWriter()
    .ints(1, t.dims)
    .int(2, t.data instanceof Float32Array ? ONNX_FLOAT : ONNX_INT64)
    .string(8, t.name)
    .bytes(9, rawBytes(t.data))
}

function encodeValueInfo(v: ValueInfo): ProtoWriter {
  const shape = new ProtoWriter()
  for (const d of v.shape) {
    shape.message(1, typeof d === 'number' ? new ProtoWriter().int(1, d) : new ProtoWriter().string(2, d))
  }
  const tensorType = new ProtoWriter().int(1, v.elemType ?? ONNX_FLOAT).message(2, shape)
  return new ProtoWriter().string(1, v.name).message(2, new ProtoWriter().message(1, tensorType))
}

function encodeGraph(g: OnnxGraph): ProtoWriter {
  const w = new ProtoWriter()
  for (const n of g.nodes) w.message(1, encodeNode(n))
  w.string(2, g.name)
  for (const t of g.initializers) w.message(5, encodeTensor(t))
  for (const i of g.inputs) w.message(11, encodeValueInfo(i))
  for (const o of g.outputs) w.message(12, encodeValueInfo(o))
  return w
}

export function encodeModel(m: OnnxModel): Uint8Array {
  const w = new ProtoWriter()
    .int(1, m.irVersion)
    .string(2, m.producerName)
    .string(3, m.producerVersion)
  if (m.docString) w.string(6, m.docString)
  w.message(7, encodeGraph(m.graph))
  w.message(8, new ProtoWriter().string(1, '').int(2, m.opsetVersion))
  for (const [key, value] of Object.entries(m.metadata ?? {})) {
    w.message(14, new ProtoWriter().string(1, key).string(2, value))
  }
  return w.finish()
}
