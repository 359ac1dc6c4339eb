import { useState } from 'react'
import type { QueueStatus } from '../../../shared/api/queue-schemas'
import { useI18n } from '../i18n/I18nProvider'
import { ui } from '../ui/ui'
import styles from './QueueProgress.module.css'
import { useQueueControl } from './QueueStatusProvider'

/** A finished run stays on show for this long after it ended (or until closed). */
const FINISHED_SHOWN_MS = 60_000

type Shown = 'running' | 'paused' | 'cancelled' | 'error' | 'finished' | null

function shown(status: QueueStatus, dismissed: number | null): Shown {
  if (status.state === 'running' || status.state === 'paused' || status.state === 'error') return status.state
  if (status.state === 'cancelled') return status.pending > 0 ? 'cancelled' : null
  const last = status.lastRun
  if (last && last.done + last.failed > 0 && last.finishedAgoMs < FINISHED_SHOWN_MS && dismissed !== status.revision) return 'finished'
  return null
}

/** "지난 기록 37/52 분석 중" with pause, resume and cancel: the background analysis queue in the app shell. */
export function QueueProgress() {
  const { t } = useI18n()
  const [dismissed, setDismissed] = useState<number | null>(null)
  const control = useQueueControl()
  if (!control?.status) return null
  const { status, error, pause: onPause, resume: onResume, cancel: onCancel } = control
  const state = shown(status, dismissed)
  if (!state) return null
  const handled = status.done + status.failed
  const percent = status.total === 0 ? 0 : Math.round((handled / status.total) * 100)
  const last = status.lastRun

  return (
    <div className={styles.strip} role="status" data-testid="analysis-progress" data-state={state} data-done={handled} data-total={status.total}>
      <span className={styles.label}>
        {state === 'running' && t('queue.running', { done: handled, total: status.total })}
        {state === 'paused' && t('queue.paused', { done: handled, total: status.total })}
        {state === 'cancelled' && t('queue.cancelled', { count: status.pending })}
        {state === 'error' && t('queue.error')}
        {state === 'finished' && last && t('queue.finished', { count: last.done })}
        {state === 'finished' && last && last.failed > 0 && <span className={styles.failed}> {t('queue.finishedFailed', { count: last.failed })}</span>}
      </span>
      {(state === 'running' || state === 'paused') && (
        <span className={styles.bar} role="progressbar" aria-label={t('queue.progressLabel')} aria-valuemin={0} aria-valuemax={status.total} aria-valuenow={handled}>
          <span className={styles.fill} style={{ width: `${percent}%` }} />
        </span>
      )}
      <span className={styles.actions}>
        {state === 'running' && <button type="button" onClick={onPause}>{t('queue.pause')}</button>}
        {state === 'paused' && <button type="button" onClick={onResume}>{t('queue.resume')}</button>}
        {(state === 'cancelled' || state === 'error') && <button type="button" onClick={onResume}>{state === 'error' ? t('queue.retry') : t('queue.analyseNow')}</button>}
        {(state === 'running' || state === 'paused') && <button type="button" className={ui.ghost} onClick={onCancel}>{t('queue.cancel')}</button>}
        {state === 'finished' && <button type="button" className={ui.ghost} aria-label={t('queue.dismiss')} onClick={() => setDismissed(status.revision)}>×</button>}
      </span>
      {state === 'error' && status.error && (
        <details className={styles.detail}>
          <summary>{t('queue.details')}</summary>
          {status.error}
        </details>
      )}
      {error && <span role="alert" className={styles.failed}>{error}</span>}
    </div>
  )
}
