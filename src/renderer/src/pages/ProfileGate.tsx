import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { GENDER_HINTS, type GenderHint } from '../../../shared/api/limits'
import type { Profile } from '../../../shared/api/schemas'
import { haruApi } from '../api'
import { ErrorNotice } from '../components/ErrorNotice'
import { useI18n } from '../i18n/I18nProvider'
import { cx, ui } from '../ui/ui'
import styles from './ProfileGate.module.css'
import { RestoreBackup } from './settings/BackupSection'

/** Picks whose diary opens; creating the first profile is the first-start screen. */
export function ProfileGate({ onOpen, onShowEntries }: { onOpen: (p: Profile) => void; onShowEntries?: (p: Profile) => void }) {
  const { t, locale, setLocale } = useI18n()
  const [profiles, setProfiles] = useState<Profile[] | null>(null)
  const [name, setName] = useState('')
  const [gender, setGender] = useState<GenderHint>('UNSPECIFIED')
  const [error, setError] = useState<{ action: string; error: unknown } | null>(null)
  const [busy, setBusy] = useState(false)

  const loadProfiles = useCallback(() => {
    haruApi()
      .profiles.list()
      .then(setProfiles)
      .catch((err) => setError({ action: t('error.loadFailedShort'), error: err }))
  }, [t])
  useEffect(loadProfiles, [loadProfiles])

  const create = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      onOpen(await haruApi().profiles.create({ name, gender }))
    } catch (err) {
      setError({ action: t('profile.createFailed'), error: err })
    } finally {
      setBusy(false)
    }
  }

  const isFirst = profiles !== null && profiles.length === 0

  return (
    <main className={styles.gate}>
      <div className={styles.card}>
        {/* The language can be chosen before any profile exists. */}
        <button type="button" className={cx(ui.link, styles.language)} lang={locale === 'ko' ? 'en' : 'ko'} onClick={() => setLocale(locale === 'ko' ? 'en' : 'ko')}>
          {t('nav.language')}
        </button>
        <h1 className={styles.brand}>
          <span className={styles.mark} aria-hidden="true">
            하
          </span>{' '}
          {t('appName')}
        </h1>
        <p className={ui.muted}>{t('tagline')}</p>
        <h2>{isFirst ? t('profile.firstTitle') : t('profile.title')}</h2>
        {profiles && profiles.length > 0 && (
          <ul className={styles.profiles} data-testid="profile-list">
            {profiles.map((p) => (
              <li key={p.id}>
                <button type="button" className={styles.profile} onClick={() => onOpen(p)}>
                  <span className={styles.avatar} aria-hidden="true">
                    {p.name.slice(0, 1)}
                  </span>
                  {p.name}
                </button>
              </li>
            ))}
          </ul>
        )}
        <form className={cx(ui.stack, styles.form)} onSubmit={create} aria-label={t('profile.newOne')}>
          {!isFirst && <h3>{t('profile.newOne')}</h3>}
          <label className={ui.field}>
            <span>{t('profile.nameLabel')}</span>
            <input className={ui.input} value={name} onChange={(e) => setName(e.target.value)} placeholder={t('profile.namePlaceholder')} maxLength={40} required autoFocus={isFirst} />
          </label>
          <fieldset className={ui.field}>
            <legend>{t('profile.genderLabel')}</legend>
            <div className={styles.segmented}>
              {GENDER_HINTS.map((g) => (
                <label key={g} className={gender === g ? styles.segActive : styles.seg}>
                  <input className={styles.radio} type="radio" name="gender" value={g} checked={gender === g} onChange={() => setGender(g)} />
                  {t(`profile.gender.${g}`)}
                </label>
              ))}
            </div>
            <small className={ui.muted}>{t('profile.genderHelp')}</small>
          </fieldset>
          {error && <ErrorNotice error={error.error} action={error.action} />}
          <button type="submit" className={ui.primary} disabled={busy || name.trim().length === 0}>
            {t('profile.create')}
          </button>
        </form>
        {/* A new computer or a fresh data folder: bring a backup back before (or instead of) creating a profile. */}
        <RestoreBackup onImported={loadProfiles} onShowEntries={onShowEntries} />
      </div>
    </main>
  )
}
