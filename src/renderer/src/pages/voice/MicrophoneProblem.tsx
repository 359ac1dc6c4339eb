import { useEffect, useRef } from 'react'
import type { MicrophoneError } from '../../audio/microphone'
import { useI18n } from '../../i18n/I18nProvider'

/** Why the microphone is unavailable, what to do about it, and a retry. */
export function MicrophoneProblem({ error, onRetry }: { error: MicrophoneError; onRetry(): void }) {
  const { t } = useI18n()
  const retry = useRef<HTMLButtonElement>(null)
  useEffect(() => retry.current?.focus(), [error])
  return (
    <div className="stack">
      <p role="alert" className="error" data-testid="mic-error" data-code={error.code}>
        {t(`voice.micError.${error.code}`, { message: error.message })}
      </p>
      <div className="wizard-actions">
        <button ref={retry} type="button" className="primary" onClick={onRetry}>
          {t('voice.mic.retry')}
        </button>
      </div>
    </div>
  )
}
