/**
 * Which text model pack an analysis uses. Every text analysis (entries, memo transcripts) gets its
 * pack folder from `activeTextPack`, nowhere else.
 *
 * The choice is per profile (`textModelId` in profile_settings, null = the shipped default): the
 * analyses, trends and exports it affects are per profile, so one person switching models never
 * changes the basis of another person's history, and the choice travels with a profile's backup.
 * The choice names a pack by its manifest id, not its folder; a chosen pack that is gone or broken
 * falls back to the shipped default and says so (`fallback`), without forgetting the choice, so the
 * pack is used again once it is back.
 */
import { readFileSync } from 'node:fs'
import { basename, join, sep } from 'node:path'
import type { DomainHandlers } from '../../shared/api/contract'
import { HaruApiError } from '../../shared/api/errors'
import type { TextModels, TextPackInfo, TextPackLocation } from '../../shared/api/models-schemas'
import type { TextModelManifest } from '../../shared/models/manifest'
import type { HandlerContext } from '../api/handlers'
import type { Db } from '../db/open'
import { installTextPack } from '../models/text-pack-install'
import { installedPackProblem } from '../models/installed-packs'
import { listPacks, MANIFEST_FILE, type ModelPack } from '../models/packs'
import { getSettings, updateSettings } from '../repos/settings'
import { DEFAULT_TEXT_PACK, importedModelsDir, shippedModelsDir } from '../resources-dir'

type Ctx = Pick<HandlerContext, 'db' | 'dataDir' | 'resourcesDir'>

/** The id of the shipped default (resources/models/text-default/manifest.json), used when it cannot be read. */
export const DEFAULT_TEXT_PACK_ID = 'haru-text-default-v2'

export const defaultTextPackDir = (resourcesDir: string): string => join(shippedModelsDir(resourcesDir), DEFAULT_TEXT_PACK)

export interface InstalledTextPack {
  pack: ModelPack & { manifest: TextModelManifest }
  location: TextPackLocation
}

export interface TextPackListing {
  packs: InstalledTextPack[]
  broken: { dir: string; message: string }[]
}

