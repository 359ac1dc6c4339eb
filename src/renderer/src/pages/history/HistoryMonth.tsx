import type { ReactNode } from 'react'
import type { EntrySummary } from '../../../../shared/api/schemas'
import { DayEmotionTag } from '../../components/emotion/DayEmotionTag'
import { MemoMark } from '../../components/MemoMark'
import { useI18n } from '../../i18n/I18nProvider'
import { ui } from '../../ui/ui'
import styles from './HistoryMonth.module.css'

interface Props {
  month: string
  entries: EntrySummary[]
  pager: ReactNode
  onOpen(date: string): void
  onDelete(entry: EntrySummary): void
}

/** One month of the diary: a row per day with its emotion (icon and name), memos, tags and a preview. */
export function HistoryMonth({ month, entries, pager, onOpen, onDelete }: Props) {
  const { t, formatDate, formatMonth } = useI18n()
  return (
    <section className={styles.month} aria-labelledby={`history-${month}`} data-testid="history-month" data-month={month}>
      <div className={styles.head}>
        <h2 id={`history-${month}`} className={styles.title}>
          {formatMonth(month)}
        </h2>
        {pager}
      </div>
      <ul className={styles.list}>
        {entries.map((e) => (
          <li key={e.id} className={styles.item} data-date={e.entryDate}>
            <button type="button" className={styles.open} onClick={() => onOpen(e.entryDate)} aria-label={`${t('history.open')}: ${formatDate(e.entryDate)}`}>
              <span className={styles.top}>
                <span className={styles.date}>{formatDate(e.entryDate)}</span>
                {e.emotion ? (
                  // The writer's own check-in (issue 12) is their answer: no share, and it says whose it is.
                  <span className={styles.emotion} data-source={e.emotion.source}>
                    <DayEmotionTag emotion={e.emotion.dominant} share={e.emotion.source === 'self' ? null : e.emotion.share} />
                    {e.emotion.source === 'self' && <span className={ui.mutedSmall}>{t('history.self')}</span>}
                  </span>
                ) : (
                  <span className={ui.mutedSmall}>{t('history.notAnalysed')}</span>
                )}
                {e.memos > 0 && <MemoMark count={e.memos} />}
                {e.tags.map((tag) => (
                  <span key={tag} className={styles.tag}>
                    #{tag}
                  </span>
                ))}
              </span>
              <span className={styles.preview}>{e.preview || t('history.onlyMemos')}</span>
              <span className={ui.mutedSmall}>{t('history.chars', { count: e.length.toLocaleString() })}</span>
            </button>
            <button type="button" className={ui.dangerGhost} onClick={() => onDelete(e)} aria-label={`${t('history.delete')}: ${formatDate(e.entryDate)}`}>
              {t('history.delete')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
