/**
 * CRC-32 check of zip entries. fflate's unzipSync extracts without verifying checksums, and
 * PyTorch stores tensors uncompressed, so a flipped byte in a downloaded checkpoint would
 * otherwise silently become a wrong weight.
 */

const TABLE = (() => {
  const t = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    t[n] = c >>> 0
  }
  return t
})()

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff
  for (let i = 0; i < data.length; i++) c = TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

const EOCD_SIGNATURE = 0x06054b50
const CENTRAL_SIGNATURE = 0x02014b50
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50
const ZIP64_EOCD_SIGNATURE = 0x06064b50

/** Entry name → CRC-32 from the central directory. Throws a plain Error on a malformed directory. */
export function readCentralCrcs(zip: Uint8Array): Map<string, number> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength)
  let eocd = -1
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD_SIGNATURE) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw new Error('no end-of-central-directory record')
  let count = view.getUint16(eocd + 10, true)
  let offset = view.getUint32(eocd + 16, true)
  if ((count === 0xffff || offset === 0xffffffff) && eocd >= 20) {
    const locator = eocd - 20
    if (view.getUint32(locator, true) === ZIP64_LOCATOR_SIGNATURE) {
      const z64 = Number(view.getBigUint64(locator + 8, true))
      if (z64 + 56 > zip.length || view.getUint32(z64, true) !== ZIP64_EOCD_SIGNATURE) {
        throw new Error('bad zip64 end-of-central-directory record')
      }
      count = Number(view.getBigUint64(z64 + 32, true))
      offset = Number(view.getBigUint64(z64 + 48, true))
    }
  }
  const crcs = new Map<string, number>()
  const names = new TextDecoder()
  for (let i = 0; i < count; i++) {
    if (offset + 46 > zip.length || view.getUint32(offset, true) !== CENTRAL_SIGNATURE) {
      throw new Error(`central directory entry ${i} is damaged`)
    }
    const nameLength = view.getUint16(offset + 28, true)
    const extraLength = view.getUint16(offset + 30, true)
    const commentLength = view.getUint16(offset + 32, true)
    if (offset + 46 + nameLength > zip.length) throw new Error(`central directory entry ${i} is truncated`)
    const name = names.decode(zip.subarray(offset + 46, offset + 46 + nameLength))
    crcs.set(name, view.getUint32(offset + 16, true))
    offset += 46 + nameLength + extraLength + commentLength
  }
  return crcs
}
