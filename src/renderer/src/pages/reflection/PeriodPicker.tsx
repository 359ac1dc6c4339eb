import { nextPeriod, parsePeriodKey, periodOf, previousPeriod, type PeriodKind } from '../../../../shared/reflect/period'
import { useI18n } from '../../i18n/I18nProvider'
import styles from './PeriodPicker.module.css'
import { ui } from '../../ui/ui'

/**
 * Week or month, then which one: the browser's own week/month inputs (their values are exactly
 * the API's keys, `2026-W48` and `2026-11`), with previous/next buttons. Never past `today`.
 */
export function PeriodPicker({ value, today, onChange }: { value: string; today: string; onChange(key: string): void }) {
  const { t } = useI18n()
  const period = parsePeriodKey(value)!
  const latest = periodOf(period.kind, today)
  const next = nextPeriod(period)
  // The other kind of period around the same days: its last day, or today while it is still going.
  const switchTo = (kind: PeriodKind) => kind !== period.kind && onChange(periodOf(kind, min(period.to, today)).key)
  return (
    <div className={styles.picker} role="group" aria-label={t('reflection.kind')}>
      <div className={styles.kinds} role="radiogroup" aria-label={t('reflection.kind')}>
        {(['week', 'month'] as const).map((kind) => (
          <button key={kind} type="button" role="radio" aria-checked={period.kind === kind} className={period.kind === kind ? styles.active : undefined} onClick={() => switchTo(kind)}>
            {t(`reflection.kind.${kind}`)}
          </button>
        ))}
      </div>
      <button type="button" className={ui.iconButton} aria-label={t('reflection.prev')} onClick={() => onChange(previousPeriod(period).key)}>
        ‹
      </button>
      <input
        className={styles.input}
        type={period.kind}
        data-testid="reflection-period-input"
        aria-label={t(period.kind === 'week' ? 'reflection.pickWeek' : 'reflection.pickMonth')}
        value={period.key}
        max={latest.key}
        onChange={(e) => parsePeriodKey(e.target.value) && onChange(e.target.value)}
      />
      <button type="button" className={ui.iconButton} aria-label={t('reflection.next')} disabled={next.from > today} onClick={() => onChange(next.key)}>
        ›
      </button>
    </div>
  )
}

const min = (a: string, b: string) => (a < b ? a : b)
