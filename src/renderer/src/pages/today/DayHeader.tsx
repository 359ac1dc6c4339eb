import { addDays, localIsoDate } from '../../../../shared/dates'
import { addMonths } from '../../../../shared/trends/date-ranges'
import { useI18n } from '../../i18n/I18nProvider'
import { cx, ui } from '../../ui/ui'
import styles from './DayHeader.module.css'

/**
 * Which day the page shows and how to get to another: a day and a month at a time, or any date
 * with the picker. A past day is announced as such, with a way back to today.
 */
export function DayHeader({ date, onDateChange }: { date: string; onDateChange(date: string): void }) {
  const { t, formatDate } = useI18n()
  const today = localIsoDate()
  const past = date < today
  const go = (d: string) => onDateChange(d > today ? today : d)
  return (
    <div className={styles.header}>
      <div className={styles.row}>
        <button type="button" className={ui.iconButton} onClick={() => go(addDays(date, -1))} aria-label={t('today.prevDay')}>
          ‹
        </button>
        <h1 id="today-heading" className={styles.title}>
          {formatDate(date)}
        </h1>
        <button type="button" className={ui.iconButton} onClick={() => go(addDays(date, 1))} aria-label={t('today.nextDay')} disabled={date >= today}>
          ›
        </button>
        <div className={styles.jump}>
          <button type="button" className={ui.link} onClick={() => go(addMonths(date, -1))}>
            {t('today.prevMonth')}
          </button>
          <button type="button" className={ui.link} onClick={() => go(addMonths(date, 1))} disabled={date >= today}>
            {t('today.nextMonth')}
          </button>
          <input
            type="date"
            className={cx(ui.input, styles.picker)}
            value={date}
            max={today}
            aria-label={t('today.pickDate')}
            title={t('today.pickDate')}
            onChange={(e) => e.target.value && go(e.target.value)}
          />
        </div>
      </div>
      {past && (
        <p className={cx(ui.notice, styles.past)} data-testid="past-day">
          <span>{t('today.pastDay', { date: formatDate(date) })}</span>
          <button type="button" className={ui.link} onClick={() => onDateChange(today)}>
            {t('today.goToday')}
          </button>
        </p>
      )}
    </div>
  )
}
