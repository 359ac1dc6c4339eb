import { useState, type ReactNode } from 'react'
import { AUTO_LOCK_MINUTES, MIN_PASSPHRASE_LENGTH, type LockStatus } from '../../../../shared/api/lock-schemas'
import { haruApi } from '../../api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useI18n } from '../../i18n/I18nProvider'
import { cx, ui } from '../../ui/ui'
import { useConversionProgress } from './EnableLock'
import styles from './LockSection.module.css'
import { newPassphraseProblem, PassphraseField } from './PassphraseField'

interface Props {
  status: LockStatus
  onStatus: (s: LockStatus) => void
  onRecoveryKey: (key: string) => void
  onDisabled: (s: LockStatus) => void
}

/** Runs one action of a part, with its busy flag, its result line and its error beside it. */
function useAction() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [done, setDone] = useState<string | null>(null)
  const run = async (work: () => Promise<string | null>) => {
    setBusy(true)
    setError(null)
    setDone(null)
    try {
      setDone(await work())
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }
  return { busy, error, done, run }
}

/** One part of the section; the rarely used ones (new passphrase, recovery key, turning off) fold away. */
function Part({ title, testId, folded, children }: { title: string; testId: string; folded?: boolean; children: ReactNode }) {
  if (folded) {
    return (
      <details className={styles.part} data-testid={testId}>
        <summary className={styles.summary}>{title}</summary>
        <div className={styles.folded}>{children}</div>
      </details>
    )
  }
  return (
    <div className={styles.part} data-testid={testId}>
      <h3>{title}</h3>
      {children}
    </div>
  )
}

/** The lock is on: what protects the diary, and what can be changed. */
export function LockOnControls({ status, onStatus, onRecoveryKey, onDisabled }: Props) {
  const { t } = useI18n()
  return (
    <div className={styles.block}>
      {status.ciphers && (
        <p className={cx(ui.small, styles.ciphers)} data-testid="lock-ciphers">
          {t('lock.settings.on', status.ciphers)}
        </p>
      )}
      <AutoLockAndRemember status={status} onStatus={onStatus} />
      <ChangePassphrase onStatus={onStatus} />
      <NewRecoveryKey onRecoveryKey={onRecoveryKey} />
      <DisableLock onDisabled={onDisabled} />
    </div>
  )
}

function AutoLockAndRemember({ status, onStatus }: Pick<Props, 'status' | 'onStatus'>) {
  const { t } = useI18n()
  const action = useAction()
  const save = (changes: { autoLockMinutes?: number; remember?: boolean }) =>
    void action.run(async () => {
      onStatus(await haruApi().lock.settings(changes))
      return t('lock.settings.saved')
    })
  return (
    <Part title={t('lock.settings.autoLock')} testId="lock-auto">
      <label className={styles.row}>
        <select className={ui.input} value={status.autoLockMinutes} disabled={action.busy} onChange={(e) => save({ autoLockMinutes: Number(e.target.value) })} aria-label={t('lock.settings.autoLock')} data-testid="lock-auto-minutes">
          {AUTO_LOCK_MINUTES.map((m) => (
            <option key={m} value={m}>
              {m === 0 ? t('lock.settings.autoLock.never') : t('lock.settings.autoLock.minutes', { minutes: m })}
            </option>
          ))}
        </select>
      </label>
      <p className={ui.mutedSmall}>{t('lock.settings.autoLockHelp')}</p>
      <label className={styles.check}>
        <input type="checkbox" checked={status.remember.enabled} disabled={action.busy || !status.remember.available} onChange={(e) => save({ remember: e.target.checked })} data-testid="lock-remember" />
        <span>
          {t('lock.settings.remember')}
          {!status.remember.available && <span className={cx(ui.small, ui.warn)}> — {t('lock.settings.rememberUnavailable')}</span>}
        </span>
      </label>
      <p className={ui.mutedSmall}>{t('lock.settings.rememberHelp')}</p>
      {action.done && (
        <p role="status" className={ui.mutedSmall}>
          {action.done}
        </p>
      )}
      <ErrorNotice error={action.error} action={t('lock.settings.failed')} />
    </Part>
  )
}

