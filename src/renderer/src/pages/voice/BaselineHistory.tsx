import type { StoredBaselineView } from '../../../../shared/api/calibration-schemas'
import { FEATURES_VERSION } from '../../../../shared/calibration/rules'
import { useI18n } from '../../i18n/I18nProvider'
import styles from './BaselineHistory.module.css'
import { cx, ui } from '../../ui/ui'

interface Props {
  baselines: StoredBaselineView[]
  formatDate(iso: string): string
  onActivate(id: number): void
  onRecompute(id: number): void
}

/** Every saved baseline, newest first: which one is in use, and what can be done with the others. */
export function BaselineHistory({ baselines, formatDate, onActivate, onRecompute }: Props) {
  const { t } = useI18n()
  return (
    <div className={ui.card}>
      <h2 className={ui.heading}>{t('voice.history.heading')}</h2>
      <ul className={styles.list} data-testid="baseline-history">
        {baselines.map((b) => (
          <li key={b.id} data-baseline-id={b.id} data-active={b.isActive}>
            <div className={styles.meta}>
              <span>{formatDate(b.createdAt)}</span>
              <span className={ui.mutedSmall}>
                {t('voice.history.detail', { takes: b.clipCount, seconds: b.voicedSec?.toFixed(1) ?? '?' })}
              </span>
              {b.features !== null && b.features !== FEATURES_VERSION && <span className={cx(ui.small, ui.warn)}>{t('voice.history.stale')}</span>}
            </div>
            {b.isActive ? (
              <span className={styles.badge}>{t('voice.history.inUse')}</span>
            ) : (
              <button type="button" onClick={() => onActivate(b.id)} aria-label={`${t('voice.history.use')}: ${formatDate(b.createdAt)}`}>
                {t('voice.history.use')}
              </button>
            )}
            {b.takesKept > 0 && (
              <button type="button" className={ui.ghost} onClick={() => onRecompute(b.id)} aria-label={`${t('voice.history.recompute')}: ${formatDate(b.createdAt)}`}>
                {t('voice.history.recompute')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  )
}
