/**
 * What a voice analysis adds to its `analyses` row (migration 0009): the baseline it was read
 * against, the automatic version (the queue's currency rule compares it), the calibrated
 * confidence, the uncertain flag and the memo's quality check.
 */
import type { MemoQuality } from '../../shared/calibration/memo-quality'
import type { VoiceReading } from '../../shared/api/memos-schemas'
import type { Db } from '../db/open'

export interface NewVoiceReading extends VoiceReading {
  autoBaselineId: number | null
}

export function insertVoiceReading(db: Db, analysisId: number, r: NewVoiceReading): void {
  db.prepare(
    `INSERT INTO voice_readings (analysis_id, baseline_source, auto_baseline_id, automatic_voiced_sec, confidence, uncertain, quality_json)
     VALUES (?, ?, ?, ?, ?, ?, ?)`
  ).run(analysisId, r.baselineSource, r.autoBaselineId, r.automaticVoicedSec, r.confidence, r.uncertain ? 1 : 0, JSON.stringify(r.quality))
}

interface Row {
  baseline_source: VoiceReading['baselineSource']
  automatic_voiced_sec: number | null
  confidence: number
  uncertain: number
  quality_json: string
}

/** Null for an analysis made before migration 0009 (or by the CLI's bare `analyze-audio`). */
export function getVoiceReading(db: Db, analysisId: number): VoiceReading | null {
  const row = db.prepare('SELECT * FROM voice_readings WHERE analysis_id = ?').get(analysisId) as Row | undefined
  if (!row) return null
  const quality = JSON.parse(row.quality_json) as MemoQuality
  return {
    baselineSource: row.baseline_source,
    automaticVoicedSec: row.automatic_voiced_sec,
    confidence: row.confidence,
    uncertain: row.uncertain === 1,
    quality: { ok: quality.ok, reason: quality.reason, problems: quality.problems }
  }
}
