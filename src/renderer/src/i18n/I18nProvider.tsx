import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import type { MessageKey } from './messages'
import { translator, type Locale } from './translate'

export type { Locale }
const LOCALE_KEY = 'haru.locale'

interface I18n {
  locale: Locale
  setLocale(locale: Locale): void
  t(key: MessageKey, params?: Record<string, string | number>): string
  formatDate(isoDate: string): string
  /** Month and day only: "9월 14일", "September 14". */
  formatDay(isoDate: string): string
  /** A month: "2026년 9월", "September 2026" (`YYYY-MM`). */
  formatMonth(month: string): string
}

const I18nContext = createContext<I18n | null>(null)

function initialLocale(): Locale {
  const saved = localStorage.getItem(LOCALE_KEY)
  // Korean first: English only when the user chose it.
  return saved === 'en' ? 'en' : 'ko'
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale)

  useEffect(() => {
    document.documentElement.lang = locale
  }, [locale])

  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(LOCALE_KEY, next)
    setLocaleState(next)
  }, [])

  const value = useMemo<I18n>(() => {
    const dateFormat = new Intl.DateTimeFormat(locale === 'ko' ? 'ko-KR' : 'en-US', {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      weekday: 'short'
    })
    const tag = locale === 'ko' ? 'ko-KR' : 'en-US'
    const dayFormat = new Intl.DateTimeFormat(tag, { month: 'long', day: 'numeric' })
    const monthFormat = new Intl.DateTimeFormat(tag, { year: 'numeric', month: 'long' })
    const local = (isoDate: string) => {
      const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number]
      return new Date(y, m - 1, d ?? 1)
    }
    return {
      locale,
      setLocale,
      t: translator(locale),
      formatDate: (isoDate) => dateFormat.format(local(isoDate)),
      formatDay: (isoDate) => dayFormat.format(local(isoDate)),
      formatMonth: (month) => monthFormat.format(local(`${month}-01`))
    }
  }, [locale, setLocale])

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext)
  if (!ctx) throw new Error('useI18n outside I18nProvider')
  return ctx
}
