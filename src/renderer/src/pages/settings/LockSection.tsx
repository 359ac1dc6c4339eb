import { useState } from 'react'
import { useI18n } from '../../i18n/I18nProvider'
import { useLock } from '../../lock/lock-context'
import { cx, ui } from '../../ui/ui'
import { EnableLock } from './EnableLock'
import { LockOnControls } from './LockOnControls'
import styles from './LockSection.module.css'
import { SettingsSection } from './SettingsSection'

/**
 * Settings → 일기 잠금: turn the diary's encryption on (after the plain warning, showing the
 * recovery key once), or, when it is on, the auto-lock time, "remember on this computer", a new
 * passphrase or recovery key, and turning it off.
 */
export function LockSection() {
  const { t } = useI18n()
  const lock = useLock()
  const [recoveryKey, setRecoveryKey] = useState<string | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  if (!lock) return null
  const { status, setStatus } = lock

  return (
    <SettingsSection legend={t('lock.settings.title')} testId="lock-settings">
      {recoveryKey && <RecoveryKeyNotice recoveryKey={recoveryKey} onDone={() => setRecoveryKey(null)} />}
      {message && (
        <p role="status" className={ui.notice}>
          {message}
        </p>
      )}
      {status.enabled ? (
        <LockOnControls
          status={status}
          onStatus={setStatus}
          onRecoveryKey={setRecoveryKey}
          onDisabled={(s) => {
            setStatus(s)
            setMessage(t('lock.settings.off'))
          }}
        />
      ) : (
        <EnableLock
          onEnabled={(r) => {
            setMessage(null)
            setRecoveryKey(r.recoveryKey)
            setStatus(r.status)
          }}
        />
      )}
    </SettingsSection>
  )
}

/** The recovery key, shown once: to write down (copying is offered, not relied on). */
function RecoveryKeyNotice({ recoveryKey, onDone }: { recoveryKey: string; onDone: () => void }) {
  const { t } = useI18n()
  const [copied, setCopied] = useState(false)
  const copy = () => {
    navigator.clipboard?.writeText(recoveryKey).then(() => setCopied(true), () => {})
  }
  return (
    <div role="alert" className={styles.recovery} data-testid="recovery-key-notice">
      <h3 className={ui.heading}>{t('lock.settings.recoveryTitle')}</h3>
      <p className={ui.small}>{t('lock.settings.recoveryHelp')}</p>
      <code className={styles.recoveryKey} data-testid="recovery-key">
        {recoveryKey}
      </code>
      <div className={ui.actions}>
        <button type="button" onClick={copy}>
          {copied ? t('lock.settings.copied') : t('lock.settings.copy')}
        </button>
        <button type="button" className={cx(ui.primary)} onClick={onDone}>
          {t('lock.settings.recoveryDone')}
        </button>
      </div>
    </div>
  )
}
