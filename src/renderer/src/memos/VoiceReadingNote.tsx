import type { MemoAnalysis, VoiceReading } from '../../../shared/api/memos-schemas'
import { AUTO_BASELINE_RULES } from '../../../shared/calibration/auto-baseline'
import { useI18n } from '../i18n/I18nProvider'
import { cx, ui } from '../ui/ui'
import styles from './VoiceReadingNote.module.css'

type Voice = NonNullable<MemoAnalysis['voice']>

/** Whether the voice part should show a label at all (issue 16): not when uncertain or badly recorded. */
export const voiceIsConfident = (voice: Voice): boolean => !voice.voiceReading || (!voice.voiceReading.uncertain && voice.voiceReading.quality.ok)

/** The placeholder shown instead of a confident label. */
export function UncertainVoice({ reading }: { reading: VoiceReading }) {
  const { t } = useI18n()
  return (
    <span className={styles.uncertain} data-testid="voice-uncertain" data-reason={reading.quality.reason ?? 'low-confidence'}>
      {reading.quality.ok ? t('voiceReading.uncertain') : t('voiceReading.notRead')}
    </span>
  )
}

/**
 * Under a memo's voice result: which baseline it was read against (calibrated, the temporary one
 * made from the writer's memos and how much speech it rests on, the memo alone, or the default),
 * and why a label is missing (a recording problem, or a reading too unsure to show).
 */
export function VoiceReadingNote({ voice, fusedWithVoice }: { voice: Voice; fusedWithVoice: boolean | undefined }) {
  const { t } = useI18n()
  const r = voice.voiceReading
  const source = r?.baselineSource ?? (voice.baselineId === null ? 'gender-default' : 'calibrated')
  const basis =
    source === 'calibrated' && voice.baselineId !== null
      ? t('memo.baselineCalibrated', { id: voice.baselineId })
      : source === 'automatic'
        ? t('voiceReading.baselineAutomatic', { seconds: Math.round(r?.automaticVoicedSec ?? 0) })
        : source === 'memo'
          ? t('voiceReading.baselineMemo', { needed: AUTO_BASELINE_RULES.minVoicedSec })
          : t('memo.baselineDefault')
  return (
    <>
      <dd className={ui.mutedSmall} data-testid="memo-baseline" data-baseline-id={voice.baselineId ?? 'default'} data-baseline-source={source}>
        {basis}
      </dd>
      {r && !r.quality.ok && r.quality.reason && (
        <dd className={cx(ui.small, styles.quality)} data-testid="voice-quality" data-problems={r.quality.problems.join(' ')}>
          {t(`voiceReading.quality.${r.quality.reason}`)}
        </dd>
      )}
      {r && r.quality.ok && r.uncertain && (
        <dd className={ui.mutedSmall} data-testid="voice-confidence">
          {t('voiceReading.lowConfidence', { pct: Math.round(r.confidence * 100) })}
        </dd>
      )}
      {r?.uncertain && fusedWithVoice === false && (
        <dd className={ui.mutedSmall} data-testid="voice-left-out">
          {t('voiceReading.wordsOnly')}
        </dd>
      )}
    </>
  )
}
