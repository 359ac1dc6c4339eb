import { useEffect, useState } from 'react'
import type { Profile } from '../../../shared/api/schemas'
import { haruApi } from '../api'
import { ErrorNotice } from '../components/ErrorNotice'
import { useI18n } from '../i18n/I18nProvider'
import { ui } from '../ui/ui'
import { AdaptationSection } from './settings/AdaptationSection'
import { AsrSection } from './settings/AsrSection'
import { BackupSection } from './settings/BackupSection'
import { LockSection } from './settings/LockSection'
import { SettingsSection } from './settings/SettingsSection'
import { TextModelSection } from './settings/TextModelSection'
import styles from './SettingsPage.module.css'

/** Fusion weights of this profile, the text and speech-to-text models, and backups; each section shows its own messages. */
export function SettingsPage({ profile, onShowEntries }: { profile: Profile; onShowEntries?: (p: Profile) => void }) {
  const { t } = useI18n()
  const [textWeight, setTextWeight] = useState<number | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)

  const loadWeights = () =>
    haruApi()
      .settings.get({ profileId: profile.id })
      .then((s) => setTextWeight(s.fusion.text / (s.fusion.text + s.fusion.audio)), setError)
  useEffect(() => {
    void loadWeights()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [profile.id])

  const saveWeights = async () => {
    if (textWeight === null) return
    setError(null)
    setMessage(null)
    try {
      await haruApi().settings.set({ profileId: profile.id, fusion: { text: textWeight, audio: 1 - textWeight } })
      setMessage(t('settings.saved'))
    } catch (err) {
      setError(err)
    }
  }

  return (
    <section aria-labelledby="settings-heading" className={styles.page}>
      <h1 id="settings-heading">{t('settings.title')}</h1>
      <SettingsSection legend={t('settings.fusion')} testId="fusion-settings">
        <p className={ui.mutedSmall}>{t('settings.fusionHelp')}</p>
        {textWeight !== null && (
          <label className={ui.field}>
            <span>{t('settings.fusionValue', { text: Math.round(textWeight * 100), audio: Math.round((1 - textWeight) * 100) })}</span>
            <input
              type="range"
              min={0}
              max={100}
              step={5}
              value={Math.round(textWeight * 100)}
              onChange={(e) => setTextWeight(Number(e.target.value) / 100)}
              onPointerUp={() => void saveWeights()}
              onKeyUp={() => void saveWeights()}
            />
          </label>
        )}
        {message && (
          <p role="status" className={ui.mutedSmall}>
            {message}
          </p>
        )}
        <ErrorNotice error={error} />
      </SettingsSection>

      <LockSection />
      <TextModelSection profile={profile} />
      <AdaptationSection profile={profile} />
      <AsrSection />
      <BackupSection
        profile={profile}
        onShowEntries={onShowEntries}
        // An import may bring this profile settings it did not have yet: show what is now stored.
        onImported={() => void loadWeights()}
      />
    </section>
  )
}
