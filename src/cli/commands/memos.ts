import { runPendingAnalysis } from '../pending-analysis'
import type { VoiceReading } from '../../shared/api/memos-schemas'
import { stat } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { HaruApiError } from '../../shared/api/errors'
import { MAX_IMPORT_BYTES, type MemoAnalysis, type VoiceMemo } from '../../shared/api/memos-schemas'
import type { Profile } from '../../shared/api/schemas'
import { dominantEmotion, type CanonicalDistribution, type CanonicalEmotion } from '../../shared/emotions'
import { memoDayOf, type MemoDaySource } from '../../shared/audio/container'
import { EMOTION_LABELS } from '../../shared/trends/emotion-style'
import { decodeForImport, SUPPORTED_FORMATS } from '../audio-decode'
import { call, stringFlag, UsageError, type Command, type CommandContext } from '../context'
import { readCliFile } from '../read-file'
import { resolveProfile } from '../profile-option'

/** The memo was stored but could not be analysed: exit 1, and the message says the memo is kept. */
export class MemoAnalysisFailedError extends Error {
  readonly code = 'memo-analysis-failed'
}

type Part = 'voice' | 'text' | 'fused'
const PARTS: Part[] = ['voice', 'text', 'fused']

/** What both commands print with --json: the memo, its analysis as the API returns it, and each part's dominant emotion. */
interface MemoReport {
  memo: VoiceMemo
  analysis: MemoAnalysis | null
  dominant: Record<Part, CanonicalEmotion | null>
}

const report = (memo: VoiceMemo, analysis: MemoAnalysis | null): MemoReport => ({
  memo,
  analysis,
  dominant: Object.fromEntries(
    PARTS.map((p) => {
      const part = analysis?.[p]
      return [p, part ? dominantEmotion(part.canonical) : null]
    })
  ) as MemoReport['dominant']
})

const pct = (v: number) => `${(v * 100).toFixed(1)}%`
const top = (dist: CanonicalDistribution) => {
  const e = dominantEmotion(dist)
  return `${EMOTION_LABELS.en[e]} ${pct(dist[e])}`
}
const memoLine = (m: VoiceMemo) => `memo ${m.id} · ${m.entryDate} · ${m.durationSec.toFixed(1)} s · ${m.filePath}`

const BASELINE_WORDS: Record<VoiceReading['baselineSource'], (sec: number | null) => string> = {
  calibrated: () => 'calibrated baseline',
  automatic: (sec) => `automatic baseline from your memos, ${Math.round(sec ?? 0)} s of speech`,
  memo: () => 'this memo alone (not enough speech in your memos yet)',
  'gender-default': () => 'default baseline',
  given: () => 'given baseline'
}

function printAnalysis(ctx: CommandContext, analysis: MemoAnalysis): void {
  const { voice } = analysis
  if (voice) {
    const r = voice.voiceReading
    const basis = r ? BASELINE_WORDS[r.baselineSource](r.automaticVoicedSec) : voice.baselineId === null ? 'default baseline' : `baseline #${voice.baselineId}`
    ctx.out(`voice: ${r?.uncertain ? 'uncertain' : top(voice.canonical)} (${voice.modelId}, ${basis}${r ? `, confidence ${pct(r.confidence)}` : ''})`)
    if (r && !r.quality.ok) ctx.out(`  recording: ${r.quality.problems.join(', ')} — not read as a feeling`)
    const ranked = (Object.entries(voice.canonical) as [CanonicalEmotion, number][]).sort((a, b) => b[1] - a[1])
    for (const [e, p] of ranked) ctx.out(`  ${EMOTION_LABELS.en[e].padEnd(9)} ${pct(p).padStart(6)}`)
  } else ctx.out('voice: not analysed')
  if (analysis.text) ctx.out(`words: ${top(analysis.text.canonical)} (${analysis.text.modelId})`)
  if (analysis.fused) ctx.out(`fused: ${top(analysis.fused.canonical)}`)
  if (analysis.disagreement) {
    ctx.out(`words and voice differ on ${EMOTION_LABELS.en[analysis.disagreement.emotion]} by ${Math.round(analysis.disagreement.gap * 100)} points`)
  }
  for (const note of analysis.notes) ctx.out(`note: ${note}`)
}


const DAY_FROM: Record<MemoDaySource | 'flag', string> = {
  flag: '--date',
  recorded: "the recording's own date",
  modified: "the file's modification date",
  today: 'today (the file has no believable date)'
}

