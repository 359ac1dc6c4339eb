/**
 * `requestReanalysis`: the one call that has a profile's diary read again when something of the
 * writer's own changed what a reading should be (a new adapter, adaptation switched on or off).
 * It reads again exactly the readings that are not current
 * by `isPersonalReadingCurrent` (its SQL twin `personalOutdatedSql`), newest day first, one at a
 * time, in the background. Issue 11's analysis queue does this job for everything else; at merge
 * this call hands its work to the queue instead of running it here.
 */
import { analyzeEntryText } from '../analysis/entry-text'
import { activeTextPack } from '../analysis/text-pack-choice'
import { personalOutdatedSql, wantedAdapterVersion } from '../corrections/currency'
import { restateReadings } from '../corrections/personal-reading'
import { reanalyzeTranscript } from '../memos/memo-analysis'
import { profileWork } from './background-work'
import { packModelId, type AdaptationCtx } from './profile-adapter'

export type ReanalysisReason = 'adapter' | 'adaptation-setting'

interface Outdated {
  kind: 'entry' | 'memo'
  id: number
  source: 'text' | 'audio' | 'fused'
  /** The text reading's adapter is not the wanted one (only a model run fixes that). */
  adapter: number
}

/** The profile's current readings that are not current; `@adapterVersion` is what the profile wants now. */
function outdatedReadings(ctx: AdaptationCtx, profileId: number, adapterVersion: number | null): Outdated[] {
  const newest = (column: string, owner: string, source: string) =>
    `(SELECT a.id FROM analyses a WHERE a.${column} = ${owner} AND a.source = ${source} ORDER BY a.created_at DESC, a.id DESC LIMIT 1)`
  return ctx.db
    .prepare(
      `WITH current AS (
         SELECT ${newest('entry_id', 'e.id', "'text'")} AS id, e.entry_date AS day FROM entries e WHERE e.profile_id = @profileId
         UNION ALL
         SELECT ${newest('memo_id', 'vm.id', 's.value')}, e.entry_date
           FROM voice_memos vm JOIN entries e ON e.id = vm.entry_id, json_each('["text","audio","fused"]') s WHERE e.profile_id = @profileId)
       SELECT CASE WHEN cur.entry_id IS NOT NULL THEN 'entry' ELSE 'memo' END AS kind, coalesce(cur.entry_id, cur.memo_id) AS id, cur.source,
              (cur.source = 'text' AND cur.adapter_version IS NOT @adapterVersion) AS adapter
         FROM current c JOIN analyses cur ON cur.id = c.id
        WHERE ${personalOutdatedSql('cur')}
        ORDER BY c.day DESC, kind, id`
    )
    .all({ profileId, adapterVersion }) as Outdated[]
}

async function readAgain(ctx: AdaptationCtx, profileId: number): Promise<void> {
  const { dir } = await activeTextPack(ctx, profileId)
  const modelId = await packModelId(dir)
  if (!modelId || !ctx.db.open) return
  const items = outdatedReadings(ctx, profileId, wantedAdapterVersion(ctx.db, profileId, modelId))
  const done = new Set<string>()
  for (const item of items) {
    const key = `${item.kind}:${item.id}`
    if (done.has(key) || !ctx.db.open) continue
    done.add(key)
    try {
      if (item.kind === 'entry') await analyzeEntryText(ctx, item.id)
      else if (items.some((i) => i.kind === 'memo' && i.id === item.id && i.adapter)) await reanalyzeTranscript(ctx, item.id)
      else restateReadings(ctx.db, { memoId: item.id })
    } catch (err) {
      if (ctx.db.open) console.warn(`[haru] reading ${key} again failed: ${(err as Error).message}`)
    }
  }
}

/**
 * Has the profile's outdated readings read again in the background; a request while a run is under
 * way makes it run once more afterwards. Resolves when the work is done (callers need not wait).
 */
export function requestReanalysis(ctx: AdaptationCtx, profileId: number, reason: ReanalysisReason): Promise<void> {
  const w = profileWork(ctx.db, profileId)
  if (w.reanalysis) {
    w.again = true
    return w.reanalysis
  }
  w.reanalysis = (async () => {
    do {
      w.again = false
      await readAgain(ctx, profileId).catch((err: Error) => ctx.db.open && console.warn(`[haru] re-reading after ${reason} failed: ${err.message}`))
    } while (w.again && ctx.db.open)
  })().finally(() => (w.reanalysis = undefined))
  return w.reanalysis
}