function ChangePassphrase({ onStatus }: Pick<Props, 'onStatus'>) {
  const { t } = useI18n()
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [confirm, setConfirm] = useState('')
  const action = useAction()
  const problem = newPassphraseProblem(next, confirm, MIN_PASSPHRASE_LENGTH)
  const change = () =>
    void action.run(async () => {
      onStatus(await haruApi().lock.change({ passphrase: current, newPassphrase: next }))
      setCurrent('')
      setNext('')
      setConfirm('')
      return t('lock.settings.changed')
    })
  return (
    <Part title={t('lock.settings.change')} folded testId="lock-change">
      <PassphraseField label={t('lock.settings.currentPassphrase')} value={current} onChange={setCurrent} />
      <PassphraseField label={t('lock.settings.newPassphrase', { min: MIN_PASSPHRASE_LENGTH })} value={next} onChange={setNext} isNew />
      <PassphraseField label={t('lock.settings.confirmPassphrase')} value={confirm} onChange={setConfirm} isNew />
      {problem && confirm.length > 0 && (
        <p className={cx(ui.small, ui.warn)} role="status">
          {problem === 'mismatch' ? t('lock.settings.mismatch') : t('lock.settings.tooShort', { min: MIN_PASSPHRASE_LENGTH })}
        </p>
      )}
      <div className={ui.actions}>
        <button type="button" disabled={action.busy || !current || problem !== null} onClick={change}>
          {t('lock.settings.change')}
        </button>
      </div>
      {action.done && (
        <p role="status" className={ui.notice}>
          {action.done}
        </p>
      )}
      <ErrorNotice error={action.error} action={t('lock.settings.changeFailed')} />
    </Part>
  )
}

function NewRecoveryKey({ onRecoveryKey }: Pick<Props, 'onRecoveryKey'>) {
  const { t } = useI18n()
  const [passphrase, setPassphrase] = useState('')
  const action = useAction()
  const make = () =>
    void action.run(async () => {
      onRecoveryKey((await haruApi().lock.newRecoveryKey({ passphrase })).recoveryKey)
      setPassphrase('')
      return null
    })
  return (
    <Part title={t('lock.settings.newRecovery')} folded testId="lock-new-recovery">
      <p className={ui.mutedSmall}>{t('lock.settings.newRecoveryHelp')}</p>
      <PassphraseField label={t('lock.settings.currentPassphrase')} value={passphrase} onChange={setPassphrase} />
      <div className={ui.actions}>
        <button type="button" disabled={action.busy || !passphrase} onClick={make}>
          {t('lock.settings.newRecovery')}
        </button>
      </div>
      <ErrorNotice error={action.error} action={t('lock.settings.failed')} />
    </Part>
  )
}

function DisableLock({ onDisabled }: Pick<Props, 'onDisabled'>) {
  const { t } = useI18n()
  const [passphrase, setPassphrase] = useState('')
  const action = useAction()
  const progress = useConversionProgress(action.busy)
  const disable = () =>
    void action.run(async () => {
      onDisabled(await haruApi().lock.disable({ passphrase }))
      return null
    })
  return (
    <Part title={t('lock.settings.disable')} folded testId="lock-disable">
      <p className={ui.mutedSmall}>{t('lock.settings.disableHelp')}</p>
      <PassphraseField label={t('lock.settings.currentPassphrase')} value={passphrase} onChange={setPassphrase} />
      <div className={ui.actions}>
        <button type="button" className={ui.dangerGhost} disabled={action.busy || !passphrase} onClick={disable}>
          {t('lock.settings.disable')}
        </button>
        {action.busy && progress && (
          <span className={ui.mutedSmall} role="status">
            {t('lock.converting.disable', { done: progress.done, total: progress.total })}
          </span>
        )}
      </div>
      <ErrorNotice error={action.error} action={t('lock.settings.disableFailed')} />
    </Part>
  )
}
