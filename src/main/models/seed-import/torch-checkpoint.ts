import { unzipSync } from 'fflate'
import { PickleError, unpickle, type Buildable, type PickleGlobal } from './pickle'
import { crc32, readCentralCrcs } from './zip-crc'

/**
 * Reads a PyTorch ≥1.6 checkpoint (`torch.save` zip: `<prefix>/data.pkl`, `<prefix>/data/<key>`
 * raw storages, `<prefix>/byteorder`) holding a state_dict, without Python and without running
 * anything from the file: the pickle goes through the restricted reader with a state_dict-only
 * allow-list.
 */

export type CheckpointErrorCode =
  | 'not-a-checkpoint'
  | 'legacy-format'
  | 'bad-zip'
  | 'unsafe-pickle'
  | 'bad-pickle'
  | 'missing-storage'
  | 'bad-tensor'
  | 'not-a-state-dict'

export class CheckpointError extends Error {
  override readonly name = 'CheckpointError'
  constructor(
    readonly code: CheckpointErrorCode,
    message: string,
    options?: { cause?: unknown }
  ) {
    super(message, options)
  }
}

export type TorchDtype = 'float32' | 'float64' | 'float16' | 'bfloat16' | 'int64' | 'int32' | 'int16' | 'int8' | 'uint8' | 'bool'

/**
 * One tensor, materialised contiguously (row-major) whatever its strides in the file.
 * Floating dtypes become Float32Array, integer and bool dtypes BigInt64Array.
 */
export interface TorchTensor {
  readonly dtype: TorchDtype
  readonly shape: readonly number[]
  /** Strides (in elements) and offset the tensor had inside its storage in the checkpoint. */
  readonly strides: readonly number[]
  readonly storageOffset: number
  readonly data: Float32Array | BigInt64Array
}

const STORAGE_DTYPES: Record<string, { dtype: TorchDtype; size: number }> = {
  FloatStorage: { dtype: 'float32', size: 4 },
  DoubleStorage: { dtype: 'float64', size: 8 },
  HalfStorage: { dtype: 'float16', size: 2 },
  BFloat16Storage: { dtype: 'bfloat16', size: 2 },
  LongStorage: { dtype: 'int64', size: 8 },
  IntStorage: { dtype: 'int32', size: 4 },
  ShortStorage: { dtype: 'int16', size: 2 },
  CharStorage: { dtype: 'int8', size: 1 },
  ByteStorage: { dtype: 'uint8', size: 1 },
  BoolStorage: { dtype: 'bool', size: 1 }
}

interface StorageRef {
  readonly kind: 'storage'
  readonly dtype: TorchDtype
  readonly itemSize: number
  readonly numel: number
  readonly bytes: Uint8Array
}

/** `collections.OrderedDict`; BUILD may attach `_metadata` (module versions), which is kept aside. */
class PyOrderedDict extends Map<unknown, unknown> implements Buildable {
  attributes: unknown = undefined
  setState(state: unknown): void {
    this.attributes = state
  }
}

const isTensor = (v: unknown): v is TorchTensor =>
  typeof v === 'object' && v !== null && 'dtype' in v && 'data' in v && 'shape' in v

/** 2^28 float32 values = 1 GiB: far beyond any audio/text model here, and refuses absurd sizes cheaply. */
const MAX_TENSOR_ELEMENTS = 2 ** 28
const HOST_LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1

function badTensor(message: string): never {
  throw new CheckpointError('bad-tensor', message)
}

function nonNegativeInts(v: unknown, what: string): number[] {
  if (!Array.isArray(v) || !v.every((x) => Number.isSafeInteger(x) && x >= 0)) {
    badTensor(`${what} must be a tuple of non-negative integers`)
  }
  return v as number[]
}

function half(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1
  const exp = (bits >> 10) & 0x1f
  const frac = bits & 0x3ff
  if (exp === 0) return sign * frac * 2 ** -24
  if (exp === 31) return frac ? NaN : sign * Infinity
  return sign * (1 + frac / 1024) * 2 ** (exp - 15)
}

function readElement(view: DataView, dtype: TorchDtype, at: number, little: boolean): number | bigint {
  switch (dtype) {
    case 'float32':
      return view.getFloat32(at, little)
    case 'float64':
      return view.getFloat64(at, little)
    case 'float16':
      return half(view.getUint16(at, little))
    case 'bfloat16': {
      const b = new DataView(new ArrayBuffer(4))
      b.setUint16(0, view.getUint16(at, little), false)
      return b.getFloat32(0, false)
    }
    case 'int64':
      return view.getBigInt64(at, little)
    case 'int32':
      return BigInt(view.getInt32(at, little))
    case 'int16':
      return BigInt(view.getInt16(at, little))
    case 'int8':
      return BigInt(view.getInt8(at))
    case 'uint8':
    case 'bool':
      return BigInt(view.getUint8(at))
  }
}

