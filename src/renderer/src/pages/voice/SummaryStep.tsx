import { useEffect, useRef } from 'react'
import type { CalibrationSummary } from '../../../../shared/api/calibration-schemas'
import { useI18n } from '../../i18n/I18nProvider'
import { BaselineChart } from './BaselineChart'
import styles from './SummaryStep.module.css'
import { ui } from '../../ui/ui'

interface Props {
  summary: CalibrationSummary
  saving: boolean
  onSave(): void
  onRestart(): void
}

/** What the takes gave: how many were used, how much speech, which were dropped, and this voice against the default. */
export function SummaryStep({ summary, saving, onSave, onRestart }: Props) {
  const { t } = useI18n()
  const primary = useRef<HTMLButtonElement>(null)
  useEffect(() => primary.current?.focus(), [summary.status])
  const dropped = summary.takes.filter((tk) => !tk.used)

  if (summary.status === 'rejected') {
    return (
      <div className={ui.stack}>
        <p role="alert" className={styles.rejected} data-testid="summary-rejected" data-reason={summary.reason ?? ''}>
          {t(`voice.rejection.${summary.reason ?? 'too-few-takes'}`)}
        </p>
        <div className={ui.actionsEnd}>
          <button ref={primary} type="button" className={ui.primary} onClick={onRestart}>
            {t('voice.summary.restart')}
          </button>
        </div>
      </div>
    )
  }
  return (
    <div className={ui.stack}>
      <p data-testid="summary-counts">{t('voice.summary.counts', { takes: summary.usedTakes, seconds: summary.voicedSec.toFixed(1) })}</p>
      <p className={ui.mutedSmall}>{t('voice.summary.what')}</p>
      {dropped.length > 0 && (
        <p className={ui.notice} data-testid="summary-dropped">
          {t('voice.summary.dropped', {
            sentences: dropped.map((d) => (d.sentenceIndex === null ? '?' : String(d.sentenceIndex + 1))).join(', ')
          })}
        </p>
      )}
      {summary.baseline && summary.reference ? (
        <BaselineChart baseline={summary.baseline} reference={summary.reference} />
      ) : (
        <p className={ui.muted}>{t('voice.summary.noReference')}</p>
      )}
      <div className={ui.actionsEnd}>
        <button ref={primary} type="button" className={ui.primary} disabled={saving} onClick={onSave}>
          {saving ? t('voice.summary.saving') : t('voice.summary.save')}
        </button>
      </div>
    </div>
  )
}
