import type { Profile } from '../../../shared/api/schemas'
import { addDays, localIsoDate } from '../../../shared/dates'
import { EntryEditor } from '../components/EntryEditor'
import { VoiceMemos } from '../memos/VoiceMemos'
import { useI18n } from '../i18n/I18nProvider'
import { EntryTags } from '../components/trends/EntryTags'
import { OnThisDay } from '../components/trends/OnThisDay'
import { ReflectionBanner } from './reflection/ReflectionBanner'

export function TodayPage({
  profile,
  date,
  onDateChange,
  onReflect
}: {
  profile: Profile
  date: string
  onDateChange: (d: string) => void
  /** Opens the reflection of a period (the banner the day after a week or month ends). */
  onReflect?: (period: string) => void
}) {
  const { t, formatDate } = useI18n()
  const today = localIsoDate()
  return (
    <section className="today" aria-labelledby="today-heading">
      <div className="day-nav">
        <button type="button" className="icon-button" onClick={() => onDateChange(addDays(date, -1))} aria-label={t('today.prevDay')}>
          ‹
        </button>
        <h1 id="today-heading" className="day-title">
          {formatDate(date)}
        </h1>
        <button
          type="button"
          className="icon-button"
          onClick={() => onDateChange(addDays(date, 1))}
          aria-label={t('today.nextDay')}
          disabled={date >= today}
        >
          ›
        </button>
        {date !== today && (
          <button type="button" className="link" onClick={() => onDateChange(today)}>
            {t('today.goToday')}
          </button>
        )}
      </div>
      {date === today && onReflect && <ReflectionBanner profileId={profile.id} today={today} onOpen={onReflect} />}
      {/* A fresh editor per profile and day: each owns its autosave state and flushes on leave. */}
      <EntryEditor key={`${profile.id}:${date}`} profileId={profile.id} date={date} label={t('today.editorLabel', { date: formatDate(date) })} />
      <VoiceMemos key={`memos-${profile.id}:${date}`} profileId={profile.id} date={date} />
      <EntryTags key={`tags-${profile.id}:${date}`} profileId={profile.id} date={date} />
      <OnThisDay profileId={profile.id} date={date} onOpen={onDateChange} />
    </section>
  )
}