function rebuildTensor(args: unknown[], littleEndian: boolean): TorchTensor {
  const [storage, offset, sizeArg, strideArg] = args as [StorageRef, unknown, unknown, unknown]
  if (typeof storage !== 'object' || storage === null || storage.kind !== 'storage') {
    badTensor('_rebuild_tensor_v2 without a storage')
  }
  if (!Number.isSafeInteger(offset) || (offset as number) < 0) badTensor('bad storage offset')
  const shape = nonNegativeInts(sizeArg, 'tensor size')
  const strides = nonNegativeInts(strideArg, 'tensor stride')
  if (shape.length !== strides.length) badTensor('size and stride have different ranks')
  const numel = shape.reduce((a, b) => a * b, 1)
  if (numel > MAX_TENSOR_ELEMENTS) badTensor(`tensor of ${numel} elements is larger than any model Haru imports`)
  const start = offset as number
  const last = numel === 0 ? start : start + shape.reduce((acc, s, i) => acc + (s - 1) * strides[i]!, 0)
  if (numel > 0 && last >= storage.numel) {
    badTensor(`tensor reaches element ${last} of a storage holding ${storage.numel}`)
  }
  const isFloat = storage.dtype.startsWith('float') || storage.dtype === 'bfloat16'
  const contiguous = shape.every((_, i) => strides[i] === shape.slice(i + 1).reduce((a, b) => a * b, 1) || shape[i] === 1)
  if (storage.dtype === 'float32' && contiguous && littleEndian && HOST_LITTLE_ENDIAN) {
    const at = storage.bytes.byteOffset + start * 4
    const data = new Float32Array(storage.bytes.buffer.slice(at, at + numel * 4))
    return { dtype: storage.dtype, shape, strides, storageOffset: start, data }
  }
  const data = isFloat ? new Float32Array(numel) : new BigInt64Array(numel)
  const view = new DataView(storage.bytes.buffer, storage.bytes.byteOffset, storage.bytes.byteLength)
  const index = new Array<number>(shape.length).fill(0)
  let src = start
  for (let n = 0; n < numel; n++) {
    const v = readElement(view, storage.dtype, src * storage.itemSize, littleEndian)
    if (isFloat) (data as Float32Array)[n] = v as number
    else (data as BigInt64Array)[n] = v as bigint
    // Odometer increment over the shape, tracking the storage position through the strides.
    for (let d = shape.length - 1; d >= 0; d--) {
      index[d]!++
      src += strides[d]!
      if (index[d]! < shape[d]!) break
      src -= strides[d]! * shape[d]!
      index[d] = 0
    }
  }
  return { dtype: storage.dtype, shape, strides, storageOffset: start, data }
}

function stateDictGlobals(littleEndian: boolean): Map<string, PickleGlobal> {
  const globals = new Map<string, PickleGlobal>()
  const add = (module: string, name: string, call?: (args: unknown[]) => unknown) =>
    globals.set(`${module}.${name}`, call ? { module, name, call } : { module, name })
  add('collections', 'OrderedDict', (args) => {
    const dict = new PyOrderedDict()
    const [pairs] = args
    if (Array.isArray(pairs)) for (const p of pairs) if (Array.isArray(p) && p.length === 2) dict.set(p[0], p[1])
    return dict
  })
  add('torch._utils', '_rebuild_tensor_v2', (args) => rebuildTensor(args, littleEndian))
  add('torch._utils', '_rebuild_parameter', (args) => args[0])
  // Tensors with Python-side state are wrapped as (func, type, args, state); only plain types pass.
  add('torch._utils', '_rebuild_from_type_v2', (args) => {
    const [func, type, inner] = args as [PickleGlobal, PickleGlobal, unknown[]]
    const typeName = `${type?.module}.${type?.name}`
    if (typeName !== 'torch._tensor.Tensor' && typeName !== 'torch.nn.parameter.Parameter') {
      throw new PickleError('forbidden-call', `refusing tensor subclass ${typeName}`)
    }
    if (typeof func?.call !== 'function' || !Array.isArray(inner)) throw new PickleError('malformed', 'bad _rebuild_from_type_v2')
    return func.call(inner)
  })
  add('torch._tensor', 'Tensor')
  add('torch.nn.parameter', 'Parameter')
  for (const name of Object.keys(STORAGE_DTYPES)) add('torch', name)
  return globals
}

