import { lazy, Suspense, useEffect, useState } from 'react'
import type { Profile } from '../../shared/api/schemas'
import { localIsoDate } from '../../shared/dates'
import { haruApi } from './api'
import { useI18n } from './i18n/I18nProvider'
import { ProfileGate } from './pages/ProfileGate'
import { TodayPage } from './pages/TodayPage'

const PAGES = ['today', 'history', 'trends', 'search', 'voice', 'settings'] as const
type Page = (typeof PAGES)[number]
const PROFILE_KEY = 'haru.profileId'
/**
 * Every page but the first one (Today, or the profile picker) is its own chunk, loaded on first
 * visit, so start-up parses only what the first screen needs; Trends also keeps the charts out.
 */
const TrendsPage = lazy(() => import('./pages/TrendsPage').then((m) => ({ default: m.TrendsPage })))
const HistoryPage = lazy(() => import('./pages/HistoryPage').then((m) => ({ default: m.HistoryPage })))
const SearchPage = lazy(() => import('./pages/SearchPage').then((m) => ({ default: m.SearchPage })))
const SettingsPage = lazy(() => import('./pages/SettingsPage').then((m) => ({ default: m.SettingsPage })))
const VoicePage = lazy(() => import('./pages/voice/VoicePage').then((m) => ({ default: m.VoicePage })))

export function App() {
  const { t, locale, setLocale } = useI18n()
  const [profile, setProfile] = useState<Profile | null>(null)
  const [restoring, setRestoring] = useState(true)
  const [page, setPage] = useState<Page>('today')
  const [date, setDate] = useState(localIsoDate)

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
        <Suspense fallback={<p className="muted">…</p>}>
        {page === 'settings' ? (
          <SettingsPage key={profile.id} profile={profile} onShowEntries={showEntries} />
        ) : page === 'voice' ? (
          <VoicePage key={profile.id} profile={profile} />
        ) : page === 'trends' ? (
          <TrendsPage key={profile.id} profile={profile} onOpen={openDay} />
        ) : page === 'search' ? (
          <SearchPage key={profile.id} profile={profile} onOpen={openDay} />
        ) : page === 'today' ? (
          <TodayPage profile={profile} date={date} onDateChange={setDate} />
        ) : (
          <HistoryPage profile={profile} onOpen={openDay} />
        )}
        </Suspense>
      </main>
    </div>
  )
}
