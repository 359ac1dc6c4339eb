import { useEffect, useRef } from 'react'
import type { MicrophoneError } from '../../audio/microphone'
import { useI18n } from '../../i18n/I18nProvider'
import styles from './MicrophoneProblem.module.css'
import { ui } from '../../ui/ui'

/** Why the microphone is unavailable, what to do about it, and a retry. */
export function MicrophoneProblem({ error, onRetry }: { error: MicrophoneError; onRetry(): void }) {
  const { t } = useI18n()
  const retry = useRef<HTMLButtonElement>(null)
  useEffect(() => retry.current?.focus(), [error])
  return (
    <div className={ui.stack}>
      <p role="alert" className={styles.problem} data-testid="mic-error" data-code={error.code}>
        {t(`voice.micError.${error.code}`, { message: error.message })}
      </p>
      <div className={ui.actionsEnd}>
        <button ref={retry} type="button" className={ui.primary} onClick={onRetry}>
          {t('voice.mic.retry')}
        </button>
      </div>
    </div>
  )
}
