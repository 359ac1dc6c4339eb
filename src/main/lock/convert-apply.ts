import { existsSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { HaruApiError } from '../../shared/api/errors'
import { crashPoint } from '../crash-points'
import { fsyncDir } from '../files/durable'
import { ensurePrivateDir } from '../files/private-files'

/** Where a conversion stages its files and records its commit (inside the data folder, so applying it is renames). */
export const CONVERT_DIR = '.haru-convert'
/** An owner file untouched this long belongs to a process that died (its heartbeat is every 5 s). */
const STALE_OWNER_MS = 2 * 60_000

export interface ConversionPlan {
  kind: 'enable' | 'disable'
  keyId: string
  /** Staged files (relative, '/') renamed over their originals. */
  moves: string[]
  /** Files of the old state removed before the moves (the old database's WAL, leftovers). */
  removes: string[]
  removeDirs: string[]
  /** Removed after every move (disabling: the keyring). */
  removeLast: string[]
}

const abs = (root: string, rel: string) => join(root, ...rel.split('/'))

/**
 * Rolls the committed conversion forward. Idempotent: a file already moved is skipped, one
 * already removed is fine, so a crash anywhere in here is finished by the next call. The commit
 * record is deleted only after everything is in place and flushed; until then nothing opens the
 * database (recoverConversion runs before it).
 */
export function applyConversion(dataDir: string): void {
  const dir = join(dataDir, CONVERT_DIR)
  const commit = join(dir, 'commit.json')
  const plan = JSON.parse(readFileSync(commit, 'utf8')) as ConversionPlan
  const touched = new Set<string>([dataDir])
  for (const rel of plan.removes) rmSync(abs(dataDir, rel), { force: true })
  for (const rel of plan.removeDirs) rmSync(abs(dataDir, rel), { recursive: true, force: true })
  let n = 0
  for (const rel of plan.moves) {
    const from = abs(join(dir, 'files'), rel)
    const to = abs(dataDir, rel)
    if (existsSync(from)) {
      ensurePrivateDir(dirname(to))
      renameSync(from, to)
      touched.add(dirname(to))
      crashPoint('lock.convert.moved')
    } else if (!existsSync(to)) {
      throw new HaruApiError('storage', `turning the diary's encryption ${plan.kind === 'enable' ? 'on' : 'off'} cannot be finished: ${rel} is missing from both the diary and its staging folder`)
    }
    if (++n === 1) crashPoint('lock.convert.database-moved')
  }
  for (const d of touched) fsyncDir(d)
  for (const rel of plan.removeLast) rmSync(abs(dataDir, rel), { force: true })
  fsyncDir(dataDir)
  crashPoint('lock.convert.applied')
  rmSync(commit, { force: true })
  fsyncDir(dir)
  rmSync(dir, { recursive: true, force: true })
}

function ownerAlive(dir: string): boolean {
  const owner = join(dir, 'owner.json')
  let pid: number
  let mtime: number
  try {
    pid = (JSON.parse(readFileSync(owner, 'utf8')) as { pid: number }).pid
    mtime = statSync(owner).mtimeMs
  } catch {
    return false
  }
  if (pid === process.pid || Date.now() - mtime > STALE_OWNER_MS) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as { code?: string }).code === 'EPERM'
  }
}

/**
 * Run first whenever a data folder is opened: finishes a committed conversion a crash
 * interrupted, or removes an uncommitted one. A conversion still running in another live process
 * is left alone, and the folder refused until it ends.
 */
export function recoverConversion(dataDir: string): 'none' | 'rolled-back' | 'rolled-forward' {
  const dir = join(dataDir, CONVERT_DIR)
  if (!existsSync(dir)) return 'none'
  if (ownerAlive(dir)) throw HaruApiError.because('unavailable', 'another Haru process is turning this diary\'s encryption on or off; try again when it is done', 'lock-converting')
  if (existsSync(join(dir, 'commit.json'))) {
    applyConversion(dataDir)
    return 'rolled-forward'
  }
  rmSync(dir, { recursive: true, force: true })
  return 'rolled-back'
}
