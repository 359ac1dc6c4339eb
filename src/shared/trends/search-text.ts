/**
 * Search query handling shared by the SQL side and the UI: splitting a query into terms, and
 * cutting a highlighted snippet. Highlighting is done here rather than with FTS5 `highlight()`,
 * because the index is contentless and short terms are matched with LIKE, which FTS cannot mark.
 */

export const MAX_QUERY_TERMS = 8
/** The trigram tokenizer indexes three-character sequences; shorter terms cannot use the index. */
export const MIN_INDEXED_TERM_LENGTH = 3

/** Whitespace-separated terms; `"…"` keeps a phrase with spaces together. NFC, deduplicated. */
export function parseQuery(query: string): string[] {
  const terms: string[] = []
  for (const m of query.normalize('NFC').matchAll(/"([^"]*)"|(\S+)/g)) {
    const term = (m[1] ?? m[2] ?? '').trim()
    if (term && !terms.includes(term)) terms.push(term)
    if (terms.length === MAX_QUERY_TERMS) break
  }
  return terms
}

export const termLength = (term: string): number => [...term].length

export function isIndexedTerm(term: string): boolean {
  return termLength(term) >= MIN_INDEXED_TERM_LENGTH
}

/** One FTS5 phrase that matches the term as a substring (trigram tokenizer), quotes escaped. */
export function ftsPhrase(term: string): string {
  return `"${term.replaceAll('"', '""')}"`
}

/** `%term%` for `LIKE … ESCAPE '\'`. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

export interface SnippetPart {
  text: string
  hit: boolean
}

export interface Snippet {
  parts: SnippetPart[]
  /** Text was cut before / after the snippet. */
  cutStart: boolean
  cutEnd: boolean
  hits: number
}

/** Non-overlapping [start, end) ranges of every term in `text`, case-insensitive for Latin. */
export function findHits(text: string, terms: readonly string[]): [number, number][] {
  const lower = text.toLowerCase()
  // Lower-casing can change length for a few characters; then fall back to exact matching.
  const haystack = lower.length === text.length ? lower : text
  const ranges: [number, number][] = []
  for (const term of terms) {
    const needle = haystack === lower ? term.toLowerCase() : term
    if (!needle) continue
    for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + needle.length)) {
      ranges.push([i, i + needle.length])
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1])
  const merged: [number, number][] = []
  for (const r of ranges) {
    const last = merged[merged.length - 1]
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1])
    else merged.push([r[0], r[1]])
  }
  return merged
}

/** About `width` characters around the first hit, split into plain and highlighted parts. */
export function buildSnippet(text: string, terms: readonly string[], width = 140): Snippet {
  const flat = text.replace(/\s+/g, ' ')
  const hits = findHits(flat, terms)
  const first = hits[0]
  let start = first ? Math.max(0, Math.min(first[0] - Math.floor(width / 3), flat.length - width)) : 0
  let end = Math.min(flat.length, start + width)
  // Never cut a surrogate pair (emoji) in half.
  if (start > 0 && /[\udc00-\udfff]/.test(flat[start] ?? '')) start--
  if (end < flat.length && /[\ud800-\udbff]/.test(flat[end - 1] ?? '')) end++
  const parts: SnippetPart[] = []
  let cursor = start
  for (const [a, b] of hits) {
    if (b <= start || a >= end) continue
    const from = Math.max(a, start)
    const to = Math.min(b, end)
    if (from > cursor) parts.push({ text: flat.slice(cursor, from), hit: false })
    parts.push({ text: flat.slice(from, to), hit: true })
    cursor = to
  }
  if (cursor < end) parts.push({ text: flat.slice(cursor, end), hit: false })
  return { parts, cutStart: start > 0, cutEnd: end < flat.length, hits: hits.length }
}
