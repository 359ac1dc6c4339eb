import { useEffect, useState } from 'react'
import type { OnThisDayItem } from '../../../../shared/api/trends-schemas'
import { EMOTION_ICONS, EMOTION_LABELS } from '../../../../shared/trends/emotion-style'
import { haruApi } from '../../api'
import './trends.css'
import { useI18n } from '../../i18n/I18nProvider'

/** Entries written on the same day of the month in earlier months and years. */
export function OnThisDay({ profileId, date, onOpen }: { profileId: number; date: string; onOpen(date: string): void }) {
  const { t, locale, formatDate } = useI18n()
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
    <section className="on-this-day" aria-labelledby="on-this-day-title" data-testid="on-this-day">
      <h2 id="on-this-day-title" className="small-heading">
        {t('onThisDay.title')}
      </h2>
      <ul>
        {items.map((item) => (
          <li key={item.entryId} data-date={item.entryDate}>
            <button type="button" className="on-this-day-item" onClick={() => onOpen(item.entryDate)}>
              <span className="muted small">
                {item.monthsAgo % 12 === 0 ? t('onThisDay.yearsAgo', { count: item.monthsAgo / 12 }) : t('onThisDay.monthsAgo', { count: item.monthsAgo })}
                {' · '}
                {formatDate(item.entryDate)}
                {item.dominant && ` · ${EMOTION_ICONS[item.dominant]} ${EMOTION_LABELS[locale][item.dominant]}`}
              </span>
              <span className="on-this-day-preview">{item.preview}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
