import type { Streak } from '../../../../shared/api/trends-schemas'
import { useI18n } from '../../i18n/I18nProvider'
import { ui } from '../../ui/ui'
import styles from './StreakCounter.module.css'

/** Days in a row with an entry: the current run, the longest, and how many days so far. */
export function StreakCounter({ streak }: { streak: Streak }) {
  const { t, formatDate } = useI18n()
  return (
    <section aria-label={t('trends.streak.title')} data-testid="streak" data-current={streak.current} data-longest={streak.longest}>
      <p className={styles.now}>
        <svg className={styles.flame} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="M8 1.5c.6 2.4 3.8 4 3.8 7.6A3.8 3.8 0 0 1 4.2 9.1c0-1.6.8-2.7 1.8-3.5-.1 1.3.4 2.2 1.2 2.6C7 6 7.2 3.6 8 1.5Z" fill="currentColor" />
        </svg>
        {streak.current > 0 ? t('trends.streak.current', { count: streak.current }) : t('trends.streak.none')}
      </p>
      {streak.longest > 0 && streak.longestFrom && streak.longestTo && (
        <p className={ui.mutedSmall}>
          {t('trends.streak.longest', { count: streak.longest, from: formatDate(streak.longestFrom), to: formatDate(streak.longestTo) })}
          {' · '}
          {t('trends.streak.total', { count: streak.totalDays })}
        </p>
      )}
    </section>
  )
}
