/**
 * The mood check-in's vocabulary: richer Korean words for how a day felt, each under exactly one
 * canonical emotion (so a word chosen in a check-in is always a canonical label too, for trends,
 * agreement and export), with an English gloss for the English UI and the CLI.
 *
 * The canonical names themselves (기쁨, 슬픔, …, src/shared/trends/emotion-style.ts) stay the
 * headings; a word here never repeats another emotion's heading (NEUTRAL is shown as 평온, so the
 * calm of a good day is 편안함 under HAPPY). Words are stored as written here; adding a word is
 * safe, renaming or moving one changes what old check-ins mean.
 */
import { CANONICAL_EMOTIONS, type CanonicalEmotion } from '../emotions'

export interface MoodWord {
  /** The Korean word, stored with the check-in. */
  word: string
  /** English gloss. */
  en: string
}

export const MOOD_VOCABULARY: Readonly<Record<CanonicalEmotion, readonly MoodWord[]>> = {
  HAPPY: [
    { word: '기쁨', en: 'joy' },
    { word: '행복', en: 'happiness' },
    { word: '설렘', en: 'excitement, a flutter' },
    { word: '감사', en: 'gratitude' },
    { word: '뿌듯함', en: 'pride in something done' },
    { word: '편안함', en: 'ease, at peace' },
    { word: '신남', en: 'fun, thrill' },
    { word: '만족', en: 'contentment' },
    { word: '홀가분함', en: 'relief, lightness' },
    { word: '사랑', en: 'love' }
  ],
  SAD: [
    { word: '슬픔', en: 'sadness' },
    { word: '외로움', en: 'loneliness' },
    { word: '허무', en: 'emptiness' },
    { word: '서운함', en: 'feeling let down' },
    { word: '우울', en: 'gloom' },
    { word: '그리움', en: 'longing' },
    { word: '속상함', en: 'upset, hurt' },
    { word: '후회', en: 'regret' },
    { word: '실망', en: 'disappointment' },
    { word: '지침', en: 'worn out' }
  ],
  ANGRY: [
    { word: '화남', en: 'anger' },
    { word: '짜증', en: 'irritation' },
    { word: '억울함', en: 'feeling wronged' },
    { word: '답답함', en: 'frustration' },
    { word: '분노', en: 'rage' },
    { word: '원망', en: 'resentment' }
  ],
  DISGUST: [
    { word: '싫음', en: 'dislike' },
    { word: '역겨움', en: 'revulsion' },
    { word: '불쾌함', en: 'unpleasantness' },
    { word: '혐오', en: 'loathing' },
    { word: '거북함', en: 'queasy discomfort' },
    { word: '환멸', en: 'disillusion' }
  ],
  FEAR: [
    { word: '두려움', en: 'fear' },
    { word: '불안', en: 'anxiety' },
    { word: '걱정', en: 'worry' },
    { word: '초조', en: 'nervousness' },
    { word: '긴장', en: 'tension' },
    { word: '무서움', en: 'being scared' },
    { word: '막막함', en: 'at a loss' }
  ],
  SURPRISE: [
    { word: '놀람', en: 'surprise' },
    { word: '당황', en: 'flustered' },
    { word: '얼떨떨함', en: 'dazed' },
    { word: '신기함', en: 'wonder' },
    { word: '어이없음', en: 'dumbfounded' },
    { word: '충격', en: 'shock' }
  ],
  NEUTRAL: [
    { word: '평온', en: 'calm' },
    { word: '무난함', en: 'uneventful' },
    { word: '담담함', en: 'composed' },
    { word: '평범함', en: 'ordinary' },
    { word: '덤덤함', en: 'unmoved' },
    { word: '멍함', en: 'blank' }
  ]
}

const EMOTION_OF_WORD: ReadonlyMap<string, CanonicalEmotion> = new Map(
  CANONICAL_EMOTIONS.flatMap((e) => MOOD_VOCABULARY[e].map((w) => [w.word, e] as const))
)

/** The canonical emotion a vocabulary word belongs to, or null for a word that is not in it. */
export function emotionOfMoodWord(word: string): CanonicalEmotion | null {
  return EMOTION_OF_WORD.get(word.normalize('NFC')) ?? null
}

/** The English gloss of a vocabulary word (the word itself when unknown). */
export function moodWordGloss(word: string): string {
  const emotion = emotionOfMoodWord(word)
  return emotion ? MOOD_VOCABULARY[emotion].find((w) => w.word === word.normalize('NFC'))!.en : word
}

export const MOOD_INTENSITY_MIN = 1
export const MOOD_INTENSITY_MAX = 5
