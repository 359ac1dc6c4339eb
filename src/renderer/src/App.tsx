import { Suspense, useEffect, useState } from 'react'
import type { Profile } from '../../shared/api/schemas'
import { localIsoDate } from '../../shared/dates'
import { haruApi } from './api'
import { useI18n } from './i18n/I18nProvider'
import { lazyPage, preloadWhenIdle } from './lazy-page'
import { ProfileGate } from './pages/ProfileGate'
import { TodayPage } from './pages/TodayPage'

const PAGES = ['today', 'history', 'trends', 'search', 'voice', 'settings'] as const
type Page = (typeof PAGES)[number]
const PROFILE_KEY = 'haru.profileId'
/**
 * Every page but the first one (Today, or the profile picker) is its own chunk, so start-up parses
 * only what the first screen needs; Trends also keeps the charts library out. The chunks load when
 * the app is idle after start, so a first visit neither waits for one nor evaluates ECharts.
 */
const TrendsPage = lazyPage(() => import('./pages/TrendsPage').then((m) => m.TrendsPage))
const HistoryPage = lazyPage(() => import('./pages/HistoryPage').then((m) => m.HistoryPage))
const SearchPage = lazyPage(() => import('./pages/SearchPage').then((m) => m.SearchPage))
const SettingsPage = lazyPage(() => import('./pages/SettingsPage').then((m) => m.SettingsPage))
const VoicePage = lazyPage(() => import('./pages/voice/VoicePage').then((m) => m.VoicePage))
preloadWhenIdle([HistoryPage, SearchPage, VoicePage, SettingsPage, TrendsPage])

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
