/** Free tags: what one is allowed to be, and how typed text becomes stored tags. */

export const MAX_TAG_LENGTH = 40
export const MAX_TAGS_PER_ENTRY = 20

/**
 * The stored form of a tag: NFC, no leading `#`, inner whitespace collapsed, Latin letters lower
 * case (so `Work` and `work` are one tag; Hangul has no case). Returns null for an empty tag.
 */
export function normalizeTag(raw: string): string | null {
  const tag = raw.normalize('NFC').trim().replace(/^#+/, '').replace(/\s+/g, ' ').trim().toLowerCase()
  return tag.length === 0 ? null : tag
}

export function isValidTag(tag: string): boolean {
  return tag.length >= 1 && tag.length <= MAX_TAG_LENGTH && normalizeTag(tag) === tag && !tag.includes(',')
}

/** `"#산책, 친구  ,work"` → `['산책', '친구', 'work']`: comma-separated, deduplicated, in typed order. */
export function parseTagInput(input: string): string[] {
  const out: string[] = []
  for (const part of input.split(',')) {
    const tag = normalizeTag(part)
    if (tag !== null && !out.includes(tag)) out.push(tag)
  }
  return out
}
