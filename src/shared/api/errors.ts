/** Stable error codes that cross the process boundary; the UI picks its message by code. */
export const API_ERROR_CODES = [
  'invalid-input',
  'not-found',
  'conflict',
  'unknown-channel',
  'storage-full',
  'storage',
  'unavailable',
  /** A file or folder that cannot be used: a folder, device, pipe or link where a file was expected, too large, a path too long. */
  'unusable-file',
  'internal',
  // The diary lock (issue 14):
  /** The diary is locked: only `lock.status` and `lock.unlock` are answered until it is unlocked. */
  'locked',
  /** A passphrase or recovery key that does not open the diary (or the backup). */
  'wrong-passphrase',
  /** Too many wrong passphrases in a row: wait (`retry-after`) before the next try. */
  'rate-limited'
] as const
export type ApiErrorCode = (typeof API_ERROR_CODES)[number]

/**
 * Finer, stable causes within a code, each with the parameters its message needs; the UI has a
 * specific message for every one (tests/unit/ui/error-messages.test.ts), and falls back to the
 * code's message for an error without a reason. Add a reason here when a code alone would make
 * the UI say something vague or wrong (e.g. 'unavailable' for "no transcription model").
 */
export const API_ERROR_REASONS = {
  'profile-exists': ['name'],
  'entry-exists': ['date'],
  'no-transcription-model': [],
  'analysis-stopped': [],
  'service-unreachable': [],
  offline: [],
  'download-http': ['status'],
  'download-corrupt': ['file'],
  'not-a-whisper-folder': ['folder'],
  'invalid-tag': ['tag'],
  'too-many-tags': ['max'],
  // issue 12: a correction of a sentence the current reading no longer has
  'reading-changed': [],
  // The diary lock (issue 14):
  'retry-after': ['seconds'],
  'wrong-passphrase-wait': ['seconds'],
  'keyring-damaged': [],
  'lock-converting': [],
  'diary-in-use': [],
  'recording-in-progress': [],
  'lock-not-enabled': [],
  'lock-already-enabled': [],
  'passphrase-too-short': ['min'],
  'remember-unavailable': [],
  'wrong-recovery-key': [],
  'backup-encrypted': [],
  'wrong-backup-passphrase': []
} as const satisfies Record<string, readonly string[]>
export type ApiErrorReason = keyof typeof API_ERROR_REASONS
export type ApiErrorParams = Record<string, string | number>

export interface ApiIssue {
  path: string
  message: string
}

/** The plain object form an error takes on the wire (IPC and HTTP cannot carry classes). */
export interface ApiErrorData {
  code: ApiErrorCode
  message: string
  issues?: ApiIssue[]
  /** A finer cause the UI has a specific message for, with that message's parameters. */
  reason?: ApiErrorReason
  params?: ApiErrorParams
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiErrorData }

/** Thrown by handlers and rethrown on the client side, so callers can branch on `code`. */
export class HaruApiError extends Error implements ApiErrorData {
  readonly code: ApiErrorCode
  readonly issues?: ApiIssue[]
  reason?: ApiErrorReason
  params?: ApiErrorParams

  constructor(code: ApiErrorCode, message: string, issues?: ApiIssue[]) {
    super(message)
    this.name = 'HaruApiError'
    this.code = code
    if (issues) this.issues = issues
  }

  /** An error with a reason (and its parameters) the UI explains specifically. */
  static because(code: ApiErrorCode, message: string, reason: ApiErrorReason, params?: ApiErrorParams): HaruApiError {
    const err = new HaruApiError(code, message)
    err.reason = reason
    if (params) err.params = params
    return err
  }

  toData(): ApiErrorData {
    return {
      code: this.code,
      message: this.message,
      ...(this.issues ? { issues: this.issues } : {}),
      ...(this.reason ? { reason: this.reason } : {}),
      ...(this.params ? { params: this.params } : {})
    }
  }

  static fromData(data: ApiErrorData): HaruApiError {
    const err = new HaruApiError(data.code, data.message, data.issues)
    if (typeof data.reason === 'string' && data.reason in API_ERROR_REASONS) err.reason = data.reason
    if (data.params && typeof data.params === 'object') err.params = data.params
    return err
  }
}

export function isApiErrorData(value: unknown): value is ApiErrorData {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return typeof v.message === 'string' && (API_ERROR_CODES as readonly unknown[]).includes(v.code)
}
