import { useEffect, useState, type ReactNode } from 'react'
import type { DayEmotion } from '../../../../shared/api/day-schemas'
import { localIsoDate } from '../../../../shared/dates'
import { haruApi } from '../../api'
import { DayEmotionTag } from '../../components/emotion/DayEmotionTag'
import { moodWordGloss } from '../../../../shared/moods/vocabulary'
import { useI18n } from '../../i18n/I18nProvider'
import type { MessageKey } from '../../i18n/messages'
import { cx, ui } from '../../ui/ui'
import styles from './DayFeelings.module.css'

type Source = DayEmotion['sources'][number]

/** What a source's figure averaged, in words: "일기 글과 음성 메모 1개의 받아쓰기를 같은 비중으로 평균했어요". */
function combines(source: Source): { key: MessageKey; count: number } {
  if (source.source === 'self') return { key: 'day.fromSelf', count: 0 }
  const entry = source.parts.some((p) => p.kind === 'entry')
  const count = source.parts.filter((p) => p.kind === 'memo').length
  if (source.source === 'audio') return { key: 'day.fromVoice', count }
  if (source.source === 'fused') return { key: 'day.fromFused', count }
  if (entry && count > 0) return { key: 'day.fromEntryAndTranscripts', count }
  return entry ? { key: 'day.fromEntry', count } : { key: 'day.fromTranscripts', count }
}

/**
 * The day's feelings: one figure for the day, the same one the calendar, History, search and the
 * Markdown export show (src/shared/trends/day-emotion.ts), with what it combines; the day's other
 * readings; then what the entry's own words say (`children`).
 */
/** The check-in's word and intensity beside its emotion. */
function MoodDetail({ mood }: { mood: NonNullable<DayEmotion['mood']> }) {
  const { t, locale } = useI18n()
  const word = mood.word ? (locale === 'en' ? `${mood.word} · ${moodWordGloss(mood.word)}` : mood.word) : null
  return (
    <span className={ui.mutedSmall} data-testid="day-mood-detail">
      {' '}
      {[word, mood.intensity ? t('day.intensity', { value: mood.intensity }) : null].filter(Boolean).join(' · ')}
    </span>
  )
}

export function DayFeelings({ profileId, date, revision, children }: { profileId: number; date: string; revision: number; children?: ReactNode }) {
  const { t, formatDay } = useI18n()
  const [day, setDay] = useState<DayEmotion | null>(null)
  const [exists, setExists] = useState(false)

  useEffect(() => {
    let live = true
    const api = haruApi()
    api.entries
      .getByDate({ profileId, entryDate: date })
      .then(async (entry) => {
        const result = entry ? await api.entries.day({ entryId: entry.id }) : null
        if (!live) return
        setExists(entry !== null)
        setDay(result)
      })
      .catch(() => live && setDay(null))
    return () => {
      live = false
    }
  }, [profileId, date, revision])

  if (!exists && !children) return null
  const headline = day?.headline ?? null
  const main = headline ? day!.sources.find((s) => s.source === headline.source) : undefined
  const others = day?.sources.filter((s) => s.source !== headline?.source) ?? []
  const title = date === localIsoDate() ? t('day.titleToday') : t('day.titlePast', { date: formatDay(date) })

  return (
    <section className={cx(ui.card, styles.feelings)} aria-labelledby="feelings-heading" data-testid="day-feelings">
      <h2 id="feelings-heading" className={ui.heading}>
        {title}
      </h2>
      {headline && main ? (
        <div className={styles.day} data-testid="day-emotion" data-emotion={headline.dominant} data-source={headline.source}>
          <p className={styles.figure}>
            {/* The writer's own check-in has no share: it is their answer, not a probability. */}
            <DayEmotionTag emotion={headline.dominant} share={headline.source === 'self' ? null : headline.share} />
            {headline.source === 'self' && day?.mood && <MoodDetail mood={day.mood} />}
          </p>
          <p className={ui.mutedSmall}>{t(combines(main).key, { count: combines(main).count })}</p>
          {others.length > 0 && (
            <ul className={styles.others}>
              {others.map((s) => (
                <li key={s.source} data-source={s.source}>
                  {t(`trends.source.${s.source}`)}: <DayEmotionTag emotion={s.dominant} share={s.probs[s.dominant]} />{' '}
                  <span className={ui.mutedSmall}>({t(combines(s).key, { count: combines(s).count })})</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : (
        <p className={ui.muted}>{t('day.none')}</p>
      )}
      {children}
    </section>
  )
}
