/**
 * What kind of audio file a phone gave us, and when it was recorded, from the container alone
 * (no decoding): used by the app's import (renderer) and by `haru memos add` alike, so both put a
 * memo on the same day. Pure TypeScript over bytes; every read is bounds-checked, and a file that
 * does not parse simply has no date.
 */
import { localIsoDate } from '../dates'

export type AudioContainer = 'wav' | 'mp4' | 'mp3' | 'aac' | 'ogg' | 'flac'

const ascii = (b: Uint8Array, at: number, n: number): string => (at + n <= b.length ? String.fromCharCode(...b.subarray(at, at + n)) : '')

/** The container by its magic bytes (not by the file name), or null when it is none of these. */
export function detectContainer(b: Uint8Array): AudioContainer | null {
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WAVE') return 'wav'
  if (ascii(b, 4, 4) === 'ftyp') return 'mp4'
  if (ascii(b, 0, 4) === 'OggS') return 'ogg'
  if (ascii(b, 0, 4) === 'fLaC') return 'flac'
  if (ascii(b, 0, 3) === 'ID3') return 'mp3'
  if (b.length >= 2 && b[0] === 0xff && (b[1]! & 0xe0) === 0xe0) return (b[1]! & 0x06) === 0 ? 'aac' : 'mp3' // ADTS has layer 00
  return null
}

/** A moment (a full timestamp) or just a calendar day, as containers give either. */
type Stamp = { instant: Date } | { day: string }

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/
const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/

/** `2026-09-14`, `2026-09-14T08:30:00Z`, `2026-09-14 08:30:00+09:00`; a time without a zone is local. A year alone is no day. */
export function parseStamp(text: string): Stamp | null {
  const t = text.replace(/\0+$/, '').trim()
  const day = ISO_DAY.exec(t)
  if (day) return { day: t }
  const m = ISO_TIME.exec(t)
  if (!m) return null
  const [, y, mo, d, h, mi, s, zone] = m
  const date = zone ? new Date(`${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${zone === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`) : new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0))
  return Number.isNaN(date.getTime()) ? null : { instant: date }
}

// --- MP4 / M4A: moov/mvhd creation time, else the iTunes ©day tag ------------------------------

const u32 = (b: Uint8Array, at: number) => (b[at]! * 2 ** 24 + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!) >>> 0

/** Child boxes of [start, end): type → body range. 64-bit and to-the-end sizes handled. */
function* boxes(b: Uint8Array, start: number, end: number): Generator<{ type: string; body: number; end: number }> {
  let at = start
  while (at + 8 <= end) {
    let size = u32(b, at)
    let header = 8
    if (size === 1 && at + 16 <= end) {
      size = u32(b, at + 8) * 2 ** 32 + u32(b, at + 12)
      header = 16
    } else if (size === 0) size = end - at
    if (size < header || at + size > end) return
    yield { type: ascii(b, at + 4, 4), body: at + header, end: at + size }
    at += size
  }
}
const child = (b: Uint8Array, start: number, end: number, type: string) => [...boxes(b, start, end)].find((x) => x.type === type)

/** Seconds between 1904-01-01 (the QuickTime epoch) and 1970-01-01. */
const MAC_EPOCH_OFFSET = 2_082_844_800

