/**
 * What "current" means: THE one place that decides whether an entry or a memo still needs
 * analysing. The background queue finds its work with these rules, the re-analysis panel counts
 * outdated memos with them, and nothing else in the app keeps its own idea of "outdated".
 *
 * Two halves:
 * - `wantedFor(profile)`: what a current analysis of that profile must have been made with today
 *   (the effective text pack, the voice model and the active baseline).
 * - `CRITERIA`: one rule per part of the work (an entry's text; a memo's voice, words and their
 *   fusion), each an SQL expression that is true when that part is NOT current. A part is judged
 *   on its newest analysis (newest `created_at`, then highest id), the one trends and the UI show.
 *
 * To add a criterion (a per-profile adaptation version, a corrected reading, an automatic baseline,
 * a new default text model…): put what it needs into `Wanted` (and so into `wantedKey`, so earlier
 * failures are retried when it changes), add a `Criterion` here, and teach `work.ts` which analysis
 * brings that part up to date. Everything else (pending lists, counts, progress) follows.
 */
import { loadPack } from '../models/packs'
import type { Db } from '../db/open'
import { activeTextPack } from '../analysis/text-pack-choice'
import { voiceAnalysisSetup } from '../calibration/voice-baseline'

export interface Wanted {
  profileId: number
  /** Null when no text pack can be loaded (nothing could analyse text). */
  text: {
    /** The pack a new analysis would use. */
    modelId: string
    /** Text analyses by any of these pack ids are current (the chosen pack counts while it is missing). */
    accepted: string[]
  } | null
  /** Null when no voice model is installed (voice parts are then not pending: nothing could do them). */
  voice: { modelId: string; baselineId: number | null } | null
}

export type Target = 'entry' | 'memo'
export type Part = 'entry-text' | 'memo-voice' | 'memo-text' | 'memo-fused'

interface Ctx {
  db: Db
  dataDir: string
  resourcesDir: string
}

async function packId(dir: string): Promise<string | null> {
  try {
    return (await loadPack(dir)).manifest.id
  } catch {
    return null
  }
}

export async function wantedFor(ctx: Ctx, profileId: number): Promise<Wanted> {
  const textPack = await activeTextPack(ctx, profileId)
  const textId = await packId(textPack.dir)
  // A chosen pack that went missing: the default stands in for new analyses, but the history it
  // made is not rewritten by another model (it is the writer's choice, and may come back).
  const accepted = textId === null ? [] : textPack.fallback && textPack.chosenId ? [textId, textPack.chosenId] : [textId]
  const voice = await voiceAnalysisSetup(ctx.db, ctx.resourcesDir, profileId)
  return {
    profileId,
    text: textId === null ? null : { modelId: textId, accepted },
    voice: voice ? { modelId: voice.manifest.id, baselineId: voice.choice.baselineId } : null
  }
}

/** What a failure is remembered against: when any of it changes, failed items are tried again. */
export const wantedKey = (w: Wanted): string => JSON.stringify({ text: w.text?.accepted ?? null, voice: w.voice })

/** The named parameters every criterion may use (better-sqlite3 `@name`). */
export function sqlParams(w: Wanted): Record<string, string | number | null> {
  return {
    profileId: w.profileId,
    textAccepted: JSON.stringify(w.text?.accepted ?? []),
    voiceModel: w.voice?.modelId ?? null,
    voiceBaseline: w.voice?.baselineId ?? null,
    wanted: wantedKey(w)
  }
}

/** JavaScript's `trim()` whitespace that diaries contain (ideographic and no-break spaces included). */
const BLANK = 'char(32, 9, 10, 13, 12288, 160)'
const newest = (column: 'entry_id' | 'memo_id', owner: string, source: 'text' | 'audio' | 'fused') =>
  `(SELECT a.id FROM analyses a WHERE a.${column} = ${owner} AND a.source = '${source}' ORDER BY a.created_at DESC, a.id DESC LIMIT 1)`

interface Criterion {
  part: Part
  target: Target
  /** SQL over `e` (entries) and, for memos, `vm` (voice_memos): true when the part is not current. */
  outdated(w: Wanted): string
}

