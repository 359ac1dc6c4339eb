import { CANONICAL_EMOTIONS, type CanonicalEmotion } from '../emotions'

/**
 * How each emotion is drawn. Colours are the Okabe–Ito palette (distinguishable with the common
 * colour-vision deficiencies) and never carry meaning alone: every place that shows a colour also
 * shows the emotion's icon or name, and charts add ECharts decal patterns.
 */
export const EMOTION_ICONS: Record<CanonicalEmotion, string> = {
  ANGRY: '😠',
  SAD: '😢',
  DISGUST: '🤢',
  HAPPY: '😊',
  FEAR: '😨',
  SURPRISE: '😲',
  NEUTRAL: '😐'
}

/** Names shown beside icons and colours (the renderer picks by locale; the Markdown export uses both). */
export const EMOTION_LABELS: Record<'ko' | 'en', Record<CanonicalEmotion, string>> = {
  ko: { ANGRY: '화남', SAD: '슬픔', DISGUST: '싫음', HAPPY: '기쁨', FEAR: '두려움', SURPRISE: '놀람', NEUTRAL: '평온' },
  en: { ANGRY: 'Angry', SAD: 'Sad', DISGUST: 'Disgust', HAPPY: 'Happy', FEAR: 'Fear', SURPRISE: 'Surprise', NEUTRAL: 'Neutral' }
}

/** A one-glyph mark for places where emoji may not render (SVG charts with system fonts). */
export const EMOTION_GLYPHS: Record<CanonicalEmotion, string> = {
  ANGRY: '▲',
  SAD: '▼',
  DISGUST: '✕',
  HAPPY: '●',
  FEAR: '◆',
  SURPRISE: '★',
  NEUTRAL: '■'
}

export type ColorScheme = 'light' | 'dark'

/** Okabe–Ito hues darkened where needed so each keeps 3:1 contrast on the light background. */
const LIGHT: Record<CanonicalEmotion, string> = {
  ANGRY: '#C45500',
  SAD: '#0072B2',
  DISGUST: '#00875F',
  HAPPY: '#B87A00',
  FEAR: '#B5548C',
  SURPRISE: '#8A7E00',
  NEUTRAL: '#7A7A7A'
}

/** Same hues, lifted so each keeps at least 3:1 contrast on the dark background. */
const DARK: Record<CanonicalEmotion, string> = {
  ANGRY: '#F07A2A',
  SAD: '#4DA3E0',
  DISGUST: '#2FC29A',
  HAPPY: '#F2B33D',
  FEAR: '#E09AC2',
  SURPRISE: '#F0E442',
  NEUTRAL: '#A8A8A8'
}

export function emotionColor(emotion: CanonicalEmotion, scheme: ColorScheme = 'light'): string {
  return (scheme === 'dark' ? DARK : LIGHT)[emotion]
}

export function emotionPalette(scheme: ColorScheme = 'light'): string[] {
  return CANONICAL_EMOTIONS.map((e) => emotionColor(e, scheme))
}

/** Relative luminance (WCAG 2) of `#rrggbb`. */
export function luminance(hex: string): number {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2)
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}

/** Dark or light text on an emotion's fill, whichever reads better. */
export function inkOn(fill: string): string {
  return contrastRatio(fill, '#111111') >= contrastRatio(fill, '#ffffff') ? '#111111' : '#ffffff'
}
