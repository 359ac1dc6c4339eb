import { Suspense, useEffect, useState } from 'react'
import type { Profile } from '../../shared/api/schemas'
import { addDays, localIsoDate } from '../../shared/dates'
import { isoWeekKey } from '../../shared/reflect/period'
import styles from './App.module.css'
import { haruApi } from './api'
import { QueueProgress } from './analysis-queue/QueueProgress'
import { QueueStatusProvider } from './analysis-queue/QueueStatusProvider'
import { useI18n } from './i18n/I18nProvider'
import { LockNowButton } from './lock/LockNowButton'
import { lazyPage, preloadWhenIdle } from './lazy-page'
import { ProfileGate } from './pages/ProfileGate'
import { TodayPage } from './pages/TodayPage'
import { ui } from './ui/ui'

const PAGES = ['today', 'history', 'trends', 'search', 'voice', 'settings'] as const
/** `reflection` has no tab: Trends links to it, and Today offers it the day after a week or month ends. */
type Page = (typeof PAGES)[number] | 'reflection'
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
const ReflectionPage = lazyPage(() => import('./pages/reflection/ReflectionPage').then((m) => m.ReflectionPage))
preloadWhenIdle([HistoryPage, SearchPage, VoicePage, SettingsPage, TrendsPage, ReflectionPage])

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

  /** 오늘 always means today, whichever day the day page showed last. */
  const go = (p: Page) => {
    if (p === 'today') setDate(localIsoDate())
    setPage(p)
  }

  if (restoring) return null
  if (!profile) return <ProfileGate onOpen={openProfile} onShowEntries={showEntries} />
  /** History, Trends and Search open a day on the day page. */
  const openDay = (d: string) => {
    setDate(d)
    setPage('today')
  }
  // The 오늘 tab is current only on today's page; a past day is a day page reached from elsewhere.
  const current = (p: Page) => page === p && (p !== 'today' || date === localIsoDate())
  const openReflection = (period: string) => {
    setReflectionPeriod(period)
    setPage('reflection')
  }

  return (
    <QueueStatusProvider key={profile.id} profileId={profile.id}>
    <div className={styles.shell}>
      <header className={styles.topbar}>
        <div className={styles.brand}>
          <span className={styles.brandMark} aria-hidden="true">
            하
          </span>
          <span className={styles.brandName}>{t('appName')}</span>
        </div>
        <nav aria-label="main" className={styles.nav}>
          {PAGES.map((p) => (
            <button key={p} type="button" className={current(p) ? styles.tabActive : styles.tab} aria-current={current(p) ? 'page' : undefined} onClick={() => go(p)}>
              {t(`nav.${p}`)}
            </button>
          ))}
        </nav>
        <div className={styles.end} data-part="end">
          {/* In the compact header the name gives way to its initial; the full "…님의 일기" is still announced. */}
          <span className={styles.avatar} aria-hidden="true" title={t('profile.openedAs', { name: profile.name })}>
            {profile.name.slice(0, 1)}
          </span>
          <span className={styles.whose} data-testid="current-profile">
            {t('profile.openedAs', { name: profile.name })}
          </span>
          <LockNowButton className={styles.endButton} />
          <button type="button" className={styles.endButton} onClick={() => openProfile(null)}>
            {t('nav.switchProfile')}
          </button>
          <button type="button" className={styles.endButton} lang={locale === 'ko' ? 'en' : 'ko'} onClick={() => setLocale(locale === 'ko' ? 'en' : 'ko')}>
            {t('nav.language')}
          </button>
        </div>
      </header>
      <QueueProgress />
      <main className={styles.content}>
        <Suspense fallback={<p className={ui.muted}>…</p>}>
        {page === 'settings' ? (
          <SettingsPage key={profile.id} profile={profile} onShowEntries={showEntries} />
        ) : page === 'voice' ? (
          <VoicePage key={profile.id} profile={profile} />
        ) : page === 'trends' ? (
          <TrendsPage key={profile.id} profile={profile} onOpen={openDay} onReflect={openReflection} />
        ) : page === 'search' ? (
          <SearchPage key={profile.id} profile={profile} onOpen={openDay} />
        ) : page === 'reflection' ? (
          <ReflectionPage key={profile.id} profile={profile} period={reflectionPeriod} onPeriodChange={setReflectionPeriod} onOpen={openDay} />
        ) : page === 'today' ? (
          <TodayPage profile={profile} date={date} onDateChange={setDate} onReflect={openReflection} />
        ) : (
          <HistoryPage key={profile.id} profile={profile} onOpen={openDay} />
        )}
        </Suspense>
      </main>
    </div>
    </QueueStatusProvider>
  )
}