export const CRITERIA: readonly Criterion[] = [
  {
    // An entry with words needs a text analysis by the profile's text model, made after its last edit.
    part: 'entry-text',
    target: 'entry',
    outdated: (w) =>
      w.text === null
        ? '0'
        : `(trim(e.text, ${BLANK}) <> '' AND NOT EXISTS (
             SELECT 1 FROM analyses cur WHERE cur.id = ${newest('entry_id', 'e.id', 'text')}
                AND cur.model_id IN (SELECT value FROM json_each(@textAccepted))
                AND cur.created_at >= e.updated_at))`
  },
  {
    // A memo's voice: by the installed voice model, against the profile's active baseline (null: the default).
    part: 'memo-voice',
    target: 'memo',
    outdated: (w) =>
      w.voice === null
        ? '0'
        : `NOT EXISTS (
             SELECT 1 FROM analyses cur WHERE cur.id = ${newest('memo_id', 'vm.id', 'audio')}
                AND cur.model_id = @voiceModel AND cur.baseline_id IS @voiceBaseline)`
  },
  {
    // A transcript's words: by the profile's text model (an edited transcript is analysed as it is saved).
    part: 'memo-text',
    target: 'memo',
    outdated: (w) =>
      w.text === null
        ? '0'
        : `(trim(coalesce(vm.transcript, ''), ${BLANK}) <> '' AND NOT EXISTS (
             SELECT 1 FROM analyses cur WHERE cur.id = ${newest('memo_id', 'vm.id', 'text')}
                AND cur.model_id IN (SELECT value FROM json_each(@textAccepted))))`
  },
  {
    // Words and voice both analysed: their fusion must be at least as new as both.
    part: 'memo-fused',
    target: 'memo',
    outdated: () =>
      `(EXISTS (SELECT 1 FROM analyses a WHERE a.memo_id = vm.id AND a.source = 'text')
        AND EXISTS (SELECT 1 FROM analyses a WHERE a.memo_id = vm.id AND a.source = 'audio')
        AND NOT EXISTS (
          SELECT 1 FROM analyses f WHERE f.id = ${newest('memo_id', 'vm.id', 'fused')}
             AND f.created_at >= (SELECT a.created_at FROM analyses a WHERE a.id = ${newest('memo_id', 'vm.id', 'text')})
             AND f.created_at >= (SELECT a.created_at FROM analyses a WHERE a.id = ${newest('memo_id', 'vm.id', 'audio')})))`
  }
]

const criteriaOf = (target: Target) => CRITERIA.filter((c) => c.target === target)
const anyOutdated = (target: Target, w: Wanted) => criteriaOf(target).map((c) => c.outdated(w)).join(' OR ')

/** Items the queue holds back for now (just saved by the writer, or failing transiently). */
export interface Held {
  entries: number[]
  memos: number[]
}

export interface PendingItem {
  kind: Target
  id: number
  day: string
}

/** The pending items of a profile as one SQL source: entries and memos, newest day first. */
function pendingSql(w: Wanted): string {
  return `SELECT 'entry' AS kind, e.id AS id, e.entry_date AS day FROM entries e
           WHERE e.profile_id = @profileId AND (${anyOutdated('entry', w)})
             AND e.id NOT IN (SELECT value FROM json_each(@heldEntries))
             AND NOT EXISTS (SELECT 1 FROM analysis_queue_failures f WHERE f.entry_id = e.id AND f.wanted = @wanted)
          UNION ALL
          SELECT 'memo', vm.id, e.entry_date FROM voice_memos vm JOIN entries e ON e.id = vm.entry_id
           WHERE e.profile_id = @profileId AND (${anyOutdated('memo', w)})
             AND vm.id NOT IN (SELECT value FROM json_each(@heldMemos))
             AND NOT EXISTS (SELECT 1 FROM analysis_queue_failures f WHERE f.memo_id = vm.id AND f.wanted = @wanted)`
}

const heldParams = (held: Held) => ({ heldEntries: JSON.stringify(held.entries), heldMemos: JSON.stringify(held.memos) })

/** The next pending items, newest day first (entries before memos on a day). */
export function pendingItems(db: Db, w: Wanted, held: Held, limit: number): PendingItem[] {
  return db
    .prepare(`SELECT kind, id, day FROM (${pendingSql(w)}) ORDER BY day DESC, kind, id LIMIT @limit`)
    .all({ ...sqlParams(w), ...heldParams(held), limit }) as PendingItem[]
}

/** How many items are pending, in all and of them memos. */
export function countPending(db: Db, w: Wanted, held: Held): { items: number; memos: number } {
  const row = db
    .prepare(`SELECT count(*) AS items, coalesce(sum(kind = 'memo'), 0) AS memos FROM (${pendingSql(w)})`)
    .get({ ...sqlParams(w), ...heldParams(held) }) as { items: number; memos: number }
  return row
}

/** Which parts of one entry or memo are not current (empty: nothing to do). */
export function outdatedParts(db: Db, w: Wanted, item: { kind: Target; id: number }): Part[] {
  const criteria = criteriaOf(item.kind)
  const columns = criteria.map((c, i) => `(${c.outdated(w)}) AS c${i}`).join(', ')
  const from = item.kind === 'entry' ? 'entries e WHERE e.id = @id' : 'voice_memos vm JOIN entries e ON e.id = vm.entry_id WHERE vm.id = @id'
  const row = db.prepare(`SELECT ${columns} FROM ${from}`).get({ ...sqlParams(w), id: item.id }) as Record<string, number> | undefined
  if (!row) return []
  return criteria.filter((_, i) => row[`c${i}`] === 1).map((c) => c.part)
}

/** Memos of the profile that have a voice analysis, made with another model or baseline than today's. */
export function countOutdatedVoice(db: Db, w: Wanted): number {
  const voice = CRITERIA.find((c) => c.part === 'memo-voice')!
  return (
    db
      .prepare(
        `SELECT count(*) AS n FROM voice_memos vm JOIN entries e ON e.id = vm.entry_id
          WHERE e.profile_id = @profileId AND (${voice.outdated(w)})
            AND EXISTS (SELECT 1 FROM analyses a WHERE a.memo_id = vm.id AND a.source = 'audio')`
      )
      .get(sqlParams(w)) as { n: number }
  ).n
}
