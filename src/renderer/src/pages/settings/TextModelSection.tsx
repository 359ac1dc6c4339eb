import { useCallback, useEffect, useState } from 'react'
import type { TextModels, TextPackInfo } from '../../../../shared/api/models-schemas'
import type { Profile } from '../../../../shared/api/schemas'
import { haruApi } from '../../api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useI18n } from '../../i18n/I18nProvider'
import { cx, ui } from '../../ui/ui'
import { SettingsRow, SettingsRows, SettingsSection } from './SettingsSection'
import styles from './TextModelSection.module.css'

const title = (p: TextPackInfo) => `${p.name} ${p.version}`

/**
 * Settings → the profile's text model. With one text pack installed it is a one-line note naming
 * it; with more, a choice among them (by pack id; the shipped default is stored as "no choice").
 * A chosen pack that is gone or broken is said to be, with the default in its place. A pack
 * folder (e.g. what training/text/export_official.py writes) can be installed from here.
 */
export function TextModelSection({ profile }: { profile: Profile }) {
  const { t } = useI18n()
  const [models, setModels] = useState<TextModels | null>(null)
  const [folder, setFolder] = useState('')
  const [busy, setBusy] = useState(false)
  /** The pack just clicked, shown as chosen while the choice is being saved. */
  const [pending, setPending] = useState<string | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)

  const refresh = useCallback(
    () =>
      haruApi()
        .models.listText({ profileId: profile.id })
        .then(setModels, setError),
    [profile.id]
  )
  useEffect(() => {
    void refresh()
  }, [refresh])

  const run = async (job: () => Promise<string>) => {
    setBusy(true)
    setError(null)
    setMessage(null)
    try {
      setMessage(await job())
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }

  const select = async (pack: TextPackInfo) => {
    setPending(pack.id)
    await run(async () => {
      const packId = models && pack.id === models.defaultId ? null : pack.id
      setModels(await haruApi().models.selectText({ profileId: profile.id, packId }))
      return t('settings.textModelChosen', { name: title(pack) })
    })
    setPending(null)
  }

  const install = () =>
    run(async () => {
      const pack = await haruApi().models.installText({ path: folder.trim() })
      setFolder('')
      await refresh()
      return t('settings.textModelInstalled', { name: title(pack) })
    })

  if (!models) return <ErrorNotice error={error} />
  const active = models.packs.find((p) => p.id === models.activeId)
  const activeName = active ? title(active) : models.activeId

  return (
    <SettingsSection legend={t('settings.textModel')} testId="text-model">
      {models.fallback && models.chosenId && (
        <p role="alert" className={ui.warn} data-testid="text-model-fallback">
          {t('settings.textModelFallback', { chosen: models.chosenId, name: activeName })}
        </p>
      )}
      {models.packs.length > 1 ? (
        <>
          <p className={ui.mutedSmall}>{t('settings.textModelHelp')}</p>
          <SettingsRows role="radiogroup" aria-label={t('settings.textModel')}>
            {models.packs.map((p) => (
              <SettingsRow key={p.id} model={p.id}>
                <label className={styles.choice}>
                  <span>
                    <input
                      type="radio"
                      name="text-model"
                      value={p.id}
                      checked={p.id === (pending ?? models.activeId)}
                      disabled={busy}
                      onChange={() => void select(p)}
                    />{' '}
                    <strong>{title(p)}</strong>
                  </span>
                  <span className={ui.mutedSmall}>
                    {t(p.location === 'shipped' ? 'settings.textModelShipped' : 'settings.textModelImported')} · <code>{p.id}</code> ·{' '}
                    {t('settings.textModelLabels', { labels: p.labels.join(', ') })}
                  </span>
                </label>
              </SettingsRow>
            ))}
          </SettingsRows>
        </>
      ) : (
        <p className={ui.mutedSmall} data-testid="text-model-only">
          {t('settings.textModelOnly', { name: activeName })}
        </p>
      )}
      {models.broken.length > 0 && (
        <ul className={cx(ui.small, ui.warn)}>
          {models.broken.map((b) => (
            <li key={b.folder}>{t('settings.textModelBroken', { folder: b.folder, message: b.message })}</li>
          ))}
        </ul>
      )}
      {message && (
        <p role="status" className={ui.notice}>
          {message}
        </p>
      )}
      <ErrorNotice error={error} />
      <details className={styles.install}>
        <summary>{t('settings.textModelInstall')}</summary>
        <p className={ui.mutedSmall}>{t('settings.textModelInstallHelp')}</p>
        <label className={ui.field}>
          <span>{t('settings.textModelFolder')}</span>
          <input className={ui.input} value={folder} onChange={(e) => setFolder(e.target.value)} placeholder="/path/to/klue-roberta-emotion-official" />
        </label>
        <button type="button" disabled={busy || !folder.trim()} onClick={() => void install()}>
          {busy ? t('settings.textModelInstalling') : t('settings.textModelInstallButton')}
        </button>
      </details>
    </SettingsSection>
  )
}
