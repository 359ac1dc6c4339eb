import { useEffect, useState } from 'react'
import { MIN_PASSPHRASE_LENGTH, type LockStatus } from '../../../../shared/api/lock-schemas'
import { haruApi } from '../../api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useI18n } from '../../i18n/I18nProvider'
import { cx, ui } from '../../ui/ui'
import styles from './LockSection.module.css'
import { newPassphraseProblem, PassphraseField } from './PassphraseField'

/** While a conversion runs, how far it is (main converts file by file). */
export function useConversionProgress(active: boolean): LockStatus['converting'] {
  const [progress, setProgress] = useState<LockStatus['converting']>(null)
  useEffect(() => {
    if (!active) return setProgress(null)
    const timer = setInterval(() => {
      haruApi().lock.status().then((s) => setProgress(s.converting), () => {})
    }, 300)
    return () => clearInterval(timer)
  }, [active])
  return progress
}

/** The lock is off: what it does, the plain warning, a new passphrase twice and the acknowledgement. */
export function EnableLock({ onEnabled }: { onEnabled: (result: { recoveryKey: string; status: LockStatus }) => void }) {
  const { t } = useI18n()
  const [passphrase, setPassphrase] = useState('')
  const [confirm, setConfirm] = useState('')
  const [acknowledged, setAcknowledged] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const progress = useConversionProgress(busy)
  const problem = newPassphraseProblem(passphrase, confirm, MIN_PASSPHRASE_LENGTH)
  const showProblem = problem !== null && confirm.length > 0

  const enable = async () => {
    if (problem || !acknowledged) return
    setBusy(true)
    setError(null)
    try {
      const result = await haruApi().lock.enable({ passphrase, acknowledgeLoss: true })
      setPassphrase('')
      setConfirm('')
      setAcknowledged(false)
      onEnabled(result)
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className={styles.block}>
      <p className={ui.mutedSmall}>{t('lock.settings.offHelp')}</p>
      <p className={styles.warning} data-testid="lock-loss-warning">
        {t('lock.settings.lossWarning')}
      </p>
      <PassphraseField label={t('lock.settings.newPassphrase', { min: MIN_PASSPHRASE_LENGTH })} value={passphrase} onChange={setPassphrase} isNew testId="lock-new-passphrase" />
      <PassphraseField label={t('lock.settings.confirmPassphrase')} value={confirm} onChange={setConfirm} isNew testId="lock-confirm-passphrase" />
      {showProblem && (
        <p className={cx(ui.small, ui.warn)} role="status">
          {problem === 'mismatch' ? t('lock.settings.mismatch') : t('lock.settings.tooShort', { min: MIN_PASSPHRASE_LENGTH })}
        </p>
      )}
      <label className={styles.check}>
        <input type="checkbox" checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)} data-testid="lock-acknowledge" />
        {t('lock.settings.acknowledge')}
      </label>
      <div className={ui.actions}>
        <button type="button" className={ui.primary} disabled={busy || problem !== null || !acknowledged} onClick={() => void enable()}>
          {t('lock.settings.enable')}
        </button>
        {busy && progress && (
          <span className={ui.mutedSmall} role="status">
            {t('lock.converting.enable', { done: progress.done, total: progress.total })}
          </span>
        )}
      </div>
      <ErrorNotice error={error} action={t('lock.settings.enableFailed')} testId="lock-enable-error" />
    </div>
  )
}
