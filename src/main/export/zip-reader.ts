import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs'
import { inflateRawSync } from 'node:zlib'
import { crc32 } from '../models/seed-import/zip-crc'
import { ExportError } from './errors'

/**
 * Reads a `.zip` backup one entry at a time, straight from the file: nothing is inflated until it
 * is asked for, and then only up to the size the archive's directory declares, which the limits
 * have already checked (per entry, in total, and against its compressed size). A zip bomb is
 * refused from its directory, before a byte is inflated; an entry that inflates past its declared
 * size stops there. Names must be unique (a second `haru-export.json` is refused, never read);
 * encrypted, multi-disk and ZIP64 archives are refused (Haru's exports are none of these).
 */

export interface ZipLimits {
  maxEntries: number
  /** Largest unpacked size of the entry with this name. */
  maxEntryBytes(name: string): number
  /** Largest unpacked size of all entries together. */
  maxTotalBytes: number
  /** Largest unpacked/packed ratio for entries above `ratioFloorBytes` (small files compress however they like). */
  maxRatio: number
  ratioFloorBytes: number
}

interface ZipEntry {
  name: string
  method: number
  crc: number
  compressedSize: number
  size: number
  localOffset: number
}

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50
const MAX_CENTRAL_DIRECTORY = 64 * 2 ** 20

const mb = (n: number) => `${(n / 2 ** 20).toFixed(n < 2 ** 20 ? 2 : 0)} MB`

/** Where the archive's bytes come from: a file read in place, or bytes in memory (a decrypted backup, never written out). */
interface ByteSource {
  size: number
  readAt(position: number, length: number): Buffer
  close(): void
}

function fileSource(path: string): ByteSource {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
  try {
    return { size: fstatSync(fd).size, readAt: (position, length) => readAt(fd, position, length), close: () => closeSync(fd) }
  } catch (err) {
    closeSync(fd)
    throw err
  }
}

function memorySource(bytes: Buffer): ByteSource {
  return {
    size: bytes.length,
    readAt: (position, length) => {
      if (position < 0 || position + length > bytes.length) throw new ExportError('malformed', 'the zip archive ends early; a damaged or cut-off file')
      return bytes.subarray(position, position + length)
    },
    close: () => {}
  }
}

export class ZipArchive {
  private constructor(
    private readonly source: ByteSource,
    readonly path: string,
    private readonly entries: Map<string, ZipEntry>,
    private readonly centralOffset: number
  ) {}

  static open(path: string, limits: ZipLimits): ZipArchive {
    return ZipArchive.over(fileSource(path), path, limits)
  }

  /** An archive held in memory; `name` is how messages call it. */
  static fromBytes(bytes: Buffer, name: string, limits: ZipLimits): ZipArchive {
    return ZipArchive.over(memorySource(bytes), name, limits)
  }

  private static over(source: ByteSource, path: string, limits: ZipLimits): ZipArchive {
    try {
      return new ZipArchive(source, path, ...readDirectory(source, path, limits))
    } catch (err) {
      source.close()
      throw err
    }
  }

  has(name: string): boolean {
    return this.entries.has(name)
  }

  /** The entry's bytes, checked against its declared size and CRC-32; null when there is no such entry. */
  read(name: string): Buffer | null {
    const e = this.entries.get(name)
    if (!e) return null
    const damaged = (why: string) => new ExportError('malformed', `${this.path}: ${name} ${why}; a damaged or crafted archive`)
    const local = this.source.readAt(e.localOffset, 30)
    if (local.readUInt32LE(0) !== LOCAL) throw damaged('has no local header where the directory says')
    const start = e.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28)
    if (start + e.compressedSize > this.centralOffset) throw damaged('runs into the archive directory')
    const packed = this.source.readAt(start, e.compressedSize)
    let data: Buffer
    if (e.method === 0) data = packed
    else {
      try {
        data = inflateRawSync(packed, { maxOutputLength: Math.max(e.size, 1) })
      } catch (err) {
        if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
          throw new ExportError('too-large', `${this.path}: ${name} unpacks to more than the ${e.size} bytes its directory declares; refused`)
        }
        throw damaged(`cannot be inflated (${(err as Error).message})`)
      }
    }
    if (data.length !== e.size) throw damaged(`holds ${data.length} bytes, its directory says ${e.size}`)
    if (crc32(data) !== e.crc) throw damaged('does not match its CRC-32')
    return data
  }

  close(): void {
    this.source.close()
  }
}

