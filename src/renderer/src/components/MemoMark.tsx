import { useI18n } from '../i18n/I18nProvider'
import styles from './MemoMark.module.css'

/** "This day has voice memos": a drawn microphone and the count (no emoji font needed). */
export function MemoMark({ count, label }: { count: number; label?: string }) {
  const { t } = useI18n()
  return (
    <span className={styles.mark} data-testid="memo-mark" title={t('history.memos', { count })}>
      <svg className={styles.icon} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <rect x="5.5" y="1.5" width="5" height="8.5" rx="2.5" fill="currentColor" />
        <path d="M3.5 7.5a4.5 4.5 0 0 0 9 0M8 12v2.5M5.5 14.5h5" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
      </svg>
      {label ?? t('history.memos', { count })}
    </span>
  )
}
