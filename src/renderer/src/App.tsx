import { useEffect, useState } from 'react'
import type { Profile } from '../../shared/api/schemas'
import { localIsoDate } from '../../shared/dates'
import { haruApi } from './api'
import { useI18n } from './i18n/I18nProvider'
import { HistoryPage } from './pages/HistoryPage'
import { ProfileGate } from './pages/ProfileGate'
import { TodayPage } from './pages/TodayPage'

type Page = 'today' | 'history'
const PROFILE_KEY = 'haru.profileId'

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

  if (restoring) return null
  if (!profile) return <ProfileGate onOpen={openProfile} />

  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">하</span>
          <span className="brand-name">{t('appName')}</span>
        </div>
        <nav aria-label="main">
          <button type="button" className={page === 'today' ? 'tab active' : 'tab'} aria-current={page === 'today' ? 'page' : undefined} onClick={() => setPage('today')}>
            {t('nav.today')}
          </button>
          <button type="button" className={page === 'history' ? 'tab active' : 'tab'} aria-current={page === 'history' ? 'page' : undefined} onClick={() => setPage('history')}>
            {t('nav.history')}
          </button>
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
        {page === 'today' ? (
          <TodayPage profile={profile} date={date} onDateChange={setDate} />
        ) : (
          <HistoryPage
            profile={profile}
            onOpen={(d) => {
              setDate(d)
              setPage('today')
            }}
          />
        )}
      </main>
    </div>
  )
}
