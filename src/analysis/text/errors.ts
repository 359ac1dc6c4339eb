/** Stable codes a caller (IPC, CLI, UI) can switch on; messages are for humans and may change. */
export type TextEngineErrorCode =
  | 'TOKENIZER_NOT_FOUND'
  | 'TOKENIZER_INVALID'
  | 'PACK_NOT_FOUND'
  | 'PACK_INVALID'
  | 'MODEL_LOAD_FAILED'
  | 'MODEL_OUTPUT_INVALID'
  | 'INVALID_INPUT'
  | 'ENGINE_CLOSED'
  | 'NO_REPRESENTATION'

export class TextEngineError extends Error {
  override readonly name = 'TextEngineError'
  constructor(
    readonly code: TextEngineErrorCode,
    message: string,
    options?: { cause?: unknown }
  ) {
    super(message, options)
  }
}
