import { useEffect, useState } from 'react'
import type { OnThisDayItem } from '../../../../shared/api/trends-schemas'
import { haruApi } from '../../api'
import { useI18n } from '../../i18n/I18nProvider'
import { ui } from '../../ui/ui'
import { DayEmotionTag } from '../emotion/DayEmotionTag'
import styles from './OnThisDay.module.css'

/** Entries written on the same day of the month in earlier months and years. */
export function OnThisDay({ profileId, date, onOpen }: { profileId: number; date: string; onOpen(date: string): void }) {
  const { t, formatDate } = useI18n()
  const [items, setItems] = useState<OnThisDayItem[]>([])
  useEffect(() => {
    let live = true
    haruApi()
      .trends.onThisDay({ profileId, date, limit: 6 })
      .then((r) => live && setItems(r))
      .catch(() => live && setItems([]))
    return () => {
      live = false
    }
  }, [profileId, date])
  if (items.length === 0) return null
  return (
    <section className={styles.onThisDay} aria-labelledby="on-this-day-title" data-testid="on-this-day">
      <h2 id="on-this-day-title" className={ui.smallHeading}>
        {t('onThisDay.title')}
      </h2>
      <ul className={styles.list}>
        {items.map((item) => (
          <li key={item.entryId} data-date={item.entryDate}>
            <button type="button" className={styles.item} onClick={() => onOpen(item.entryDate)}>
              <span className={styles.meta}>
                <span>
                  {item.monthsAgo % 12 === 0 ? t('onThisDay.yearsAgo', { count: item.monthsAgo / 12 }) : t('onThisDay.monthsAgo', { count: item.monthsAgo })}
                  {' · '}
                  {formatDate(item.entryDate)}
                </span>
                {item.dominant && <DayEmotionTag emotion={item.dominant} share={item.share} />}
              </span>
              <span className={styles.preview}>{item.preview}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