function mp4Stamp(b: Uint8Array): Stamp | null {
  const moov = child(b, 0, b.length, 'moov')
  if (!moov) return null
  const mvhd = child(b, moov.body, moov.end, 'mvhd')
  if (mvhd && mvhd.body + 12 <= mvhd.end) {
    const seconds = b[mvhd.body] === 1 ? u32(b, mvhd.body + 4) * 2 ** 32 + u32(b, mvhd.body + 8) : u32(b, mvhd.body + 4)
    // 0 (1904) is what many encoders write when they know no time: no date, not a 1904 memo.
    if (seconds > MAC_EPOCH_OFFSET) return { instant: new Date((seconds - MAC_EPOCH_OFFSET) * 1000) }
  }
  const udta = child(b, moov.body, moov.end, 'udta')
  const meta = udta && child(b, udta.body, udta.end, 'meta')
  if (!meta) return null
  // ISO `meta` is a full box (4 bytes of version and flags); QuickTime's is not.
  const metaBody = ascii(b, meta.body + 4, 4) === 'hdlr' ? meta.body : meta.body + 4
  const ilst = child(b, metaBody, meta.end, 'ilst')
  const day = ilst && child(b, ilst.body, ilst.end, '\u00a9day')
  const data = day && child(b, day.body, day.end, 'data')
  return data ? parseStamp(new TextDecoder().decode(b.subarray(data.body + 8, data.end))) : null
}

// --- Ogg (Vorbis, Opus) and FLAC: Vorbis comments -------------------------------------------------

const u32le = (b: Uint8Array, at: number) => (b[at]! + (b[at + 1]! << 8) + (b[at + 2]! << 16) + b[at + 3]! * 2 ** 24) >>> 0

/** `KEY=value` comments from a Vorbis comment block at `at` (vendor string first). */
function vorbisComments(b: Uint8Array, at: number, end: number): Map<string, string> {
  const found = new Map<string, string>()
  if (at + 4 > end) return found
  at += 4 + u32le(b, at)
  if (at + 4 > end) return found
  const count = u32le(b, at)
  at += 4
  for (let i = 0; i < count && at + 4 <= end; i++) {
    const length = u32le(b, at)
    if (at + 4 + length > end) break
    const text = new TextDecoder().decode(b.subarray(at + 4, at + 4 + length))
    const eq = text.indexOf('=')
    if (eq > 0) found.set(text.slice(0, eq).toUpperCase(), text.slice(eq + 1))
    at += 4 + length
  }
  return found
}

const fromComments = (c: Map<string, string>): Stamp | null => parseStamp(c.get('CREATION_TIME') ?? '') ?? parseStamp(c.get('DATE') ?? '')

function indexOf(b: Uint8Array, text: string, from = 0, limit = b.length): number {
  const first = text.charCodeAt(0)
  for (let i = from; i + text.length <= limit; i++) if (b[i] === first && ascii(b, i, text.length) === text) return i
  return -1
}

function oggStamp(b: Uint8Array): Stamp | null {
  // The comment header is the second packet, in the first few kilobytes (unless cover art follows).
  const limit = Math.min(b.length, 1 << 20)
  const opus = indexOf(b, 'OpusTags', 0, limit)
  if (opus >= 0) return fromComments(vorbisComments(b, opus + 8, limit))
  const vorbis = indexOf(b, '\u0003vorbis', 0, limit)
  return vorbis >= 0 ? fromComments(vorbisComments(b, vorbis + 7, limit)) : null
}

