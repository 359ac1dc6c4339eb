/** Why an export or import was refused; `code` is stable for scripts and tests, `message` is for people. */
export type ExportErrorCode =
  | 'not-found'
  | 'foreign-file'
  | 'malformed'
  | 'unsupported-version'
  | 'missing-audio'
  | 'corrupt-audio'
  | 'unsafe-path'
  | 'conflict'
  | 'out-exists'

export class ExportError extends Error {
  constructor(
    readonly code: ExportErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'ExportError'
  }
}
