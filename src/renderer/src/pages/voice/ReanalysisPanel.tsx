import { useEffect } from 'react'
import type { ReanalysisStatus } from '../../../../shared/api/calibration-schemas'
import { haruApi } from '../../api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useI18n } from '../../i18n/I18nProvider'
import { ui } from '../../ui/ui'

interface Props {
  profileId: number
  status: ReanalysisStatus
  onChange(status: ReanalysisStatus): void
  onError(error: unknown): void
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
        .catch(onError)
    }, 700)
    return () => clearInterval(timer)
  }, [running, profileId, onChange, onError])

  if (!running && status.outdatedMemos === 0 && status.state !== 'done' && status.state !== 'failed') return null
  const start = () =>
    haruApi()
      .reanalysis.start({ profileId })
      .then(onChange)
      .catch(onError)

  return (
    <div className={ui.card} data-testid="reanalysis" data-state={status.state}>
      <h2 className={ui.heading}>{t('voice.reanalysis.heading')}</h2>
      {running ? (
        <>
          <p aria-live="polite">{t('voice.reanalysis.progress', { done: status.done + status.failed, total: status.total })}</p>
          <progress max={Math.max(1, status.total)} value={status.done + status.failed} aria-label={t('voice.reanalysis.heading')} />
        </>
      ) : (
        <>
          {status.state === 'done' && <p role="status">{t('voice.reanalysis.done', { done: status.done, failed: status.failed })}</p>}
          {status.state === 'failed' && <ErrorNotice error={new Error(status.error ?? '')} action={t('voice.reanalysis.failed')} />}
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
