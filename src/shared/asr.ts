/**
 * Speech-to-text models Haru can download for transcribing voice memos. Whisper runs through
 * `@huggingface/transformers` in the analysis process from local files only; the quantized ONNX
 * exports below are what its `automatic-speech-recognition` pipeline loads with `dtype: 'q8'`.
 */
export const WHISPER_FILES = [
  'config.json',
  'generation_config.json',
  'preprocessor_config.json',
  'tokenizer.json',
  'tokenizer_config.json',
  'onnx/encoder_model_quantized.onnx',
  'onnx/decoder_model_merged_quantized.onnx'
] as const

export interface AsrModelInfo {
  id: string
  name: string
  /** Hub repository the files come from. */
  repo: string
  /** Rough download size, shown before the exact sizes are known. */
  approxMb: number
}

export const ASR_MODELS: readonly AsrModelInfo[] = [
  { id: 'whisper-base', name: 'Whisper base (다국어, 빠름)', repo: 'onnx-community/whisper-base', approxMb: 80 },
  { id: 'whisper-small', name: 'Whisper small (다국어, 더 정확)', repo: 'onnx-community/whisper-small', approxMb: 250 }
]

export const hubBaseUrl = (repo: string): string => `https://huggingface.co/${repo}/resolve/main/`
