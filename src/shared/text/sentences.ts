/**
 * Splits Korean diary text into sentences with character offsets into the original string, so the
 * renderer can highlight exactly the span a per-sentence emotion belongs to. Pure (no Node or DOM),
 * shared by the renderer and the analysis process.
 *
 * Offsets are UTF-16 code-unit indices (what `String.prototype.slice` uses), and for every span
 * `text.slice(start, end) === span.text`. Spans are trimmed, ordered and never overlap.
 */

export interface SentenceSpan {
  text: string
  /** Inclusive start offset (UTF-16 code units) into the original string. */
  start: number
  /** Exclusive end offset. */
  end: number
}

export interface SplitOptions {
  /**
   * A fragment with fewer meaningful characters than this (letters and digits; Hangul jamo such as
   * ㅋ/ㅠ, punctuation and emoji do not count) is merged into the previous sentence, or the next one
   * when it comes first. Default 2: "ㅋㅋ", "음." and "!!" are merged, "좋아." stays.
   */
  minMeaningfulChars?: number
  /**
   * Sentences longer than this many code units are wrapped at the last whitespace inside the
   * window (hard-cut when there is none), because the model only reads 256 tokens and a run-on
   * "sentence" without punctuation would otherwise be silently truncated. Default 500.
   */
  maxSentenceChars?: number
}

export const DEFAULT_MIN_MEANINGFUL_CHARS = 2
export const DEFAULT_MAX_SENTENCE_CHARS = 500

// Sets of UTF-16 code units (all these marks are in the BMP): indexing a string per character
// would allocate a fresh string for every Hangul syllable, which dominates on long texts.
const codes = (chars: string): Set<number> => new Set([...chars].map((c) => c.charCodeAt(0)))
const TERMINATORS = codes('.?!…‥~。？！～．‼⁇⁈⁉')
const TILDES = codes('~～')
const PERIODS = codes('.．')
const NEWLINES = codes('\n\r\u2028\u2029\u0085')
/** Always closing: they end a quotation or parenthesis that the sentence opened. */
const CLOSERS = codes('”’」』)]}）］｝》〉】〕»›')
/** Straight quotes open and close alike; they close only when the sentence holds an odd number. */
const STRAIGHT_QUOTES = codes('"\'＂＇')

const isDigit = (c: number): boolean => c >= 48 && c <= 57
const isAsciiLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
/** Exactly JavaScript's \s (NaN, i.e. past the end, is not a space). */
function isSpace(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true
  if (c < 0xa0) return false
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  )
}
const LETTER_OR_DIGIT_RE = /[\p{L}\p{N}]/u

function isHangulJamo(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x11ff) ||
    (cp >= 0x3130 && cp <= 0x318f) ||
    (cp >= 0xa960 && cp <= 0xa97f) ||
    (cp >= 0xd7b0 && cp <= 0xd7ff)
  )
}

/** Letters and digits, but not bare jamo (ㅋㅋ, ㅠㅠ are laughter/crying marks, not words). */
export function countMeaningfulChars(text: string): number {
  let count = 0
  for (const ch of text) {
    const cp = ch.codePointAt(0)!
    if (cp >= 0xac00 && cp <= 0xd7a3) count++ // Hangul syllable: the common case, no regex
    else if (!isHangulJamo(cp) && LETTER_OR_DIGIT_RE.test(ch)) count++
  }
  return count
}

function countOf(text: string, from: number, to: number, code: number): number {
  let n = 0
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === code) n++
  return n
}

/** Whether the terminator at `i` is part of a token (3.5, 3~4, naver.com) rather than an end mark. */
function isInnerMark(text: string, i: number): boolean {
  const ch = text.charCodeAt(i)
  const prev = text.charCodeAt(i - 1)
  const next = text.charCodeAt(i + 1)
  if (PERIODS.has(ch) && isDigit(prev) && isDigit(next)) return true
  if (PERIODS.has(ch) && isAsciiLetter(prev) && isAsciiLetter(next)) return true
  if (TILDES.has(ch) && isDigit(next)) return true
  return false
}

/** Raw [start, end) segments between boundaries, untrimmed. */
function rawSegments(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = []
  const n = text.length
  let segStart = 0
  let i = 0
  while (i < n) {
    const ch = text.charCodeAt(i)
    if (NEWLINES.has(ch)) {
      out.push([segStart, i])
      segStart = ++i
      continue
    }
    if (!TERMINATORS.has(ch) || isInnerMark(text, i)) {
      i++
      continue
    }
    // A run like "...", "?!" or "!!!" is a single boundary.
    let j = i
    let onlyTildes = true
    while (j < n && TERMINATORS.has(text.charCodeAt(j))) {
      if (!TILDES.has(text.charCodeAt(j))) onlyTildes = false
      j++
    }
    let k = j
    let closedQuote = false
    while (k < n) {
      const c = text.charCodeAt(k)
      if (CLOSERS.has(c)) {
        closedQuote = true
        k++
      } else if (STRAIGHT_QUOTES.has(c) && countOf(text, segStart, k, c) % 2 === 1) {
        closedQuote = true
        k++
      } else break
    }
    const atBreak = k >= n || isSpace(text.charCodeAt(k))
    // "서울~부산" is a range and '"안녕?"이라고' is quoted speech inside a longer sentence; but
    // "좋았다.그리고" (no space after the period) is two sentences, as in the seed.
    const boundary = atBreak || (!onlyTildes && !closedQuote)
    if (boundary) {
      out.push([segStart, k])
      segStart = k
    }
    i = k
  }
  out.push([segStart, n])
  return out
}

