import { SeedImportError } from './errors'

/**
 * NumPy `.npy` (format 1.0–3.0) for small float vectors: little-endian float32/float64, C order.
 * The header is a Python dict literal; it is matched field by field, never evaluated.
 */

export interface NpyArray {
  shape: number[]
  dtype: 'float32' | 'float64'
  data: Float64Array
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59] // \x93NUMPY

function bad(message: string): never {
  throw new SeedImportError('bad-npy', message)
}

export function readNpy(bytes: Uint8Array, label = 'npy file'): NpyArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) bad(`${label} is not a .npy file`)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const major = bytes[6]!
  if (major < 1 || major > 3) bad(`${label}: unsupported .npy format version ${major}`)
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true)
  const headerStart = major === 1 ? 10 : 12
  const dataStart = headerStart + headerLength
  if (dataStart > bytes.length) bad(`${label}: truncated header`)
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(headerStart, dataStart))

  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1]
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1]
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1]
  if (descr === undefined || fortran === undefined || shapeText === undefined) bad(`${label}: unreadable header ${header.trim()}`)
  const dtypes: Record<string, { dtype: NpyArray['dtype']; size: number }> = {
    '<f4': { dtype: 'float32', size: 4 },
    '<f8': { dtype: 'float64', size: 8 }
  }
  const type = dtypes[descr]
  if (!type) bad(`${label}: dtype ${descr} is not supported (expected little-endian float32 '<f4' or float64 '<f8')`)
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : bad(`${label}: bad shape (${shapeText})`)))
  const count = shape.reduce((a, b) => a * b, 1)
  if (fortran === 'True' && shape.filter((d) => d > 1).length > 1) bad(`${label}: Fortran-ordered arrays are not supported`)
  if (bytes.length - dataStart < count * type.size) {
    bad(`${label}: holds ${bytes.length - dataStart} data bytes, shape (${shape.join(', ')}) needs ${count * type.size}`)
  }
  const data = new Float64Array(count)
  for (let i = 0; i < count; i++) {
    const at = dataStart + i * type.size
    data[i] = type.size === 4 ? view.getFloat32(at, true) : view.getFloat64(at, true)
  }
  return { shape, dtype: type.dtype, data }
}

/** Writes a 1-D or N-D little-endian float array as .npy format 1.0 (what `np.save` produces). */
export function writeNpy(values: ArrayLike<number>, dtype: NpyArray['dtype'] = 'float32', shape: number[] = [values.length]): Uint8Array {
  const size = dtype === 'float32' ? 4 : 8
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`
  let header = `{'descr': '${dtype === 'float32' ? '<f4' : '<f8'}', 'fortran_order': False, 'shape': ${shapeText}, }`
  // Magic + version + length + header + '\n' is padded with spaces to a multiple of 64 bytes.
  const unpadded = 10 + header.length + 1
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n'
  const out = new Uint8Array(10 + header.length + values.length * size)
  out.set(MAGIC, 0)
  out[6] = 1
  out[7] = 0
  const view = new DataView(out.buffer)
  view.setUint16(8, header.length, true)
  out.set(new TextEncoder().encode(header), 10)
  const dataStart = 10 + header.length
  for (let i = 0; i < values.length; i++) {
    if (size === 4) view.setFloat32(dataStart + i * 4, values[i]!, true)
    else view.setFloat64(dataStart + i * 8, values[i]!, true)
  }
  return out
}
