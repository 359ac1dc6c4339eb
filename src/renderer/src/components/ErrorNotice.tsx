import { useI18n } from '../i18n/I18nProvider'
import { describeError } from '../errors/describe-error'
import styles from './ErrorNotice.module.css'

interface Props {
  /** The failure, as thrown (an API error, or anything else). Nothing renders for null. */
  error: unknown
  /** What was being done, in the UI's language ("저장하지 못했어요"); leads the sentence. */
  action?: string
  /** A sentence after the message: what is safe, what to do next. */
  after?: string
  /** A more specific sentence the caller knows (e.g. the text is over the limit), in place of the code's. */
  headline?: string
  testId?: string
}

/**
 * The one way an error is shown: beside the control that caused it, a headline in the UI's
 * language chosen by the error's code or reason (errors/describe-error.ts), and the service's raw
 * detail folded into "자세히 / Details". Callers clear it (set null) when the next attempt succeeds.
 */
export function ErrorNotice({ error, action, after, headline, testId }: Props) {
  const { t } = useI18n()
  if (error === null || error === undefined) return null
  const view = describeError(error, t)
  return (
    <div role="alert" className={styles.error} data-testid={testId} data-code={view.code} data-reason={view.reason ?? ''}>
      <p className={styles.headline} data-part="headline">
        {action ? `${action}${/[.!?。]$/.test(action) ? ' ' : ': '}` : ''}
        {headline ?? view.headline}
        {after ? ` ${after}` : ''}
      </p>
      {view.detail && (
        <details className={styles.details}>
          <summary>{t('error.details')}</summary>
          <code className={styles.detail}>{view.detail}</code>
        </details>
      )}
    </div>
  )
}
