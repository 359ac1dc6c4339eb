import { createHash } from 'node:crypto'
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats } from 'node:fs'
import { open } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * Reading a file someone named (a CLI argument, a file inside an import, a model pack, a WAV the
 * analysis process is asked to decode): regular files only, size checked before a byte is read.
 * The file is opened non-blocking, so a named pipe cannot hang the process at `open`, and checked
 * with `fstat` on the open descriptor, so what is read is what was checked (a symlink to
 * /dev/zero is a device, refused; it can no longer grow a buffer without end).
 */
export class UnusableFileError extends Error {
  override readonly name = 'UnusableFileError'
  readonly code = 'unusable-file'
}

export interface ReadLimits {
  /** Larger files are refused before reading. */
  maxBytes: number
  /** false: a symbolic link as the last part of the path is refused (imports, model packs). Default true. */
  followLinks?: boolean
}

const O_NONBLOCK = constants.O_NONBLOCK ?? 0
const O_NOFOLLOW = constants.O_NOFOLLOW ?? 0
const flags = (limits: ReadLimits) => constants.O_RDONLY | O_NONBLOCK | (limits.followLinks === false ? O_NOFOLLOW : 0)

export function describeKind(st: Stats): string {
  if (st.isDirectory()) return 'a folder'
  if (st.isSymbolicLink()) return 'a symbolic link'
  if (st.isFIFO()) return 'a named pipe'
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device'
  if (st.isSocket()) return 'a socket'
  return 'not a regular file'
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 2 : 0)} MB`

function check(path: string, st: Stats, limits: ReadLimits): void {
  if (!st.isFile()) throw new UnusableFileError(`${path} is ${describeKind(st)}, not a regular file`)
  if (st.size > limits.maxBytes) throw new UnusableFileError(`${path} is too large (${mb(st.size)}; at most ${mb(limits.maxBytes)})`)
}

function openFailed(path: string, err: unknown, limits: ReadLimits): unknown {
  // O_NOFOLLOW on a link fails with ELOOP (Linux) or EMLINK (FreeBSD); either way: a link, refused.
  const code = (err as { code?: unknown }).code
  if (limits.followLinks === false && (code === 'ELOOP' || code === 'EMLINK')) return new UnusableFileError(`${path} is a symbolic link; links are not followed`)
  return err
}

export function readRegularFileSync(path: string, limits: ReadLimits): Buffer {
  let fd: number
  try {
    fd = openSync(path, flags(limits))
  } catch (err) {
    throw openFailed(path, err, limits)
  }
  try {
    const st = fstatSync(fd)
    check(path, st, limits)
    const out = Buffer.allocUnsafe(st.size)
    let done = 0
    while (done < st.size) {
      const n = readSync(fd, out, done, st.size - done, done)
      if (n === 0) break
      done += n
    }
    return done === st.size ? out : out.subarray(0, done)
  } finally {
    closeSync(fd)
  }
}

export async function readRegularFile(path: string, limits: ReadLimits): Promise<Buffer> {
  const handle = await open(path, flags(limits)).catch((err: unknown) => {
    throw openFailed(path, err, limits)
  })
  try {
    const st = await handle.stat()
    check(path, st, limits)
    const out = Buffer.allocUnsafe(st.size)
    let done = 0
    while (done < st.size) {
      const { bytesRead } = await handle.read(out, done, st.size - done, done)
      if (bytesRead === 0) break
      done += bytesRead
    }
    return done === st.size ? out : out.subarray(0, done)
  } finally {
    await handle.close()
  }
}

/** Size of a regular file, refusing anything else (checked without following a final link when asked). */
export function regularFileSize(path: string, limits: ReadLimits): number {
  const st = limits.followLinks === false ? lstatSync(path) : fstatOf(path)
  check(path, st, limits)
  return st.size
}

function fstatOf(path: string): Stats {
  const fd = openSync(path, constants.O_RDONLY | O_NONBLOCK)
  try {
    return fstatSync(fd)
  } finally {
    closeSync(fd)
  }
}

/**
 * A file inside `root` named by a relative '/'-path, read without following any symbolic link on
 * the way (every folder on the path is checked with lstat, the file is opened O_NOFOLLOW).
 * Returns null when it does not exist.
 */
export function readInsideFolderSync(root: string, relative: string, limits: Omit<ReadLimits, 'followLinks'>): Buffer | null {
  const parts = relative.split('/')
  let dir = root
  for (const part of parts.slice(0, -1)) {
    dir = join(dir, part)
    const st = lstatSync(dir, { throwIfNoEntry: false })
    if (!st) return null
    if (!st.isDirectory()) throw new UnusableFileError(`${dir} is ${describeKind(st)}, not a folder; links are not followed`)
  }
  const file = join(dir, parts[parts.length - 1]!)
  const st = lstatSync(file, { throwIfNoEntry: false })
  if (!st) return null
  return readRegularFileSync(file, { ...limits, followLinks: false })
}

/** SHA-256 of a file, read in 1 MB pieces (a recording can be hundreds of megabytes). */
export function sha256FileSync(path: string): string {
  const hash = createHash('sha256')
  const fd = openSync(path, constants.O_RDONLY | O_NONBLOCK)
  try {
    const buf = Buffer.allocUnsafe(2 ** 20)
    for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; ) hash.update(buf.subarray(0, n))
  } finally {
    closeSync(fd)
  }
  return hash.digest('hex')
}
