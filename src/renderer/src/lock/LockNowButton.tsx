import { useI18n } from '../i18n/I18nProvider'
import { useLock } from './lock-context'

/** The header's "lock now", shown only when the diary has a passphrase (Ctrl/⌘+L does the same). */
export function LockNowButton({ className }: { className?: string }) {
  const { t } = useI18n()
  const lock = useLock()
  if (!lock?.status.enabled) return null
  return (
    <button type="button" className={className} title={t('lock.lockNowTitle')} onClick={lock.lockNow} data-testid="lock-now">
      {t('lock.lockNow')}
    </button>
  )
}
