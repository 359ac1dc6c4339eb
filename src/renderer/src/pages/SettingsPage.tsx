import { useCallback, useEffect, useState } from 'react'
import type { AsrStatus } from '../../../shared/api/asr-schemas'
import type { Profile } from '../../../shared/api/schemas'
import { errorMessage, haruApi } from '../api'
import { useI18n } from '../i18n/I18nProvider'
import { BackupSection } from './settings/BackupSection'
import { TextModelSection } from './settings/TextModelSection'

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1)

/** Fusion weights of this profile, and the speech-to-text model (download with progress and cancel, or a folder on disk). */
export function SettingsPage({ profile, onShowEntries }: { profile: Profile; onShowEntries?: (p: Profile) => void }) {
  const { t } = useI18n()
  const [textWeight, setTextWeight] = useState<number | null>(null)
  const [asr, setAsr] = useState<AsrStatus | null>(null)
  const [folder, setFolder] = useState('')
  const [message, setMessage] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  const refresh = useCallback(() => haruApi().asr.status().then(setAsr), [])

  useEffect(() => {
    haruApi()
      .settings.get({ profileId: profile.id })
      .then((s) => setTextWeight(s.fusion.text / (s.fusion.text + s.fusion.audio)))
      .catch((err) => setError(errorMessage(err)))
    void refresh()
  }, [profile.id, refresh])

  // Poll while a download runs, so the progress bar moves.
  const running = asr?.models.some((m) => m.job?.state === 'running')
  useEffect(() => {
    if (!running) return
    const timer = setInterval(() => void refresh(), 500)
    return () => clearInterval(timer)
  }, [running, refresh])

  const act = async (job: () => Promise<unknown>, done?: string) => {
    setError(null)
    try {
      await job()
      if (done) setMessage(done)
      await refresh()
    } catch (err) {
      setError(errorMessage(err))
    }
  }

  return (
    <section aria-labelledby="settings-heading" className="stack">
      <h1 id="settings-heading">{t('settings.title')}</h1>
      {message && <p role="status" className="notice">{message}</p>}
      {error && <p role="alert" className="error">{error}</p>}

      <fieldset className="field">
        <legend>{t('settings.fusion')}</legend>
        <p className="muted small">{t('settings.fusionHelp')}</p>
        {textWeight !== null && (
          <label className="field">
            <span>
              {t('settings.fusionValue', { text: Math.round(textWeight * 100), audio: Math.round((1 - textWeight) * 100) })}
            </span>
            <input
              type="range"
              min={0}
              max={100}
              step={5}
              value={Math.round(textWeight * 100)}
              onChange={(e) => setTextWeight(Number(e.target.value) / 100)}
              onPointerUp={() => void act(() => haruApi().settings.set({ profileId: profile.id, fusion: { text: textWeight, audio: 1 - textWeight } }), t('settings.saved'))}
              onKeyUp={() => void act(() => haruApi().settings.set({ profileId: profile.id, fusion: { text: textWeight, audio: 1 - textWeight } }), t('settings.saved'))}
            />
          </label>
        )}
      </fieldset>

      <TextModelSection profile={profile} />

      <fieldset className="field">
        <legend>{t('settings.asr')}</legend>
        <p className="muted small">{asr?.activeDir ? t('settings.asrActive', { dir: asr.activeDir }) : t('settings.asrNone')}</p>
        <ul className="history-list">
          {asr?.models.map((m) => (
            <li key={m.id} className="history-item" data-model={m.id}>
              <div className="history-open">
                <strong>{m.name}</strong>
                <span className="muted small">{m.downloaded ? t('settings.asrDownloaded') : t('settings.asrSize', { mb: m.approxMb })}</span>
                {m.job?.state === 'running' && (
                  <progress max={m.job.total ?? undefined} value={m.job.bytes} aria-label={t('settings.asrProgress')}>
                    {mb(m.job.bytes)} MB
                  </progress>
                )}
                {m.job?.state === 'running' && (
                  <span className="muted small">
                    {mb(m.job.bytes)} / {m.job.total ? mb(m.job.total) : '?'} MB
                  </span>
                )}
                {(m.job?.state === 'failed' || m.job?.state === 'cancelled') && <span className="error small">{m.job.error}</span>}
              </div>
              {m.job?.state === 'running' ? (
                <button type="button" onClick={() => void act(() => haruApi().asr.cancel({ modelId: m.id }))}>
                  {t('settings.cancel')}
                </button>
              ) : (
                !m.downloaded && (
                  <button type="button" className="primary" onClick={() => void act(() => haruApi().asr.download({ modelId: m.id }))}>
                    {t('settings.download')}
                  </button>
                )
              )}
            </li>
          ))}
        </ul>
        <label className="field">
          <span>{t('settings.asrFolder')}</span>
          <input value={folder} onChange={(e) => setFolder(e.target.value)} placeholder="/path/to/whisper-base" />
        </label>
        <button type="button" disabled={!folder.trim()} onClick={() => void act(() => haruApi().asr.useFolder({ path: folder.trim() }), t('settings.saved'))}>
          {t('settings.useFolder')}
        </button>
      </fieldset>

      <BackupSection
        profile={profile}
        onShowEntries={onShowEntries}
        // An import may bring this profile settings it did not have yet: show what is now stored.
        onImported={() => void haruApi().settings.get({ profileId: profile.id }).then((s) => setTextWeight(s.fusion.text / (s.fusion.text + s.fusion.audio)), () => undefined)}
      />
    </section>
  )
}
