import { createHash } from 'node:crypto'
import { lstatSync, readFileSync, renameSync } from 'node:fs'
import { basename, join } from 'node:path'
import { z } from 'zod'
import { sha256FileSync } from '../files/regular-file'
import { writePrivateFile } from '../files/private-files'

/**
 * The record of the text model packs `models.installText` installed: `<data>/installed-packs.json`,
 * with the size and SHA-256 of every file it copied, hashed as it was written. A pack folder under
 * `<data>/models/` counts as installed only when this record names it and its files still match,
 * so a folder that got there another way (planted by a crafted backup, copied by hand) never
 * becomes a profile's text model without the install step's checks and trial analysis.
 */
export const INSTALLED_PACKS_FILE = 'installed-packs.json'

const fileRecord = z.object({ bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })
const recordSchema = z.object({
  id: z.string(),
  folder: z.string(),
  installedAt: z.string(),
  /** Every file of the pack, by '/'-path inside it. */
  files: z.record(z.string(), fileRecord)
})
export type InstalledPackRecord = z.infer<typeof recordSchema>
export type PackFiles = InstalledPackRecord['files']
const registrySchema = z.object({ formatVersion: z.literal(1), packs: z.array(recordSchema) })

const registryPath = (dataDir: string) => join(dataDir, INSTALLED_PACKS_FILE)

export function readInstalledPacks(dataDir: string): InstalledPackRecord[] {
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(registryPath(dataDir), 'utf8'))
  } catch {
    return []
  }
  const parsed = registrySchema.safeParse(raw)
  return parsed.success ? parsed.data.packs : []
}

/** Adds (or replaces, for a reinstalled folder) the record of a pack just installed into `<data>/models/<folder>`. */
export function recordInstalledPack(dataDir: string, record: Omit<InstalledPackRecord, 'installedAt'>): void {
  const packs = readInstalledPacks(dataDir).filter((p) => p.folder !== record.folder)
  packs.push({ ...record, installedAt: new Date().toISOString() })
  const tmp = `${registryPath(dataDir)}.tmp`
  writePrivateFile(tmp, JSON.stringify({ formatVersion: 1, packs }, null, 2))
  renameSync(tmp, registryPath(dataDir))
}

/** Hashes of files already checked, by identity and change time: a listing does not re-read a 500 MB model. */
const verified = new Map<string, string>()
const identity = (st: { dev: number; ino: number; size: number; mtimeMs: number }) => `${st.dev}:${st.ino}:${st.size}:${st.mtimeMs}`

/**
 * Why the pack folder `dir` (inside `<data>/models/`) is not an installed, verified pack, or null
 * when it is one: it must be recorded, and every recorded file must still be a regular file (not
 * a link) with the recorded size and SHA-256.
 */
export function installedPackProblem(dataDir: string, dir: string): string | null {
  const record = readInstalledPacks(dataDir).find((p) => p.folder === basename(dir))
  if (!record) return 'was not installed through Haru (no install record); install it with Settings → Text model or `haru models install-text-pack`'
  for (const [rel, want] of Object.entries(record.files)) {
    const path = join(dir, ...rel.split('/'))
    const st = lstatSync(path, { throwIfNoEntry: false })
    if (!st?.isFile()) return `has changed since it was installed: ${rel} is ${st ? 'no longer a regular file' : 'missing'}`
    if (st.size !== want.bytes) return `has changed since it was installed: ${rel} has ${st.size} bytes, ${want.bytes} were installed`
    const key = identity(st)
    if (verified.get(path) === key) continue
    const actual = sha256FileSync(path)
    if (actual !== want.sha256) return `has changed since it was installed: the SHA-256 of ${rel} is ${actual}, ${want.sha256} was installed`
    verified.set(path, key)
  }
  return null
}

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex')
