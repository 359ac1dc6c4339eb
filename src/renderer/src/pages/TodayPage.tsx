import { useState } from 'react'
import type { Profile } from '../../../shared/api/schemas'
import { EntryEditor } from '../components/EntryEditor'
import { EntryTags } from '../components/trends/EntryTags'
import { OnThisDay } from '../components/trends/OnThisDay'
import { localIsoDate } from '../../../shared/dates'
import { useI18n } from '../i18n/I18nProvider'
import { VoiceMemos } from '../memos/VoiceMemos'
import { ReflectionBanner } from './reflection/ReflectionBanner'
import { DayHeader } from './today/DayHeader'
import { MoodCheckIn } from './today/MoodCheckIn'

/**
 * The day page: today's entry, or any past day's (it then says so, with its date). The editor,
 * the day's feelings, its voice memos and tags all belong to the day shown: nothing carries over
 * from the day seen before.
 */
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
  const { formatDate, t } = useI18n()
  const today = localIsoDate()
  // Bumped when the day's entry or memos change, so the day figure and the tags are read again.
  const [memoRevision, setMemoRevision] = useState(0)
  const [entryRevision, setEntryRevision] = useState(0)
  // Bumped when the day's check-in changes: the day figure (which it states) is read again.
  const [moodRevision, setMoodRevision] = useState(0)
  const day = `${profile.id}:${date}`
  return (
    <section aria-labelledby="today-heading">
      <DayHeader date={date} onDateChange={onDateChange} />
      <MoodCheckIn key={`mood-${day}`} profileId={profile.id} date={date} onChanged={() => setMoodRevision((r) => r + 1)} />
      {date === today && onReflect && <ReflectionBanner profileId={profile.id} today={today} onOpen={onReflect} />}
      {/* A fresh editor per profile and day: each owns its autosave state and flushes on leave. */}
      <EntryEditor
        key={day}
        profileId={profile.id}
        date={date}
        label={t('today.editorLabel', { date: formatDate(date) })}
        memoRevision={memoRevision + moodRevision}
        onEntryChanged={() => setEntryRevision((r) => r + 1)}
      />
      <VoiceMemos key={`memos-${day}`} profileId={profile.id} date={date} onChanged={() => setMemoRevision((r) => r + 1)} onOpenDay={onDateChange} />
      <EntryTags key={`tags-${day}-${entryRevision}`} profileId={profile.id} date={date} />
      <OnThisDay profileId={profile.id} date={date} onOpen={onDateChange} />
    </section>
  )
}
