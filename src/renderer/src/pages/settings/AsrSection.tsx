import { useCallback, useEffect, useState } from 'react'
import type { AsrStatus } from '../../../../shared/api/asr-schemas'
import { HaruApiError } from '../../../../shared/api/errors'
import { haruApi } from '../../api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useI18n } from '../../i18n/I18nProvider'
import { isMessageKey } from '../../i18n/translate'
import { ui } from '../../ui/ui'
import { SettingsRow, SettingsRows, SettingsSection } from './SettingsSection'

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1)
type Job = NonNullable<AsrStatus['models'][number]['job']>

/** A failed download as an error the one message map can explain (offline, the server's status…). */
const jobError = (job: Job) =>
  job.reason ? HaruApiError.because('unavailable', job.error ?? '', job.reason, job.params ?? undefined) : new Error(job.error ?? '')

/** Settings → the speech-to-text model: download one (progress, cancel, resume) or use a folder on disk. */
export function AsrSection() {
  const { t } = useI18n()
  const [asr, setAsr] = useState<AsrStatus | null>(null)
  const [folder, setFolder] = useState('')
  const [message, setMessage] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)

  const refresh = useCallback(() => haruApi().asr.status().then(setAsr, setError), [])
  useEffect(() => void refresh(), [refresh])

  // Poll while a download runs, so the progress bar moves.
  const running = asr?.models.some((m) => m.job?.state === 'running')
  useEffect(() => {
    if (!running) return
    const timer = setInterval(() => void refresh(), 500)
    return () => clearInterval(timer)
  }, [running, refresh])

  const act = async (job: () => Promise<AsrStatus>, done?: string) => {
    setError(null)
    setMessage(null)
    try {
      setAsr(await job())
      if (done) setMessage(done)
    } catch (err) {
      setError(err)
    }
  }
  const name = (id: string, fallback: string) => {
    const key = `settings.asrModel.${id}`
    return isMessageKey(key) ? t(key) : fallback
  }

  return (
    <SettingsSection legend={t('settings.asr')} testId="asr-settings">
      <p className={ui.mutedSmall}>{asr?.activeDir ? t('settings.asrActive', { dir: asr.activeDir }) : t('settings.asrNone')}</p>
      <SettingsRows>
        {asr?.models.map((m) => (
          <SettingsRow
            key={m.id}
            model={m.id}
            action={
              m.job?.state === 'running' ? (
                <button type="button" onClick={() => void act(() => haruApi().asr.cancel({ modelId: m.id }))}>
                  {t('settings.cancel')}
                </button>
              ) : (
                !m.downloaded && (
                  <button type="button" className={ui.primary} onClick={() => void act(() => haruApi().asr.download({ modelId: m.id }))}>
                    {m.job?.state === 'failed' || m.job?.state === 'cancelled' ? t('settings.resume') : t('settings.download')}
                  </button>
                )
              )
            }
          >
            <strong>{name(m.id, m.name)}</strong>
            <span className={ui.mutedSmall}>{m.downloaded ? t('settings.asrDownloaded') : t('settings.asrSize', { mb: m.approxMb })}</span>
            {m.job?.state === 'running' && (
              <>
                <progress max={m.job.total ?? undefined} value={m.job.bytes} aria-label={t('settings.asrProgress')}>
                  {mb(m.job.bytes)} MB
                </progress>
                <span className={ui.mutedSmall}>
                  {mb(m.job.bytes)} / {m.job.total ? mb(m.job.total) : '?'} MB
                </span>
              </>
            )}
            {m.job?.state === 'failed' && <ErrorNotice error={jobError(m.job)} action={t('settings.asrFailed')} />}
            {m.job?.state === 'cancelled' && <span className={ui.mutedSmall}>{t('settings.asrCancelled')}</span>}
          </SettingsRow>
        ))}
      </SettingsRows>
      <label className={ui.field}>
        <span>{t('settings.asrFolder')}</span>
        <input className={ui.input} value={folder} onChange={(e) => setFolder(e.target.value)} placeholder="/path/to/whisper-base" />
      </label>
      <div className={ui.actions}>
        <button type="button" disabled={!folder.trim()} onClick={() => void act(() => haruApi().asr.useFolder({ path: folder.trim() }), t('settings.saved'))}>
          {t('settings.useFolder')}
        </button>
      </div>
      {message && (
        <p role="status" className={ui.notice}>
          {message}
        </p>
      )}
      <ErrorNotice error={error} />
    </SettingsSection>
  )
}