function readAt(fd: number, position: number, length: number): Buffer {
  const out = Buffer.alloc(length)
  let done = 0
  while (done < length) {
    const n = readSync(fd, out, done, length - done, position + done)
    if (n === 0) throw new ExportError('malformed', 'the zip archive ends early; a damaged or cut-off file')
    done += n
  }
  return out
}

function readDirectory(source: ByteSource, path: string, limits: ZipLimits): [Map<string, ZipEntry>, number] {
  const malformed = (why: string) => new ExportError('malformed', `${path} is not a readable zip archive (${why})`)
  const tooLarge = (why: string) => new ExportError('too-large', `${path}: ${why}; refused before unpacking anything`)
  const size = source.size
  const tailLength = Math.min(size, 22 + 0xffff)
  const tail = source.readAt(size - tailLength, tailLength)
  let at = -1
  for (let i = tailLength - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD && i + 22 + tail.readUInt16LE(i + 20) === tailLength) {
      at = i
      break
    }
  }
  if (at < 0) throw malformed('no end-of-directory record')
  const count = tail.readUInt16LE(at + 10)
  const centralSize = tail.readUInt32LE(at + 12)
  const centralOffset = tail.readUInt32LE(at + 16)
  if (tail.readUInt16LE(at + 4) !== 0 || tail.readUInt16LE(at + 6) !== 0 || tail.readUInt16LE(at + 8) !== count) throw malformed('split across disks')
  if (count === 0xffff || centralSize === 0xffffffff || centralOffset === 0xffffffff) throw malformed('ZIP64 archives are not supported')
  if (centralOffset + centralSize > size - tailLength + at) throw malformed('its directory lies outside the file')
  if (centralSize > MAX_CENTRAL_DIRECTORY) throw tooLarge(`its directory is ${mb(centralSize)}`)
  if (count > limits.maxEntries) throw tooLarge(`it holds ${count} files (at most ${limits.maxEntries})`)

  const dir = source.readAt(centralOffset, centralSize)
  const entries = new Map<string, ZipEntry>()
  let total = 0
  let p = 0
  for (let i = 0; i < count; i++) {
    if (p + 46 > dir.length || dir.readUInt32LE(p) !== CENTRAL) throw malformed('its directory is damaged')
    const flags = dir.readUInt16LE(p + 8)
    const method = dir.readUInt16LE(p + 10)
    const nameLength = dir.readUInt16LE(p + 28)
    const entry: ZipEntry = {
      name: dir.toString('utf8', p + 46, p + 46 + nameLength),
      method,
      crc: dir.readUInt32LE(p + 16),
      compressedSize: dir.readUInt32LE(p + 20),
      size: dir.readUInt32LE(p + 24),
      localOffset: dir.readUInt32LE(p + 42)
    }
    p += 46 + nameLength + dir.readUInt16LE(p + 30) + dir.readUInt16LE(p + 32)
    const { name } = entry
    if (flags & 1) throw malformed(`${name} is encrypted`)
    if (method !== 0 && method !== 8) throw malformed(`${name} uses compression method ${method}`)
    if (method === 0 && entry.compressedSize !== entry.size) throw malformed(`${name} is stored with two different sizes`)
    if (entry.localOffset + 30 > centralOffset) throw malformed(`${name} starts outside the archive's data`)
    if (entries.has(name)) throw new ExportError('malformed', `${path} holds "${name}" more than once; a damaged or crafted archive, refused`)
    if (entry.size > limits.maxEntryBytes(name)) throw tooLarge(`${name} unpacks to ${mb(entry.size)} (at most ${mb(limits.maxEntryBytes(name))})`)
    if (entry.size > limits.ratioFloorBytes && entry.size > entry.compressedSize * limits.maxRatio) {
      throw tooLarge(`${name} unpacks to ${Math.round(entry.size / Math.max(entry.compressedSize, 1))}× its packed size (a zip bomb?)`)
    }
    total += entry.size
    if (total > limits.maxTotalBytes) throw tooLarge(`its files unpack to more than ${mb(limits.maxTotalBytes)} in all`)
    entries.set(name, entry)
  }
  return [entries, centralOffset]
}
