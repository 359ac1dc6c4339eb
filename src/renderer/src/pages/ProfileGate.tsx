import { useCallback, useEffect, useState, type FormEvent } from 'react'
import { GENDER_HINTS, type GenderHint } from '../../../shared/api/limits'
import type { Profile } from '../../../shared/api/schemas'
import { errorMessage, haruApi } from '../api'
import { useI18n } from '../i18n/I18nProvider'
import { RestoreBackup } from './settings/BackupSection'

/** Picks whose diary opens; creating the first profile is the first-start screen. */
export function ProfileGate({ onOpen, onShowEntries }: { onOpen: (p: Profile) => void; onShowEntries?: (p: Profile) => void }) {
  const { t } = useI18n()
  const [profiles, setProfiles] = useState<Profile[] | null>(null)
  const [name, setName] = useState('')
  const [gender, setGender] = useState<GenderHint>('UNSPECIFIED')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const loadProfiles = useCallback(() => {
    haruApi()
      .profiles.list()
      .then(setProfiles)
      .catch((err) => setError(t('error.loadFailed', { message: errorMessage(err) })))
  }, [t])
  useEffect(loadProfiles, [loadProfiles])

  const create = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      onOpen(await haruApi().profiles.create({ name, gender }))
    } catch (err) {
      setError(t('error.generic', { message: errorMessage(err) }))
    } finally {
      setBusy(false)
    }
  }

  const isFirst = profiles !== null && profiles.length === 0

  return (
    <main className="gate">
      <div className="gate-card">
        <h1 className="gate-brand">
          <span className="brand-mark" aria-hidden="true">하</span> {t('appName')}
        </h1>
        <p className="muted">{t('tagline')}</p>
        <h2>{isFirst ? t('profile.firstTitle') : t('profile.title')}</h2>
        {profiles && profiles.length > 0 && (
          <ul className="profile-list">
            {profiles.map((p) => (
              <li key={p.id}>
                <button type="button" className="profile-button" onClick={() => onOpen(p)}>
                  <span className="avatar" aria-hidden="true">{p.name.slice(0, 1)}</span>
                  {p.name}
                </button>
              </li>
            ))}
          </ul>
        )}
        <form className="stack" onSubmit={create} aria-label={t('profile.newOne')}>
          {!isFirst && <h3>{t('profile.newOne')}</h3>}
          <label className="field">
            <span>{t('profile.nameLabel')}</span>
            <input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('profile.namePlaceholder')} maxLength={40} required autoFocus={isFirst} />
          </label>
          <fieldset className="field">
            <legend>{t('profile.genderLabel')}</legend>
            <div className="segmented">
              {GENDER_HINTS.map((g) => (
                <label key={g} className={gender === g ? 'seg active' : 'seg'}>
                  <input type="radio" name="gender" value={g} checked={gender === g} onChange={() => setGender(g)} />
                  {t(`profile.gender.${g}`)}
                </label>
              ))}
            </div>
            <small className="muted">{t('profile.genderHelp')}</small>
          </fieldset>
          {error && <p role="alert" className="error">{error}</p>}
          <button type="submit" className="primary" disabled={busy || name.trim().length === 0}>
            {t('profile.create')}
          </button>
        </form>
        {/* A new computer or a fresh data folder: bring a backup back before (or instead of) creating a profile. */}
        <RestoreBackup onImported={loadProfiles} onShowEntries={onShowEntries} />
      </div>
    </main>
  )
}
