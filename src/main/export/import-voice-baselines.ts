import type { ExportFile } from './format'
import type { ImportPlanning } from './import-own-word'
import type { TableKey } from './tables'

interface VoicePlanning extends Omit<ImportPlanning, 'conflicts' | 'newCorrection'> {
  ids: Record<TableKey, Map<number, number>>
  newAutomaticBaseline(preferred: number): number
}

/**
 * Issue 16's tables in an import. A memo's voice statistic and a voice reading follow their memo
 * and analysis (kept when the diary already has them). Automatic baselines are a profile's own, as
 * its settings are: a profile the diary already has keeps its versions, and readings that pointed
 * at the file's versions then point at none, so the queue reads those memos again against the
 * diary's own baseline. An imported profile brings its versions, their memo lists renumbered.
 */
export function planVoiceBaselines(file: ExportFile, p: VoicePlanning): void {
  for (const v of file.memoVoiceStats) {
    const memoId = p.map('voiceMemos', v.memoId)!
    if (p.existing.voiceMemos.has(memoId) && p.rows.get('SELECT 1 AS x FROM memo_voice_stats WHERE memo_id = ?', memoId)) p.keep('memoVoiceStats')
    else p.add('memoVoiceStats', { ...v, memoId })
  }

  const profilesWithOwn = new Set<number>()
  for (const b of file.automaticBaselines) {
    const profileId = p.map('profiles', b.profileId)!
    if (profilesWithOwn.has(profileId) || (p.existing.profiles.has(profileId) && p.rows.get('SELECT 1 AS x FROM automatic_baselines WHERE profile_id = ?', profileId))) {
      profilesWithOwn.add(profileId)
      p.keep('automaticBaselines')
      continue
    }
    const memoIds = (JSON.parse(b.memoIdsJson) as number[]).flatMap((id) => p.ids.voiceMemos.get(id) ?? [])
    const id = p.newAutomaticBaseline(b.id)
    p.ids.automaticBaselines.set(b.id, id)
    p.add('automaticBaselines', { ...b, id, profileId, memoIdsJson: JSON.stringify(memoIds) })
  }

  for (const r of file.voiceReadings) {
    const analysisId = p.ids.analyses.get(r.analysisId)!
    if (p.rows.get('SELECT 1 AS x FROM voice_readings WHERE analysis_id = ?', analysisId)) p.keep('voiceReadings')
    else p.add('voiceReadings', { ...r, analysisId, autoBaselineId: r.autoBaselineId === null ? null : (p.ids.automaticBaselines.get(r.autoBaselineId) ?? null) })
  }
}
