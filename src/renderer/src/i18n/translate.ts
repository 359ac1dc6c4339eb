import { en, ko, type MessageKey } from './messages'

export type Locale = 'ko' | 'en'
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string

const dictionaries: Record<Locale, Record<MessageKey, string>> = { ko, en }

/** `{name}` placeholders filled from `params`; a missing one stays visible rather than silently empty. */
export function translator(locale: Locale): Translate {
  const dict = dictionaries[locale]
  return (key, params) => dict[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name] ?? `{${name}}`))
}

/** Whether a key built at run time (e.g. from an error code) exists in the dictionaries. */
export function isMessageKey(key: string): key is MessageKey {
  return key in ko
}