function trimSpan(text: string, start: number, end: number): [number, number] | null {
  while (start < end && isSpace(text.charCodeAt(start))) start++
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--
  return start < end ? [start, end] : null
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

/** Wraps one over-long span at whitespace (or hard-cuts, never inside a surrogate pair). */
function wrapLong(text: string, start: number, end: number, max: number): Array<[number, number]> {
  const out: Array<[number, number]> = []
  let s = start
  while (end - s > max) {
    let cut = -1
    for (let p = s + max; p > s + Math.floor(max / 2); p--) {
      if (isSpace(text.charCodeAt(p))) {
        cut = p
        break
      }
    }
    if (cut < 0) {
      cut = s + max
      if (isHighSurrogate(text.charCodeAt(cut - 1))) cut--
    }
    const piece = trimSpan(text, s, cut)
    if (piece) out.push(piece)
    s = cut
  }
  const last = trimSpan(text, s, end)
  if (last) out.push(last)
  return out
}

const isEmoji = (ch: string): boolean => /\p{Extended_Pictographic}/u.test(ch)

/**
 * "웃겼다. ㅋㅋ 내일도 만나자." — the "ㅋㅋ" (or ㅠㅠ, ^^) reacts to what came before, so leading
 * jamo/punctuation-only words move to the previous sentence when both are on the same line.
 * Emoji are left where they are: they as often introduce the next sentence.
 */
function moveLeadingLaughter(text: string, spans: Array<[number, number]>): void {
  for (let i = 1; i < spans.length; i++) {
    const prev = spans[i - 1]!
    const cur = spans[i]!
    let newline = false
    for (let g = prev[1]; g < cur[0]; g++) if (NEWLINES.has(text.charCodeAt(g))) newline = true
    if (newline) continue
    let p = cur[0]
    let movedEnd = -1
    while (p < cur[1]) {
      let q = p
      while (q < cur[1] && !isSpace(text.charCodeAt(q))) q++
      const word = text.slice(p, q)
      if (q >= cur[1] || countMeaningfulChars(word) > 0 || [...word].some(isEmoji)) break
      movedEnd = q
      p = q
      while (p < cur[1] && isSpace(text.charCodeAt(p))) p++
    }
    if (movedEnd > 0) {
      prev[1] = movedEnd
      cur[0] = p
    }
  }
}

export function splitSentences(text: string, options: SplitOptions = {}): SentenceSpan[] {
  const minMeaningful = options.minMeaningfulChars ?? DEFAULT_MIN_MEANINGFUL_CHARS
  const maxChars = options.maxSentenceChars ?? DEFAULT_MAX_SENTENCE_CHARS
  if (!Number.isInteger(maxChars) || maxChars < 2) throw new RangeError('maxSentenceChars must be an integer >= 2')

  const trimmed: Array<[number, number]> = []
  for (const [s, e] of rawSegments(text)) {
    const t = trimSpan(text, s, e)
    if (t) trimmed.push(t)
  }
  moveLeadingLaughter(text, trimmed)

  // Tiny fragments ("ㅋㅋ", "음.", a lone "!!!") carry no sentence of their own: attach them to the
  // previous sentence (a trailing laugh belongs to what was just said), or to the next one at the start.
  const merged: Array<[number, number]> = []
  let pendingStart: number | null = null
  for (const [s, e] of trimmed) {
    const tiny = countMeaningfulChars(text.slice(s, e)) < minMeaningful
    const last = merged[merged.length - 1]
    if (tiny && last) {
      last[1] = e
    } else if (tiny) {
      pendingStart ??= s
    } else {
      merged.push([pendingStart ?? s, e])
      pendingStart = null
    }
  }
  // Only tiny fragments: keep them as one span rather than dropping the writer's text.
  if (merged.length === 0 && pendingStart !== null) merged.push([pendingStart, trimmed[trimmed.length - 1]![1]])

  const spans: SentenceSpan[] = []
  for (const [s, e] of merged) {
    for (const [ws, we] of e - s > maxChars ? wrapLong(text, s, e, maxChars) : [[s, e] as [number, number]]) {
      spans.push({ text: text.slice(ws, we), start: ws, end: we })
    }
  }
  return spans
}
