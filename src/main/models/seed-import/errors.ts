export type SeedImportErrorCode =
  | 'missing-file'
  | 'unexpected-architecture'
  | 'bad-labels'
  | 'bad-baselines'
  | 'bad-npy'
  | 'out-dir-exists'
  | 'verify-failed'

/** Anything wrong with the files handed to the seed import, other than the checkpoint's own format. */
export class SeedImportError extends Error {
  override readonly name = 'SeedImportError'
  constructor(
    readonly code: SeedImportErrorCode,
    message: string,
    options?: { cause?: unknown }
  ) {
    super(message, options)
  }
}
