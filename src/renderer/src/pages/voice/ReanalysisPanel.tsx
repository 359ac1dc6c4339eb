import { useEffect } from 'react'
import type { ReanalysisStatus } from '../../../../shared/api/calibration-schemas'
import { errorMessage, haruApi } from '../../api'
import { useI18n } from '../../i18n/I18nProvider'

interface Props {
  profileId: number
  status: ReanalysisStatus
  onChange(status: ReanalysisStatus): void
  onError(message: string): void
}

/** Offers to re-analyse memos analysed with another baseline, and follows the background job. */
export function ReanalysisPanel({ profileId, status, onChange, onError }: Props) {
  const { t } = useI18n()
  const running = status.state === 'running'

  useEffect(() => {
    if (!running) return
    const timer = setInterval(() => {
      haruApi()
        .reanalysis.status({ profileId })
        .then(onChange)
        .catch((err) => onError(errorMessage(err)))
    }, 700)
    return () => clearInterval(timer)
  }, [running, profileId, onChange, onError])

  if (!running && status.outdatedMemos === 0 && status.state !== 'done' && status.state !== 'failed') return null
  const start = () =>
    haruApi()
      .reanalysis.start({ profileId })
      .then(onChange)
      .catch((err) => onError(t('error.generic', { message: errorMessage(err) })))

  return (
    <div className="card" data-testid="reanalysis" data-state={status.state}>
      <h2>{t('voice.reanalysis.heading')}</h2>
      {running ? (
        <>
          <p aria-live="polite">{t('voice.reanalysis.progress', { done: status.done + status.failed, total: status.total })}</p>
          <progress max={Math.max(1, status.total)} value={status.done + status.failed} aria-label={t('voice.reanalysis.heading')} />
        </>
      ) : (
        <>
          {status.state === 'done' && <p role="status">{t('voice.reanalysis.done', { done: status.done, failed: status.failed })}</p>}
          {status.state === 'failed' && <p role="alert" className="error">{t('error.generic', { message: status.error ?? '' })}</p>}
          {status.outdatedMemos > 0 && (
            <>
              <p>{t('voice.reanalysis.outdated', { count: status.outdatedMemos })}</p>
              <button type="button" onClick={() => void start()}>
                {t('voice.reanalysis.start')}
              </button>
            </>
          )}
        </>
      )}
    </div>
  )
}
