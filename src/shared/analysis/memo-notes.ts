/**
 * The notes a memo analysis can carry about a part it could not do. The service sends them as
 * these English sentences (the CLI prints them as they are); the app shows each in the UI's
 * language by matching these constants, and anything else (an analysis error's own message) under
 * a general sentence with the text as its detail.
 */
export const MEMO_NOTES = {
  noVoiceModel: 'the voice model is not installed',
  noTranscript: 'no transcript yet: the voice result stands alone',
  noSentences: 'the transcript has no sentences to analyse'
} as const
export type MemoNote = keyof typeof MEMO_NOTES
