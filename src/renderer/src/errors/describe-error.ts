import { API_ERROR_CODES, type ApiErrorCode, type ApiErrorParams, type ApiErrorReason } from '../../../shared/api/errors'
import { isMessageKey, type Translate } from '../i18n/translate'

/** What the UI says about a failure: a headline in its language, and the service's raw detail for "자세히". */
export interface ErrorView {
  code: ApiErrorCode | 'unknown'
  reason: ApiErrorReason | null
  headline: string
  detail: string | null
}

interface ErrorLike {
  code?: unknown
  reason?: unknown
  params?: ApiErrorParams
  message?: unknown
  issues?: { path: string; message: string }[]
}

/**
 * The one code → message map: a reason's specific message (with its parameters) when the error
 * has one, else the code's message; anything that is not an API error is told generically. The
 * raw message (English, from the service) and any validation issues become the detail.
 */
export function describeError(err: unknown, t: Translate): ErrorView {
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as ErrorLike
  const code = typeof e.code === 'string' && (API_ERROR_CODES as readonly string[]).includes(e.code) ? (e.code as ApiErrorCode) : 'unknown'
  const reasonKey = typeof e.reason === 'string' ? `apiError.reason.${e.reason}` : ''
  const backupReason = e.issues?.find((i) => i.path === 'reason')?.message
  const headline =
    code !== 'unknown' && isMessageKey(reasonKey)
      ? t(reasonKey, e.params)
      : backupReason && isMessageKey(`backup.reason.${backupReason}`)
        ? t(`backup.reason.${backupReason}` as Parameters<Translate>[0])
        : t(code === 'unknown' ? 'apiError.unknown' : `apiError.${code}`)
  const message = typeof e.message === 'string' && e.message ? e.message : null
  return { code, reason: isMessageKey(reasonKey) ? (e.reason as ApiErrorReason) : null, headline, detail: message }
}
