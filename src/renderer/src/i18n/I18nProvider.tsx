import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { en, ko, type MessageKey } from './messages'

export type Locale = 'ko' | 'en'
const LOCALE_KEY = 'haru.locale'
const dictionaries: Record<Locale, Record<MessageKey, string>> = { ko, en }

interface I18n {
  locale: Locale
  setLocale(locale: Locale): void
  t(key: MessageKey, params?: Record<string, string | number>): string
  formatDate(isoDate: string): string
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
    const dict = dictionaries[locale]
    const dateFormat = new Intl.DateTimeFormat(locale === 'ko' ? 'ko-KR' : 'en-US', {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      weekday: 'short'
    })
    return {
      locale,
      setLocale,
      t: (key, params) => dict[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name] ?? `{${name}}`)),
      formatDate: (isoDate) => {
        const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number]
        return dateFormat.format(new Date(y, m - 1, d))
      }
    }
  }, [locale, setLocale])

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext)
  if (!ctx) throw new Error('useI18n outside I18nProvider')
  return ctx
}
