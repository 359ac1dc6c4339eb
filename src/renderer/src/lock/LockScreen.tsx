import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { LockStatus } from '../../../shared/api/lock-schemas'
import { haruApi } from '../api'
import { ErrorNotice } from '../components/ErrorNotice'
import { useI18n } from '../i18n/I18nProvider'
import { cx, ui } from '../ui/ui'
import styles from './LockScreen.module.css'

/** The time at each render, re-rendering every quarter second while `active` (the wait counts down). */
function useNow(active: boolean): number {
  const [, setTick] = useState(0)
  useEffect(() => {
    if (!active) return
    const timer = setInterval(() => setTick((n) => n + 1), 250)
    return () => clearInterval(timer)
  }, [active])
  return Date.now()
}

/** While the countdown below the field shows the wait, the error says only what went wrong (no second, frozen count). */
const WAIT_REASONS = new Set(['wrong-passphrase-wait', 'retry-after'])

/**
 * The start screen of a locked diary: the passphrase (or the recovery key), and, after wrong
 * tries, the message beside the field and how long until the next try is looked at.
 */
const secretWrong = (mode: 'passphrase' | 'recovery') => (mode === 'passphrase' ? 'apiError.wrong-passphrase' : 'apiError.reason.wrong-recovery-key')

export function LockScreen({ status, onUnlocked }: { status: LockStatus; onUnlocked: (status: LockStatus) => void }) {
  const { t, locale, setLocale } = useI18n()
  const [mode, setMode] = useState<'passphrase' | 'recovery'>('passphrase')
  const [secret, setSecret] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [retryAt, setRetryAt] = useState(() => Date.now() + status.retryAfterMs)
  const now = useNow(retryAt > Date.now())
  const waitSeconds = Math.max(0, Math.ceil((retryAt - now) / 1000))
  const field = useRef<HTMLInputElement>(null)

  useEffect(() => {
    if (waitSeconds === 0 && !busy) field.current?.focus()
  }, [waitSeconds, busy, mode])

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    if (!secret || busy || waitSeconds > 0) return
    setBusy(true)
    setError(null)
    try {
      onUnlocked(await haruApi().lock.unlock(mode === 'passphrase' ? { passphrase: secret } : { recoveryKey: secret }))
    } catch (err) {
      setError(err)
      setSecret('')
      // The service knows the wait (it survives restarts); show the same.
      const s = await haruApi().lock.status().catch(() => null)
      if (s) setRetryAt(Date.now() + s.retryAfterMs)
    } finally {
      setBusy(false)
    }
  }

  const switchMode = () => {
    setMode(mode === 'passphrase' ? 'recovery' : 'passphrase')
    setSecret('')
    setError(null)
  }

  const reason = (error as { reason?: string } | null)?.reason
  const waitHeadline = reason && WAIT_REASONS.has(reason) ? t(reason === 'retry-after' ? 'apiError.rate-limited' : secretWrong(mode)) : undefined
  const label = mode === 'passphrase' ? t('lock.passphrase') : t('lock.recoveryKey')
  return (
    <main className={styles.screen} data-testid="lock-screen">
      <button type="button" className={cx(ui.link, styles.language)} lang={locale === 'ko' ? 'en' : 'ko'} onClick={() => setLocale(locale === 'ko' ? 'en' : 'ko')}>
        {t('nav.language')}
      </button>
      <form className={styles.card} onSubmit={(e) => void submit(e)} aria-labelledby="lock-title">
        <div className={styles.brand}>
          <span className={styles.mark} aria-hidden="true">
            하
          </span>
          <h1 id="lock-title" className={styles.title}>
            {t('lock.screen.title')}
          </h1>
        </div>
        <p className={ui.muted}>{mode === 'passphrase' ? t('lock.screen.help') : t('lock.screen.recoveryHelp')}</p>
        <label className={ui.field}>
          <span>{label}</span>
          <input
            ref={field}
            className={ui.input}
            type={mode === 'passphrase' ? 'password' : 'text'}
            autoComplete={mode === 'passphrase' ? 'current-password' : 'off'}
            spellCheck={false}
            value={secret}
            disabled={busy}
            aria-invalid={error ? true : undefined}
            aria-describedby="lock-feedback"
            onChange={(e) => setSecret(e.target.value)}
            data-testid="lock-secret"
          />
        </label>
        <div id="lock-feedback" aria-live="polite">
          <ErrorNotice error={error} headline={waitHeadline} testId="lock-error" />
          {waitSeconds > 0 && (
            <p className={cx(ui.small, ui.warn, styles.wait)} data-testid="lock-wait" data-seconds={waitSeconds}>
              {t('lock.wait', { seconds: waitSeconds })}
            </p>
          )}
        </div>
        <button type="submit" className={cx(ui.primary, styles.submit)} disabled={busy || !secret || waitSeconds > 0}>
          {busy ? t('lock.unlocking') : t('lock.unlock')}
        </button>
        <button type="button" className={cx(ui.link, styles.switch)} onClick={switchMode}>
          {mode === 'passphrase' ? t('lock.useRecovery') : t('lock.usePassphrase')}
        </button>
      </form>
    </main>
  )
}
