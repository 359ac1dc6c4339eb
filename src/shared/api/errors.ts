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
  'internal'
] as const
export type ApiErrorCode = (typeof API_ERROR_CODES)[number]

export interface ApiIssue {
  path: string
  message: string
}

/** The plain object form an error takes on the wire (IPC and HTTP cannot carry classes). */
export interface ApiErrorData {
  code: ApiErrorCode
  message: string
  issues?: ApiIssue[]
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiErrorData }

/** Thrown by handlers and rethrown on the client side, so callers can branch on `code`. */
export class HaruApiError extends Error implements ApiErrorData {
  readonly code: ApiErrorCode
  readonly issues?: ApiIssue[]

  constructor(code: ApiErrorCode, message: string, issues?: ApiIssue[]) {
    super(message)
    this.name = 'HaruApiError'
    this.code = code
    if (issues) this.issues = issues
  }

  toData(): ApiErrorData {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message }
  }

  static fromData(data: ApiErrorData): HaruApiError {
    return new HaruApiError(data.code, data.message, data.issues)
  }
}

export function isApiErrorData(value: unknown): value is ApiErrorData {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return typeof v.message === 'string' && (API_ERROR_CODES as readonly unknown[]).includes(v.code)
}