/** A manifest's `kind` when it is at least JSON, to leave broken voice packs out of the text list. */
function rawKind(dir: string): unknown {
  try {
    return (JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')) as { kind?: unknown }).kind
  } catch {
    return undefined
  }
}

/**
 * Valid text packs, shipped ones first (a shipped id wins over an imported pack with the same id).
 * An imported pack counts only when `models.installText` installed it and its files still match
 * what it installed (installed-packs.ts); any other folder is listed as broken, with the reason.
 */
export async function listTextPacks(ctx: Pick<Ctx, 'dataDir' | 'resourcesDir'>): Promise<TextPackListing> {
  const shipped = shippedModelsDir(ctx.resourcesDir)
  const listing = await listPacks([shipped, importedModelsDir(ctx.dataDir)])
  const packs: InstalledTextPack[] = []
  const unverified: TextPackListing['broken'] = []
  for (const pack of listing.packs) {
    if (pack.manifest.kind !== 'text') continue
    const location = pack.dir.startsWith(shipped + sep) ? 'shipped' : 'imported'
    const problem = location === 'imported' ? installedPackProblem(ctx.dataDir, pack.dir) : null
    if (problem) unverified.push({ dir: pack.dir, message: `${pack.dir} ${problem}` })
    else packs.push({ pack: pack as InstalledTextPack['pack'], location })
  }
  return {
    packs,
    // Folders without a manifest are not packs (e.g. `<data>/models/asr/`); broken voice packs are not ours to report.
    broken: [
      ...listing.broken.filter((b) => b.error.code !== 'missing-manifest' && rawKind(b.dir) !== 'audio').map((b) => ({ dir: b.dir, message: b.error.message })),
      ...unverified
    ]
  }
}

export interface ActiveTextPack {
  /** The pack folder to pass to the `analyze-text` operation. */
  dir: string
  /** The profile's choice (null: the shipped default). */
  chosenId: string | null
  /** Why the chosen pack is not used (the default is used instead), or null. */
  fallback: string | null
}

const chosenTextModel = (db: Db, profileId: number): string | null => getSettings(db, profileId).textModelId ?? null

function fallbackReason(chosenId: string, listing: TextPackListing, defaultId: string): string {
  const broken = listing.broken.find((b) => basename(b.dir) === chosenId)
  if (broken && /not installed through Haru/.test(broken.message)) return `the chosen text model "${chosenId}" was not installed through Haru; the default model "${defaultId}" was used instead`
  const why = broken ? `is broken (${broken.message})` : 'is not installed any more'
  return `the chosen text model "${chosenId}" ${why}; the default model "${defaultId}" was used instead`
}

function resolveChoice(ctx: Ctx, chosenId: string | null, listing: TextPackListing | null): ActiveTextPack & { pack: InstalledTextPack | null } {
  const defaultDir = defaultTextPackDir(ctx.resourcesDir)
  const fromListing = (dir: string) => listing?.packs.find((p) => p.pack.dir === dir) ?? null
  if (chosenId === null || listing === null) return { dir: defaultDir, chosenId, fallback: null, pack: fromListing(defaultDir) }
  const chosen = listing.packs.find((p) => p.pack.manifest.id === chosenId)
  if (chosen) return { dir: chosen.pack.dir, chosenId, fallback: null, pack: chosen }
  const defaultId = fromListing(defaultDir)?.pack.manifest.id ?? DEFAULT_TEXT_PACK_ID
  return { dir: defaultDir, chosenId, fallback: fallbackReason(chosenId, listing, defaultId), pack: fromListing(defaultDir) }
}

/**
 * THE text pack of a profile's analyses. Without a choice it is the shipped default (no folder
 * scan); with one, the installed packs are listed (manifests only, cheap) and the chosen id looked up.
 */
export async function activeTextPack(ctx: Ctx, profileId: number): Promise<ActiveTextPack> {
  const chosenId = chosenTextModel(ctx.db, profileId)
  const { dir, fallback } = resolveChoice(ctx, chosenId, chosenId === null ? null : await listTextPacks(ctx))
  return { dir, chosenId, fallback }
}

export function textPackInfo({ pack, location }: InstalledTextPack): TextPackInfo {
  const m = pack.manifest
  return { id: m.id, name: m.name, version: m.version, license: m.license, description: m.description ?? null, labels: [...m.labels], location }
}

/** What Settings shows: every installed text pack and the profile's choice among them. */
export async function textModels(ctx: Ctx, profileId: number): Promise<TextModels> {
  const listing = await listTextPacks(ctx)
  const chosenId = chosenTextModel(ctx.db, profileId)
  const active = resolveChoice(ctx, chosenId, listing)
  const defaultId = listing.packs.find((p) => p.pack.dir === defaultTextPackDir(ctx.resourcesDir))?.pack.manifest.id ?? DEFAULT_TEXT_PACK_ID
  return {
    packs: listing.packs.map(textPackInfo),
    defaultId,
    chosenId,
    activeId: active.pack?.pack.manifest.id ?? defaultId,
    fallback: active.fallback,
    broken: listing.broken.map((b) => ({ folder: b.dir, message: b.message }))
  }
}

/** Chooses a profile's text model by pack id; null goes back to the default. An id no installed pack has is refused. */
export async function selectTextPack(ctx: Ctx, profileId: number, packId: string | null): Promise<TextModels> {
  getSettings(ctx.db, profileId) // the profile must exist (not-found otherwise) before anything is listed
  if (packId !== null) {
    const listing = await listTextPacks(ctx)
    if (!listing.packs.some((p) => p.pack.manifest.id === packId)) {
      const known = listing.packs.map((p) => p.pack.manifest.id).join(', ')
      throw new HaruApiError('not-found', `no text model pack with id "${packId}" is installed (installed: ${known || 'none'})`, [
        { path: 'packId', message: `unknown text model "${packId}"` }
      ])
    }
  }
  updateSettings(ctx.db, profileId, { textModelId: packId })
  return textModels(ctx, profileId)
}

export const modelsHandlers: DomainHandlers<'models', HandlerContext> = {
  listText: ({ profileId }, ctx) => {
    getSettings(ctx.db, profileId)
    return textModels(ctx, profileId)
  },
  selectText: ({ profileId, packId }, ctx) => selectTextPack(ctx, profileId, packId),
  installText: async ({ path }, ctx) => textPackInfo(await installTextPack(ctx, path))
}
