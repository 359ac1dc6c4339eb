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
  /** Past the importer's size limits (whole backup, one file, JSON, compression ratio). */
  | 'too-large'

export class ExportError extends Error {
  constructor(
    readonly code: ExportErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'ExportError'
  }
}
