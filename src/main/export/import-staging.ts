import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import type { DiaryFiles } from '../files/diary-files'
import { ensurePrivateDir } from '../files/private-files'

/**
 * Recordings checked but not yet placed: each is read from the export, checked and written here
 * (inside the data folder, so placing it is a rename) before the next is read, so an import holds
 * one recording in memory at a time, whatever the size of the backup. Written as the diary writes
 * its audio (sealed when encrypted), so what is renamed into place is already in its final form.
 */
export class Staging {
  private dir: string | null = null
  private count = 0
  constructor(private readonly files: DiaryFiles) {}

  put(bytes: Uint8Array): string {
    this.dir ??= join(this.files.dataDir, `.import-${randomBytes(6).toString('hex')}`)
    ensurePrivateDir(this.dir)
    const path = join(this.dir, `${this.count++}.wav`)
    this.files.writeWhole(path, [bytes])
    return path
  }

  dispose(): void {
    if (this.dir) rmSync(this.dir, { recursive: true, force: true })
  }
}
