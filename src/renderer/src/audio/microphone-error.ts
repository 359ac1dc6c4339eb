/** Why the microphone could not be opened; the UI shows a message with what to do for each. */
export type MicrophoneErrorCode = 'denied' | 'not-found' | 'busy' | 'unsupported' | 'failed'

export class MicrophoneError extends Error {
  override readonly name = 'MicrophoneError'
  constructor(
    readonly code: MicrophoneErrorCode,
    message: string
  ) {
    super(message)
  }
}

/** Maps getUserMedia's DOMException names to stable codes. */
export function toMicrophoneError(err: unknown): MicrophoneError {
  if (err instanceof MicrophoneError) return err
  const name = (err as { name?: unknown })?.name
  const message = err instanceof Error ? err.message : String(err)
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError':
      return new MicrophoneError('denied', message)
    case 'NotFoundError':
    case 'OverconstrainedError':
    case 'DevicesNotFoundError':
      return new MicrophoneError('not-found', message)
    case 'NotReadableError':
    case 'AbortError':
    case 'TrackStartError':
      return new MicrophoneError('busy', message)
    default:
      return new MicrophoneError('failed', message)
  }
}
