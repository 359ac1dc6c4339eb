/**
 * The few protobuf wire-format primitives an ONNX writer needs. Messages are built bottom-up:
 * a child message is encoded to bytes first and then embedded as a length-delimited field,
 * so no message tree or reflection is needed.
 */

const WIRE_VARINT = 0
const WIRE_LEN = 2
const WIRE_FIXED32 = 5

export class ProtoWriter {
  private chunks: Uint8Array[] = []
  private length = 0

  private push(bytes: Uint8Array): void {
    this.chunks.push(bytes)
    this.length += bytes.length
  }

  private rawVarint(value: bigint): void {
    // Negative int32/int64 values are sign-extended to 64 bits (10 bytes), as protobuf requires.
    let v = BigInt.asUintN(64, value)
    const out: number[] = []
    while (v >= 0x80n) {
      out.push(Number(v & 0x7fn) | 0x80)
      v >>= 7n
    }
    out.push(Number(v))
    this.push(Uint8Array.from(out))
  }

  private tag(field: number, wire: number): void {
    this.rawVarint(BigInt((field << 3) | wire))
  }

  /** int32, int64, enum and bool fields (all varint-encoded). */
  int(field: number, value: number | bigint): this {
    if (typeof value === 'number' && !Number.isSafeInteger(value)) {
      throw new RangeError(`protobuf field ${field}: ${value} is not a safe integer`)
    }
    this.tag(field, WIRE_VARINT)
    this.rawVarint(BigInt(value))
    return this
  }

  /** Repeated integers, unpacked (ONNX's .proto is proto2, where repeated scalars are not packed by default). */
  ints(field: number, values: readonly (number | bigint)[]): this {
    for (const v of values) this.int(field, v)
    return this
  }

  float(field: number, value: number): this {
    this.tag(field, WIRE_FIXED32)
    const b = new Uint8Array(4)
    new DataView(b.buffer).setFloat32(0, value, true)
    this.push(b)
    return this
  }

  floats(field: number, values: readonly number[]): this {
    for (const v of values) this.float(field, v)
    return this
  }

  bytes(field: number, value: Uint8Array): this {
    this.tag(field, WIRE_LEN)
    this.rawVarint(BigInt(value.length))
    this.push(value)
    return this
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value))
  }

  message(field: number, value: ProtoWriter | Uint8Array): this {
    return this.bytes(field, value instanceof ProtoWriter ? value.finish() : value)
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.length)
    let offset = 0
    for (const c of this.chunks) {
      out.set(c, offset)
      offset += c.length
    }
    return out
  }
}