function flacStamp(b: Uint8Array): Stamp | null {
  for (let at = 4; at + 4 <= b.length; ) {
    const last = (b[at]! & 0x80) !== 0
    const type = b[at]! & 0x7f
    const length = (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!
    if (type === 4) return fromComments(vorbisComments(b, at + 4, Math.min(b.length, at + 4 + length)))
    if (last) return null
    at += 4 + length
  }
  return null
}

// --- MP3: ID3v2 (TDRC / TDEN in 2.4; TYER + TDAT + TIME in 2.3) ----------------------------------

const syncsafe = (b: Uint8Array, at: number) => ((b[at]! & 0x7f) << 21) | ((b[at + 1]! & 0x7f) << 14) | ((b[at + 2]! & 0x7f) << 7) | (b[at + 3]! & 0x7f)

function id3Text(body: Uint8Array): string {
  const encoding = body[0]
  const bytes = body.subarray(1)
  const label = encoding === 1 || encoding === 2 ? (encoding === 2 ? 'utf-16be' : 'utf-16') : encoding === 3 ? 'utf-8' : 'latin1'
  return new TextDecoder(label).decode(bytes).replace(/\0.*$/s, '')
}

function id3Stamp(b: Uint8Array): Stamp | null {
  if (ascii(b, 0, 3) !== 'ID3' || b.length < 10) return null
  const version = b[3]!
  if (version < 3) return null
  const end = Math.min(b.length, 10 + syncsafe(b, 6))
  const frames = new Map<string, string>()
  for (let at = 10; at + 10 <= end; ) {
    const id = ascii(b, at, 4)
    if (!/^[A-Z0-9]{4}$/.test(id)) break
    const size = version === 4 ? syncsafe(b, at + 4) : u32(b, at + 4)
    if (at + 10 + size > end) break
    if (id.startsWith('T')) frames.set(id, id3Text(b.subarray(at + 10, at + 10 + size)))
    at += 10 + size
  }
  for (const id of ['TDRC', 'TDEN', 'TDOR']) {
    const stamp = parseStamp(frames.get(id) ?? '')
    if (stamp) return stamp
  }
  // 2.3: the year, and the day as DDMM.
  const year = frames.get('TYER')
  const ddmm = frames.get('TDAT')
  return year && ddmm && /^\d{4}$/.test(year) && /^\d{4}$/.test(ddmm) ? parseStamp(`${year}-${ddmm.slice(2)}-${ddmm.slice(0, 2)}`) : null
}

// --- WAV: LIST/INFO ICRD -------------------------------------------------------------------------

function wavStamp(b: Uint8Array): Stamp | null {
  for (let at = 12; at + 8 <= b.length; ) {
    const id = ascii(b, at, 4)
    const size = u32le(b, at + 4)
    if (id === 'LIST' && ascii(b, at + 8, 4) === 'INFO') {
      const icrd = indexOf(b, 'ICRD', at + 12, Math.min(b.length, at + 8 + size))
      if (icrd >= 0) return parseStamp(new TextDecoder().decode(b.subarray(icrd + 8, icrd + 8 + u32le(b, icrd + 4))))
    }
    at += 8 + size + (size & 1)
  }
  return null
}

const READERS: Record<AudioContainer, (b: Uint8Array) => Stamp | null> = { wav: wavStamp, mp4: mp4Stamp, mp3: id3Stamp, aac: () => null, ogg: oggStamp, flac: flacStamp }

/** The earliest day a recording could plausibly be from; anything before is a wrong clock. */
const EARLIEST_DAY = '2000-01-01'

/**
 * The local calendar day the container says the recording was made, or null when it says nothing
 * believable (no tag, a zero timestamp, a day before 2000 or after tomorrow).
 */
export function recordedDay(b: Uint8Array, now = new Date()): string | null {
  const container = detectContainer(b)
  let stamp: Stamp | null = null
  try {
    stamp = container ? READERS[container](b) : null
  } catch {
    stamp = null // a damaged header: no date, and the decoder will say what is wrong
  }
  if (!stamp) return null
  const day = 'day' in stamp ? stamp.day : localIsoDate(stamp.instant)
  const tomorrow = localIsoDate(new Date(now.getTime() + 86_400_000))
  return day >= EARLIEST_DAY && day <= tomorrow ? day : null
}

/** Where a memo's day came from: the container's own date, else the file's modification time (else today, for a wrong clock). */
export type MemoDaySource = 'recorded' | 'modified' | 'today'

/** The day an imported file's memo belongs to: the container's recording date, else the file's modification time. */
export function memoDayOf(b: Uint8Array, modifiedMs: number, now = new Date()): { day: string; source: MemoDaySource } {
  const recorded = recordedDay(b, now)
  if (recorded) return { day: recorded, source: 'recorded' }
  const modified = localIsoDate(new Date(modifiedMs))
  const today = localIsoDate(now)
  return modified <= today && modified >= EARLIEST_DAY ? { day: modified, source: 'modified' } : { day: today, source: 'today' }
}
