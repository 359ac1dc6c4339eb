import { createHash } from 'node:crypto'
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync } from 'node:fs'
import { join } from 'node:path'
import { ensurePrivateDir, openPrivate, writeFully } from '../files/private-files'
import { describeKind, UnusableFileError } from '../files/regular-file'
import type { PackFiles } from './installed-packs'

/** A text pack is a model and a tokenizer: tens to hundreds of MB. Anything past this is not a pack. */
export const MAX_PACK_BYTES = 2 * 2 ** 30

/**
 * Copies a model pack folder, file by file, as regular files only. A symbolic link anywhere in it
 * (the tokenizer folder, model.onnx, a link to /etc/shadow or to /) is refused, as are devices
 * and pipes: `fs.cp` used to copy links verbatim, so the installed pack could run a file nobody
 * checked. Each file is opened without following links, checked with fstat, and hashed as it is
 * written, so the SHA-256 returned is that of the bytes now in `dest`. Hidden files (.DS_Store,
 * .git) are left behind.
 */
export function copyPackFiles(src: string, dest: string): PackFiles {
  const files: PackFiles = {}
  let total = 0
  const walk = (rel: string) => {
    ensurePrivateDir(join(dest, ...rel.split('/').filter(Boolean)))
    for (const name of readdirSync(join(src, ...rel.split('/').filter(Boolean))).sort()) {
      if (name.startsWith('.')) continue
      const relPath = rel ? `${rel}/${name}` : name
      const from = join(src, ...relPath.split('/'))
      const st = lstatSync(from)
      if (st.isSymbolicLink()) throw new UnusableFileError(`${relPath} in the pack is a symbolic link; a model pack must hold its own files`)
      if (st.isDirectory()) walk(relPath)
      else if (st.isFile()) {
        files[relPath] = copyOne(from, join(dest, ...relPath.split('/')), relPath)
        total += files[relPath]!.bytes
        if (total > MAX_PACK_BYTES) throw new UnusableFileError(`the pack is larger than ${MAX_PACK_BYTES / 2 ** 30} GB`)
      } else throw new UnusableFileError(`${relPath} in the pack is ${describeKind(st)}, not a regular file`)
    }
  }
  walk('')
  return files
}

function copyOne(from: string, to: string, relPath: string): { bytes: number; sha256: string } {
  let fd: number
  try {
    fd = openSync(from, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0))
  } catch (err) {
    if ((err as { code?: string }).code === 'ELOOP') throw new UnusableFileError(`${relPath} in the pack is a symbolic link; a model pack must hold its own files`)
    throw err
  }
  const out = openPrivate(to, 'wx')
  try {
    if (!fstatSync(fd).isFile()) throw new UnusableFileError(`${relPath} in the pack is not a regular file`)
    const hash = createHash('sha256')
    const buf = Buffer.allocUnsafe(2 ** 20)
    let bytes = 0
    for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; ) {
      const piece = buf.subarray(0, n)
      hash.update(piece)
      writeFully(out, piece)
      bytes += n
    }
    return { bytes, sha256: hash.digest('hex') }
  } finally {
    closeSync(fd)
    closeSync(out)
  }
}
