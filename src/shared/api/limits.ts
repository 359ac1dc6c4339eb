/** Plain constants of the contract, kept free of zod so the renderer bundle does not carry it. */

/** Longest entry text accepted, in UTF-16 code units: about 60 printed pages of Korean. */
export const MAX_ENTRY_TEXT_LENGTH = 100_000
export const MAX_PROFILE_NAME_LENGTH = 40

export const GENDER_HINTS = ['MALE', 'FEMALE', 'UNSPECIFIED'] as const
export type GenderHint = (typeof GENDER_HINTS)[number]

/** A voice memo stops by itself after 10 minutes. */
export const MAX_MEMO_SECONDS = 600

/** An imported memo (a phone's voice note, a lecture) may be longer than a recording, up to this. */
export const MAX_IMPORT_MINUTES = 60