function unzipCheckpoint(file: Uint8Array): Record<string, Uint8Array> {
  let entries: Record<string, Uint8Array>
  let crcs: Map<string, number>
  try {
    entries = unzipSync(file)
    crcs = readCentralCrcs(file)
  } catch (e) {
    throw new CheckpointError('bad-zip', `the checkpoint zip is damaged: ${(e as Error).message}`, { cause: e })
  }
  for (const [name, data] of Object.entries(entries)) {
    const expected = crcs.get(name)
    if (expected !== undefined && expected !== crc32(data)) {
      throw new CheckpointError('bad-zip', `the checkpoint zip is damaged: CRC mismatch in ${name}`)
    }
  }
  return entries
}

/** Reads every tensor of a state_dict checkpoint, in the file's key order. */
export function readTorchStateDict(file: Uint8Array): Map<string, TorchTensor> {
  const isZip = file[0] === 0x50 && file[1] === 0x4b && file[2] === 0x03 && file[3] === 0x04
  if (!isZip) {
    if (file[0] === 0x80) {
      throw new CheckpointError(
        'legacy-format',
        'this is a pre-1.6 (non-zip) PyTorch checkpoint; re-save it with torch.save(state_dict, path) from PyTorch ≥ 1.6'
      )
    }
    throw new CheckpointError('not-a-checkpoint', 'not a PyTorch checkpoint (expected a zip archive)')
  }
  const entries = unzipCheckpoint(file)
  const pklNames = Object.keys(entries).filter((n) => /^[^/]+\/data\.pkl$/.test(n))
  if (pklNames.length !== 1) {
    throw new CheckpointError('not-a-checkpoint', `expected exactly one <name>/data.pkl in the zip, found ${pklNames.length}`)
  }
  const prefix = pklNames[0]!.slice(0, -'data.pkl'.length)
  const byteorder = entries[`${prefix}byteorder`]
  const order = byteorder ? new TextDecoder().decode(byteorder).trim() : 'little'
  if (order !== 'little' && order !== 'big') throw new CheckpointError('not-a-checkpoint', `unknown byteorder "${order}"`)

  const persistentLoad = (pid: unknown): StorageRef => {
    if (!Array.isArray(pid) || pid.length !== 5 || pid[0] !== 'storage') {
      throw new PickleError('malformed', 'persistent id is not a storage reference')
    }
    const [, type, key, , numel] = pid as [string, PickleGlobal, unknown, unknown, unknown]
    const info = type?.module === 'torch' ? STORAGE_DTYPES[type.name] : undefined
    if (!info) throw new PickleError('malformed', 'persistent id names no known storage type')
    if (typeof key !== 'string' || !Number.isSafeInteger(numel) || (numel as number) < 0) {
      throw new PickleError('malformed', 'bad storage key or size')
    }
    const bytes = entries[`${prefix}data/${key}`]
    if (!bytes) throw new CheckpointError('missing-storage', `storage ${key} is referenced but ${prefix}data/${key} is missing`)
    if (bytes.length < (numel as number) * info.size) {
      throw new CheckpointError('missing-storage', `storage ${key} holds ${bytes.length} bytes, needs ${(numel as number) * info.size}`)
    }
    return { kind: 'storage', dtype: info.dtype, itemSize: info.size, numel: numel as number, bytes }
  }

  let root: unknown
  try {
    root = unpickle(entries[pklNames[0]!]!, { globals: stateDictGlobals(order === 'little'), persistentLoad })
  } catch (e) {
    if (e instanceof CheckpointError) throw e
    if (e instanceof PickleError) {
      const unsafe = e.code === 'forbidden-global' || e.code === 'forbidden-opcode' || e.code === 'forbidden-call'
      throw new CheckpointError(unsafe ? 'unsafe-pickle' : 'bad-pickle', `${pklNames[0]}: ${e.message}`, { cause: e })
    }
    throw e
  }
  return toStateDict(root)
}

function toStateDict(value: unknown): Map<string, TorchTensor> {
  if (!(value instanceof Map)) throw new CheckpointError('not-a-state-dict', 'the checkpoint does not hold a dict')
  // Training scripts often wrap the weights: {"state_dict": …} or {"model_state_dict": …}.
  // Unwrapped once only: the memo lets a pickle make a dict contain itself.
  const wrapped = [value.get('state_dict'), value.get('model_state_dict')].find((v) => v instanceof Map)
  const root = (wrapped ?? value) as Map<unknown, unknown>
  const out = new Map<string, TorchTensor>()
  for (const [key, value] of root) {
    if (typeof key !== 'string' || !isTensor(value)) {
      throw new CheckpointError('not-a-state-dict', `entry ${String(key)} is not a tensor: the checkpoint is not a state_dict`)
    }
    out.set(key, value)
  }
  return out
}
