import type { BackupRefusalReason } from '../../shared/api/backup-schemas'
import { HaruApiError, type ApiErrorCode } from '../../shared/api/errors'
import type { ExportError, ExportErrorCode } from './errors'

/** Every refusal the exporter knows has a name the UI can explain (a compile error when one is added here only). */
const REASON: { [C in ExportErrorCode]: C & BackupRefusalReason } = {
  'not-found': 'not-found',
  'foreign-file': 'foreign-file',
  malformed: 'malformed',
  'unsupported-version': 'unsupported-version',
  'missing-audio': 'missing-audio',
  'corrupt-audio': 'corrupt-audio',
  'unsafe-path': 'unsafe-path',
  conflict: 'conflict',
  'out-exists': 'out-exists',
  'too-large': 'too-large'
}

const API_CODE: Record<ExportErrorCode, ApiErrorCode> = {
  'not-found': 'not-found',
  'foreign-file': 'invalid-input',
  malformed: 'invalid-input',
  'unsupported-version': 'invalid-input',
  'missing-audio': 'invalid-input',
  'corrupt-audio': 'invalid-input',
  'unsafe-path': 'invalid-input',
  conflict: 'conflict',
  'out-exists': 'conflict',
  'too-large': 'invalid-input'
}

/**
 * An export or import refusal as an API error: the file's problem is the caller's input
 * (`invalid-input`), a clash with the diary is a `conflict`. The exporter's own reason travels as
 * the single issue `{ path: 'reason', message: <ExportErrorCode> }` so the UI can explain it in
 * the reader's language; the message keeps the exporter's details.
 */
export function exportErrorToApi(err: ExportError): HaruApiError {
  return new HaruApiError(API_CODE[err.code], err.message, [{ path: 'reason', message: REASON[err.code] }])
}
