import type { Streak } from '../../../../shared/api/trends-schemas'
import { useI18n } from '../../i18n/I18nProvider'

/** Days in a row with an entry: the current run, the longest, and how many days so far. */
export function StreakCounter({ streak }: { streak: Streak }) {
  const { t, formatDate } = useI18n()
  return (
    <section className="streak" aria-label={t('trends.streak.title')} data-testid="streak" data-current={streak.current} data-longest={streak.longest}>
      <p className="streak-now">
        <span aria-hidden="true">🔥</span> {streak.current > 0 ? t('trends.streak.current', { count: streak.current }) : t('trends.streak.none')}
      </p>
      {streak.longest > 0 && streak.longestFrom && streak.longestTo && (
        <p className="muted small">
          {t('trends.streak.longest', { count: streak.longest, from: formatDate(streak.longestFrom), to: formatDate(streak.longestTo) })}
          {' · '}
          {t('trends.streak.total', { count: streak.totalDays })}
        </p>
      )}
    </section>
  )
}
