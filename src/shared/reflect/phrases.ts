/**
 * Small language helpers for the reflection's template sentences: Korean particles that depend on
 * the last syllable, dates and periods as people say them, and emotion names as nouns.
 */
import type { CanonicalEmotion } from '../emotions'
import { EMOTION_LABELS } from '../trends/emotion-style'
import type { Period } from './period'

/** Korean names as in the rest of the app (기쁨, 슬픔, …); all end in a consonant. */
export const EMOTION_KO = EMOTION_LABELS.ko
/** English nouns for running text ("happiness rose"), where the app's adjectives would not read. */
export const EMOTION_EN_NOUN: Record<CanonicalEmotion, string> = {
  ANGRY: 'anger',
  SAD: 'sadness',
  DISGUST: 'disgust',
  HAPPY: 'happiness',
  FEAR: 'fear',
  SURPRISE: 'surprise',
  NEUTRAL: 'calm'
}

/** Whether the word's last Hangul syllable has a final consonant; null when it is not Hangul. */
export function hasBatchim(word: string): boolean | null {
  const last = word.trim().slice(-1)
  const code = last.charCodeAt(0)
  if (code >= 0xac00 && code <= 0xd7a3) return (code - 0xac00) % 28 !== 0
  if (/[0-9]/.test(last)) return '013678'.includes(last) // 영, 일, 삼, 육, 칠, 팔 end in a consonant
  return null
}

const PARTICLES = {
  '이/가': ['이', '가'],
  '은/는': ['은', '는'],
  '을/를': ['을', '를'],
  '과/와': ['과', '와'],
  '이라는/라는': ['이라는', '라는']
} as const
export type Particle = keyof typeof PARTICLES

/** `word` + the particle form its last syllable takes ("기쁨이", "보리가"); both forms when unknown. */
export function withParticle(word: string, particle: Particle): string {
  const [afterConsonant, afterVowel] = PARTICLES[particle]
  const batchim = hasBatchim(word)
  if (batchim === null) return `${word}(${afterConsonant})${afterVowel}`.replace('(이라는)라는', '(이)라는')
  return word + (batchim ? afterConsonant : afterVowel)
}

const parts = (iso: string): [number, number, number] => iso.split('-').map(Number) as [number, number, number]
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const EN_MONTHS_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** "11월 9일" / "Nov 9". */
export function dayKo(iso: string): string {
  const [, m, d] = parts(iso)
  return `${m}월 ${d}일`
}
export function dayEn(iso: string): string {
  const [, m, d] = parts(iso)
  return `${EN_MONTHS[m - 1]} ${d}`
}

/** "2026년 11월 9일–15일" / "Nov 9–15, 2026"; "2026년 11월" / "November 2026". */
export function periodNameKo(p: Period): string {
  const [y, m, d] = parts(p.from)
  if (p.kind === 'month') return `${y}년 ${m}월`
  const [y2, m2, d2] = parts(p.to)
  if (y2 !== y) return `${y}년 ${m}월 ${d}일–${y2}년 ${m2}월 ${d2}일`
  return m2 === m ? `${y}년 ${m}월 ${d}일–${d2}일` : `${y}년 ${m}월 ${d}일–${m2}월 ${d2}일`
}
export function periodNameEn(p: Period): string {
  const [y, m, d] = parts(p.from)
  if (p.kind === 'month') return `${EN_MONTHS_LONG[m - 1]} ${y}`
  const [y2, m2, d2] = parts(p.to)
  if (y2 !== y) return `${EN_MONTHS[m - 1]} ${d}, ${y} – ${EN_MONTHS[m2 - 1]} ${d2}, ${y2}`
  return m2 === m ? `${EN_MONTHS[m - 1]} ${d}–${d2}, ${y}` : `${EN_MONTHS[m - 1]} ${d} – ${EN_MONTHS[m2 - 1]} ${d2}, ${y}`
}

/** "이번 주"-style words for the period itself and the one before it. */
export const PERIOD_WORDS = {
  week: { ko: { this: '이 주', previous: '지난주' }, en: { this: 'this week', previous: 'the week before' } },
  month: { ko: { this: '이 달', previous: '지난달' }, en: { this: 'this month', previous: 'the month before' } }
} as const

/** A share as a whole percentage ("42"). */
export const pct = (share: number): number => Math.round(share * 100)

/** Thousands separators the same in both languages ("2,340"). */
export const count = (n: number): string => n.toLocaleString('en-US')
