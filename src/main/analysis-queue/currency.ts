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
 * To add a criterion (an automatic baseline, a new default text model…): put what it needs into
 * `Wanted` (and so into `wantedKey`, so earlier failures are retried when it changes), add a
 * `Criterion` here, and teach `work.ts` which analysis brings that part up to date. Everything else
 * (pending lists, counts, progress) follows.
 *
 * The writer's own word (issue 12) takes part twice: a text reading must have been read through the
 * profile's adapter as it is now (`Wanted.adapterVersion`: none when adaptation is off or nothing
 * was learnt; part of `entry-text` and `memo-text`, since the same model run fixes both), and every
 * reading must carry the corrections its entry or memo has now (`*-corrections`, restated without
 * a model run). The SQL of both halves, and their JavaScript twin, live in `corrections/currency.ts`.
 */
import { loadPack } from '../models/packs'
import type { Db } from '../db/open'
import { activeTextPack } from '../analysis/text-pack-choice'
import { voiceAnalysisSetup } from '../calibration/voice-baseline'
import { adapterOutdatedSql, correctionsOutdatedSql, wantedAdapterVersion } from '../corrections/currency'

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
  voice: { modelId: string; baselineId: number | null; autoBaselineId: number | null } | null
  /** The profile's text adapter a text reading must have gone through (null: none; issue 12). */
  adapterVersion: number | null
}

export type Target = 'entry' | 'memo'
export type Part = 'entry-text' | 'entry-corrections' | 'memo-voice' | 'memo-text' | 'memo-fused' | 'memo-corrections'

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
    // Issue 16: before calibration, the profile's automatic baseline version; a new version makes
    // every memo read against an older one (or none) outdated, so the queue re-analyses them.
    voice: voice ? { modelId: voice.manifest.id, baselineId: voice.choice.baselineId, autoBaselineId: voice.automatic?.version?.id ?? null } : null,
    adapterVersion: textId === null ? null : wantedAdapterVersion(ctx.db, profileId, textId)
  }
}

/** What a failure is remembered against: when any of it changes, failed items are tried again. */
export const wantedKey = (w: Wanted): string => JSON.stringify({ text: w.text?.accepted ?? null, voice: w.voice, adapter: w.adapterVersion })

/** The named parameters every criterion may use (better-sqlite3 `@name`). */
export function sqlParams(w: Wanted): Record<string, string | number | null> {
  return {
    profileId: w.profileId,
    textAccepted: JSON.stringify(w.text?.accepted ?? []),
    voiceModel: w.voice?.modelId ?? null,
    voiceBaseline: w.voice?.baselineId ?? null,
    voiceAutoBaseline: w.voice?.autoBaselineId ?? null,
    adapterVersion: w.adapterVersion,
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
    // An entry with words needs a text analysis by the profile's text model, made after its last
    // edit, through the profile's personal adapter as it is now (issue 12: none when adaptation is
    // off or nothing was learnt; a new adapter or the switch makes it out of date).
    part: 'entry-text',
    target: 'entry',
    outdated: (w) =>
      w.text === null
        ? '0'
        : `(trim(e.text, ${BLANK}) <> '' AND NOT EXISTS (
             SELECT 1 FROM analyses cur WHERE cur.id = ${newest('entry_id', 'e.id', 'text')}
                AND cur.model_id IN (SELECT value FROM json_each(@textAccepted))
                AND cur.created_at >= e.updated_at
                AND NOT ${adapterOutdatedSql('cur')}))`
  },
  {
    // A memo's voice: by the installed voice model, against the profile's active baseline (null: the
    // default) and, before calibration, its current automatic baseline version (null: none yet).
    part: 'memo-voice',
    target: 'memo',
    outdated: (w) =>
      w.voice === null
        ? '0'
        : `NOT EXISTS (
             SELECT 1 FROM analyses cur WHERE cur.id = ${newest('memo_id', 'vm.id', 'audio')}
                AND cur.model_id = @voiceModel AND cur.baseline_id IS @voiceBaseline
                AND (SELECT vr.auto_baseline_id FROM voice_readings vr WHERE vr.analysis_id = cur.id) IS @voiceAutoBaseline)`
  },
  {
    // A transcript's words: by the profile's text model (an edited transcript is analysed as it is
    // saved), through the profile's adapter as it is now.
    part: 'memo-text',
    target: 'memo',
    outdated: (w) =>
      w.text === null
        ? '0'
        : `(trim(coalesce(vm.transcript, ''), ${BLANK}) <> '' AND NOT EXISTS (
             SELECT 1 FROM analyses cur WHERE cur.id = ${newest('memo_id', 'vm.id', 'text')}
                AND cur.model_id IN (SELECT value FROM json_each(@textAccepted))
                AND NOT ${adapterOutdatedSql('cur')}))`
  },
  {
    // The entry's text reading does not carry the corrections the entry has now (restated without a
    // model run). Most entries have no correction and a reading without any: the cheap look at the
    // corrections index and the entry's readings comes first, so the scan stays about as fast.
    part: 'entry-corrections',
    target: 'entry',
    outdated: () =>
      `((EXISTS (SELECT 1 FROM reading_corrections c WHERE c.entry_id = e.id)
         OR EXISTS (SELECT 1 FROM analyses k WHERE k.entry_id = e.id AND k.corrections_key IS NOT NULL))
        AND EXISTS (SELECT 1 FROM analyses cur WHERE cur.id = ${newest('entry_id', 'e.id', 'text')} AND ${correctionsOutdatedSql('cur')}))`
  },
  {
    // One of the memo's readings (voice, words, fusion) does not carry the writer's emotion for it as it is now.
    part: 'memo-corrections',
    target: 'memo',
    outdated: () =>
      `((EXISTS (SELECT 1 FROM reading_corrections c WHERE c.memo_id = vm.id)
         OR EXISTS (SELECT 1 FROM analyses k WHERE k.memo_id = vm.id AND k.corrections_key IS NOT NULL))
        AND EXISTS (SELECT 1 FROM analyses cur
                     WHERE cur.id IN (${newest('memo_id', 'vm.id', 'text')}, ${newest('memo_id', 'vm.id', 'audio')}, ${newest('memo_id', 'vm.id', 'fused')})
                       AND ${correctionsOutdatedSql('cur')}))`
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