export const memosAdd: Command = {
  usage: 'memos add FILE [--date YYYY-MM-DD] [--profile NAME] [--json]',
  summary: `store a voice memo (${SUPPORTED_FORMATS}) on the day it was recorded (its own date, else the file's modification date; --date overrides) and analyse it, as the app's import does`,
  flags: { date: 'string', profile: 'string' },
  async run(ctx) {
    const [file, ...extra] = ctx.args
    if (!file) throw new UsageError('memos add needs an audio file')
    if (extra.length > 0) throw new UsageError(`memos add takes one file (got ${ctx.args.length})`)
    const path = resolve(file)
    const flagDate = stringFlag(ctx, 'date')
    const profile = await resolveProfile(ctx)
    // A regular file no larger than the app accepts, refused (naming it) before a byte is read otherwise.
    const bytes = await readCliFile(path, MAX_IMPORT_BYTES, 'nothing was stored')
    const fromFile = memoDayOf(bytes, (await stat(path)).mtimeMs)
    const entryDate = flagDate ?? fromFile.day
    const dayFrom = flagDate ? 'flag' : fromFile.source
    // Phone formats become a WAV here; a file that is no audio is refused before anything is stored.
    const { wav } = await decodeForImport(bytes, path)

    // The same two calls as the Today page's import (VoiceMemos.tsx): import, then analyse.
    let memo: VoiceMemo
    try {
      memo = await call(ctx.service, 'memos', 'import', {
        profileId: profile.id,
        entryDate,
        fileName: basename(path).slice(0, 255),
        dataBase64: Buffer.from(wav.buffer, wav.byteOffset, wav.byteLength).toString('base64')
      })
    } catch (err) {
      if (err instanceof HaruApiError) throw new HaruApiError(err.code, `${path}: ${err.message} (nothing was stored)`, err.issues)
      throw err
    }

    let analysis: MemoAnalysis
    try {
      analysis = await call(ctx.service, 'memos', 'analyze', { memoId: memo.id })
    } catch (err) {
      if (ctx.flags.json) ctx.out(JSON.stringify({ ...report(memo, null), error: (err as Error).message }, null, 2))
      else ctx.out(`stored ${memoLine(memo)} (${profile.name})`)
      throw new MemoAnalysisFailedError(`memo ${memo.id} was stored and is kept, but its analysis failed: ${(err as Error).message}`)
    }

    // The memo fed the profile's automatic baseline; a new version re-reads past memos through the queue, as the app does.
    const reread = analysis.automaticBaselineChanged ? await runPendingAnalysis(ctx, [profile], 'quiet') : null
    if (ctx.flags.json) ctx.out(JSON.stringify({ ...report(memo, analysis), dayFrom, ...(reread ? { automaticBaseline: { changed: true, reanalysed: reread.done, failed: reread.failed } } : {}) }, null, 2))
    else {
      ctx.out(`stored ${memoLine(memo)} (${profile.name}; day from ${DAY_FROM[dayFrom]})`)
      printAnalysis(ctx, analysis)
      if (reread) ctx.out(`automatic voice baseline updated from ${profile.name}'s memos: ${reread.done} item(s) re-analysed${reread.failed ? `, ${reread.failed} failed` : ''}`)
    }
    // With no transcript the voice is the whole analysis; without it the memo has no result at all.
    if (!analysis.voice && !analysis.text) {
      throw new MemoAnalysisFailedError(
        `memo ${memo.id} was stored and is kept, but its voice analysis failed: ${analysis.notes[0] ?? 'no result'}`
      )
    }
  }
}

/** Every memo of the profile, newest day first (a day's memos in the order they were made). */
async function allMemos(ctx: CommandContext, profile: Profile): Promise<VoiceMemo[]> {
  const memos: VoiceMemo[] = []
  const page = 1000
  for (let offset = 0; ; offset += page) {
    const entries = await call(ctx.service, 'entries', 'list', { profileId: profile.id, limit: page, offset })
    for (const e of entries) memos.push(...(await call(ctx.service, 'memos', 'list', { entryId: e.id })))
    if (entries.length < page) return memos
  }
}

export const memosList: Command = {
  usage: 'memos list [--date YYYY-MM-DD] [--profile NAME] [--json]',
  summary: "list voice memos with their stored voice analysis (one day, or all days of the profile)",
  flags: { date: 'string', profile: 'string' },
  async run(ctx) {
    const date = stringFlag(ctx, 'date')
    const profile = await resolveProfile(ctx)
    let memos: VoiceMemo[]
    if (date !== undefined) {
      const entry = await call(ctx.service, 'entries', 'getByDate', { profileId: profile.id, entryDate: date })
      memos = entry ? await call(ctx.service, 'memos', 'list', { entryId: entry.id }) : []
    } else memos = await allMemos(ctx, profile)
    // Stored results only: listing never runs a model.
    const reports = await Promise.all(memos.map(async (m) => report(m, await call(ctx.service, 'memos', 'analysis', { memoId: m.id }))))
    if (ctx.flags.json) return ctx.out(JSON.stringify(reports, null, 2))
    if (reports.length === 0) return ctx.out(`no voice memos for ${profile.name}${date ? ` on ${date}` : ''}`)
    for (const { memo, analysis } of reports) {
      const voice = analysis?.voice ? `voice ${top(analysis.voice.canonical)}` : 'voice not analysed'
      const transcript = memo.transcript ? `\t${memo.transcript.replace(/\s+/g, ' ').slice(0, 40)}` : ''
      ctx.out(`${memo.entryDate}\t#${memo.id}\t${memo.durationSec.toFixed(1)} s\t${voice}${transcript}`)
    }
  }
}
