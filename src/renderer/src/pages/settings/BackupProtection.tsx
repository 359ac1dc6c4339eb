import { useState } from 'react'
import { MIN_PASSPHRASE_LENGTH } from '../../../../shared/api/lock-schemas'
import type { BackupFormat } from '../../../../shared/api/backup-schemas'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useI18n } from '../../i18n/I18nProvider'
import { cx, ui } from '../../ui/ui'
import styles from './BackupSection.module.css'
import { newPassphraseProblem, PassphraseField } from './PassphraseField'

export interface Protection {
  encrypt: boolean
  passphrase: string
  confirm: string
}

/** The backup passphrase to send (undefined: a plain export), or 'invalid' while the fields do not agree. */
export function protectionPassphrase(format: BackupFormat, p: Protection): string | undefined | 'invalid' {
  if (format !== 'json' || !p.encrypt) return undefined
  return newPassphraseProblem(p.passphrase, p.confirm, MIN_PASSPHRASE_LENGTH) ? 'invalid' : p.passphrase
}

/**
 * Export → encryption: a JSON backup can be sealed under its own passphrase (an encrypted `.haru`);
 * a plain one stays possible, with the warning that anyone with the file can read it.
 */
export function BackupProtection({ format, value, onChange, diaryLocked }: { format: BackupFormat; value: Protection; onChange: (p: Protection) => void; diaryLocked: boolean }) {
  const { t } = useI18n()
  if (format === 'md') return <p className={cx(ui.small, ui.warn)}>{t('backup.mdWarning')}</p>
  const problem = newPassphraseProblem(value.passphrase, value.confirm, MIN_PASSPHRASE_LENGTH)
  return (
    <div className={styles.protection} data-testid="backup-protection">
      <label className={styles.choice}>
        <input type="checkbox" checked={value.encrypt} onChange={(e) => onChange({ ...value, encrypt: e.target.checked })} data-testid="backup-encrypt" />
        {t('backup.encrypt')}
      </label>
      {value.encrypt ? (
        <>
          <PassphraseField label={t('backup.passphrase', { min: MIN_PASSPHRASE_LENGTH })} value={value.passphrase} onChange={(passphrase) => onChange({ ...value, passphrase })} isNew testId="backup-passphrase" />
          <PassphraseField label={t('backup.passphraseConfirm')} value={value.confirm} onChange={(confirm) => onChange({ ...value, confirm })} isNew testId="backup-passphrase-confirm" />
          {problem && value.confirm.length > 0 && (
            <p className={cx(ui.small, ui.warn)} role="status">
              {problem === 'mismatch' ? t('lock.settings.mismatch') : t('lock.settings.tooShort', { min: MIN_PASSPHRASE_LENGTH })}
            </p>
          )}
          <p className={ui.mutedSmall}>{t('backup.passphraseHelp')}</p>
        </>
      ) : (
        <p className={cx(ui.small, ui.warn)} data-testid="backup-plain-warning">
          {diaryLocked ? t('backup.plainWarningLocked') : t('backup.plainWarning')}
        </p>
      )}
    </div>
  )
}

/** An encrypted backup was picked: its passphrase, then the import again (or cancel). */
export function BackupPassphrasePrompt({ fileName, busy, error, onSubmit, onCancel }: { fileName: string; busy: boolean; error: unknown; onSubmit: (passphrase: string) => void; onCancel: () => void }) {
  const { t } = useI18n()
  const [passphrase, setPassphrase] = useState('')
  return (
    <form
      className={styles.protection}
      data-testid="backup-import-passphrase"
      onSubmit={(e) => {
        e.preventDefault()
        if (passphrase) onSubmit(passphrase)
      }}
    >
      <PassphraseField label={t('backup.importPassphrase', { name: fileName })} value={passphrase} onChange={setPassphrase} />
      <div className={ui.actions}>
        <button type="submit" className={ui.primary} disabled={busy || !passphrase}>
          {t('backup.importWithPassphrase')}
        </button>
        <button type="button" disabled={busy} onClick={onCancel}>
          {t('backup.importCancel')}
        </button>
      </div>
      <ErrorNotice error={error} testId="backup-import-passphrase-error" />
    </form>
  )
}
