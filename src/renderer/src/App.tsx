import { lazy, Suspense, useEffect, useState } from 'react'
import type { Profile } from '../../shared/api/schemas'
import { addDays, localIsoDate } from '../../shared/dates'
import { isoWeekKey } from '../../shared/reflect/period'
import { haruApi } from './api'
import { useI18n } from './i18n/I18nProvider'
import { HistoryPage } from './pages/HistoryPage'
import { ProfileGate } from './pages/ProfileGate'
import { ReflectionPage } from './pages/reflection/ReflectionPage'
import { SearchPage } from './pages/SearchPage'
import { SettingsPage } from './pages/SettingsPage'
import { TodayPage } from './pages/TodayPage'
import { VoicePage } from './pages/voice/VoicePage'

const PAGES = ['today', 'history', 'trends', 'search', 'voice', 'settings'] as const
/** `reflection` has no tab: Trends links to it, and Today offers it the day after a week or month ends. */
type Page = (typeof PAGES)[number] | 'reflection'
const PROFILE_KEY = 'haru.profileId'
/** Loaded on first visit: the charts library stays out of the start-up bundle. */
const TrendsPage = lazy(() => import('./pages/TrendsPage').then((m) => ({ default: m.TrendsPage })))

export function App() {
  const { t, locale, setLocale } = useI18n()
  const [profile, setProfile] = useState<Profile | null>(null)
  const [restoring, setRestoring] = useState(true)
  const [page, setPage] = useState<Page>('today')
  const [date, setDate] = useState(localIsoDate)
  const [reflectionPeriod, setReflectionPeriod] = useState(() => isoWeekKey(addDays(localIsoDate(), -7)))

  // Reopen the last profile after a reload; switching stays an explicit action.
  useEffect(() => {
    const savedId = Number(localStorage.getItem(PROFILE_KEY))
    haruApi()
      .profiles.list()
      .then((profiles) => setProfile(profiles.find((p) => p.id === savedId) ?? null))
      .catch(() => setProfile(null))
      .finally(() => setRestoring(false))
  }, [])

  const openProfile = (p: Profile | null) => {
    if (p) localStorage.setItem(PROFILE_KEY, String(p.id))
    else localStorage.removeItem(PROFILE_KEY)
    setProfile(p)
    setPage('today')
    setDate(localIsoDate())
  }

  /** After an import: that profile's History, where the imported entries are. */
  const showEntries = (p: Profile) => {
    localStorage.setItem(PROFILE_KEY, String(p.id))
    setProfile(p)
    setPage('history')
  }

  if (restoring) return null
  if (!profile) return <ProfileGate onOpen={openProfile} onShowEntries={showEntries} />
  /** Trends and Search open a day's entry on the Today page. */
  const openDay = (d: string) => {
    setDate(d)
    setPage('today')
  }
  const openReflection = (period: string) => {
    setReflectionPeriod(period)
    setPage('reflection')
  }

  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">하</span>
          <span className="brand-name">{t('appName')}</span>
        </div>
        <nav aria-label="main">
          {PAGES.map((p) => (
            <button key={p} type="button" className={page === p ? 'tab active' : 'tab'} aria-current={page === p ? 'page' : undefined} onClick={() => setPage(p)}>
              {t(`nav.${p}`)}
            </button>
          ))}
        </nav>
        <div className="topbar-end">
          <span className="whose" data-testid="current-profile">{t('profile.openedAs', { name: profile.name })}</span>
          <button type="button" className="link" onClick={() => openProfile(null)}>
            {t('nav.switchProfile')}
          </button>
          <button type="button" className="link" lang={locale === 'ko' ? 'en' : 'ko'} onClick={() => setLocale(locale === 'ko' ? 'en' : 'ko')}>
            {t('nav.language')}
          </button>
        </div>
      </header>
      <main className="content">
        {page === 'settings' ? (
          <SettingsPage key={profile.id} profile={profile} onShowEntries={showEntries} />
        ) : page === 'voice' ? (
          <VoicePage key={profile.id} profile={profile} />
        ) : page === 'trends' ? (
          <Suspense fallback={<p className="muted">…</p>}>
            <TrendsPage key={profile.id} profile={profile} onOpen={openDay} onReflect={openReflection} />
          </Suspense>
        ) : page === 'search' ? (
          <SearchPage key={profile.id} profile={profile} onOpen={openDay} />
        ) : page === 'reflection' ? (
          <ReflectionPage key={profile.id} profile={profile} period={reflectionPeriod} onPeriodChange={setReflectionPeriod} onOpen={openDay} />
        ) : page === 'today' ? (
          <TodayPage profile={profile} date={date} onDateChange={setDate} onReflect={openReflection} />
        ) : (
          <HistoryPage profile={profile} onOpen={openDay} />
        )}
      </main>
    </div>
  )
}
