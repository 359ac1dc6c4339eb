import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { HaruApiError } from '../../shared/api/errors'
import { writePrivateFileAtomic } from './private-files'
import { isSealed, openWhole, SealedFileError, sealWhole, type SealKey } from './sealed'

/**
 * How the diary's own audio is written and read: sealed (AES-256-GCM records, sealed.ts) in an
 * encrypted folder, plain otherwise. Memos, calibration takes, import staging and exports all go
 * through one of these (recordings in progress through recordings.ts, which appends records);
 * nothing else in Haru opens an audio file of the data folder. Reading tells a sealed file from a
 * plain one by its first bytes, so a folder half-way through being converted reads either way;
 * writing follows the folder. The key is the session's: it is wiped when the diary locks.
 */
export class DiaryFiles {
  private seal: SealKey | null
  /** Fixed for the object's life: after the key is wiped, writing refuses instead of falling back to plain. */
  readonly sealing: boolean

  constructor(
    readonly dataDir: string,
    seal: SealKey | null
  ) {
    this.seal = seal ? { key: Buffer.from(seal.key), keyId: Buffer.from(seal.keyId) } : null
    this.sealing = seal !== null
  }

  /** The key sealed records are written with; null in a plain folder. Only recordings.ts needs it. */
  get sealKey(): SealKey | null {
    if (this.sealing && !this.seal) throw new HaruApiError('locked', 'the diary was locked; nothing was written')
    return this.seal
  }

  /** Writes a whole file through a temporary name and a rename (sealed first when the folder is encrypted). */
  writeWhole(target: string, parts: readonly Uint8Array[], afterTemp?: () => void): void {
    const seal = this.sealKey
    writePrivateFileAtomic(target, seal ? sealWhole(seal, parts) : parts, afterTemp)
  }

  /** The bytes of a file as they were given to `writeWhole`, checked when sealed. */
  read(path: string): Buffer {
    return this.open(readFileSync(path), path)
  }

  /** Plaintext of bytes read from a file of this folder (sealed or plain). */
  open(bytes: Buffer, path: string): Buffer {
    if (!isSealed(bytes)) return bytes
    if (!this.seal) throw new HaruApiError('locked', `${this.name(path)} is encrypted and the diary is not unlocked`)
    try {
      return openWhole(bytes, this.seal, this.name(path))
    } catch (err) {
      // A damaged or foreign file is the storage's problem, told in a sentence (never "bad decrypt").
      if (err instanceof SealedFileError) throw new HaruApiError('storage', err.message)
      throw err
    }
  }

  sha256(path: string): string {
    return createHash('sha256').update(this.read(path)).digest('hex')
  }

  /** Forgets the key (the diary locked); the object cannot read sealed files any more. */
  dispose(): void {
    this.seal?.key.fill(0)
    this.seal = null
  }

  private name(path: string): string {
    const rel = relative(this.dataDir, path)
    return rel && !rel.startsWith('..') ? rel.split('\\').join('/') : path
  }
}

/**
 * Files of a folder named by path (tests, tools): plain only. An encrypted folder refuses, so
 * nothing can write plain audio into it by passing its path where its open session belongs.
 */
export function filesOf(folder: string | DiaryFiles): DiaryFiles {
  if (typeof folder !== 'string') return folder
  if (existsSync(join(folder, 'lock.json'))) throw new HaruApiError('locked', `${folder} is an encrypted diary; open it (and unlock it) first`)
  return new DiaryFiles(folder, null)
}
