/**
 * Bringing one entry or memo up to date: the same analyses the app's buttons run (entry text,
 * memo voice + words + fusion), given the host's background view so they yield to the user.
 */
import type { AnalysisRequester } from '../analysis/host'
import { analyzeEntryText } from '../analysis/entry-text'
import type { Db } from '../db/open'
import type { DiaryFiles } from '../files/diary-files'
import { restateReadings } from '../corrections/personal-reading'
import { analyzeMemo, reanalyzeTranscript, storeFusion } from '../memos/memo-analysis'
import type { Part, PendingItem } from './currency'
import type { QueueKicker } from './types'

export interface WorkContext {
  db: Db
  dataDir: string
  resourcesDir: string
  analysis: AnalysisRequester
  files: DiaryFiles
}

/**
 * Runs what the outdated parts need and returns the notes the analyses left (why a part could not
 * be done, e.g. no speech); throws what they throw. The caller judges the outcome by checking the
 * parts again, not by these notes.
 */
export async function bringUpToDate(ctx: WorkContext & { queue: QueueKicker }, item: PendingItem, parts: Part[]): Promise<string[]> {
  if (item.kind === 'entry') {
    // A model run applies the corrections too; corrections alone are restated without one.
    if (parts.includes('entry-text')) await analyzeEntryText(ctx, item.id)
    else if (parts.includes('entry-corrections')) restateReadings(ctx.db, { entryId: item.id })
    return []
  }
  // The voice redone means words and fusion are redone with it; otherwise only what is outdated.
  let notes: string[] = []
  if (parts.includes('memo-voice')) notes = (await analyzeMemo(ctx, item.id)).notes
  else if (parts.includes('memo-text')) notes = (await reanalyzeTranscript(ctx, item.id)).notes
  else if (parts.includes('memo-fused')) storeFusion(ctx, item.id)
  // The writer's emotion for the memo on every reading (idempotent; a part not re-read keeps its model side).
  if (parts.includes('memo-corrections')) restateReadings(ctx.db, { memoId: item.id })
  return notes
}

/** Failures of the analysis process itself (not of the input): worth another try later. */
export const TRANSIENT_CODES: ReadonlySet<string> = new Set(['crashed', 'timeout', 'start-timeout', 'start-failed', 'protocol', 'unavailable'])
