import { useMemo } from 'react'
import { CANONICAL_EMOTIONS, type CanonicalEmotion } from '../../../../shared/emotions'
import { EMOTION_GLYPHS, emotionColor, type ColorScheme } from '../../../../shared/trends/emotion-style'
import { useColorScheme } from '../../hooks/useColorScheme'

/** One fixed pattern per emotion, drawn over its colour in every chart (not left to ECharts' rotation). */
export const EMOTION_DECALS: Record<CanonicalEmotion, { symbol?: string; dashArrayX?: number[] | number[][]; dashArrayY?: number[]; rotation?: number; symbolSize?: number }> = {
  ANGRY: { symbol: 'triangle', symbolSize: 0.8 },
  SAD: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 5], rotation: -Math.PI / 4 },
  DISGUST: { symbol: 'diamond', symbolSize: 0.8 },
  HAPPY: { symbol: 'circle', symbolSize: 0.7 },
  FEAR: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 5], rotation: Math.PI / 4 },
  SURPRISE: { symbol: 'pin', symbolSize: 0.8 },
  NEUTRAL: { symbol: 'none' }
}

/** Point shapes and dash styles for the lines, so each emotion's line differs in form as well as hue. */
export const EMOTION_SYMBOLS: Record<CanonicalEmotion, { symbol: string; lineType: 'solid' | 'dashed' | 'dotted' }> = {
  ANGRY: { symbol: 'triangle', lineType: 'solid' },
  SAD: { symbol: 'rect', lineType: 'dashed' },
  DISGUST: { symbol: 'diamond', lineType: 'dotted' },
  HAPPY: { symbol: 'circle', lineType: 'solid' },
  FEAR: { symbol: 'roundRect', lineType: 'dashed' },
  SURPRISE: { symbol: 'pin', lineType: 'dotted' },
  NEUTRAL: { symbol: 'emptyCircle', lineType: 'solid' }
}

export interface ChartTheme {
  scheme: ColorScheme
  ink: string
  muted: string
  line: string
  surface: string
  color(e: CanonicalEmotion): string
}

/** Colours for code-drawn charts, read from the page's CSS variables so light and dark mode match. */
export function useChartTheme(): ChartTheme {
  const scheme = useColorScheme()
  return useMemo(() => {
    const css = getComputedStyle(document.documentElement)
    const read = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback
    return {
      scheme,
      ink: read('--ink', scheme === 'dark' ? '#ece8e1' : '#2b2a28'),
      muted: read('--muted', '#77726a'),
      line: read('--line', '#e4ddd2'),
      surface: read('--surface', scheme === 'dark' ? '#25272a' : '#fffdf9'),
      color: (e) => emotionColor(e, scheme)
    }
  }, [scheme])
}

interface AxisTooltipParam {
  axisValueLabel?: string
  seriesIndex?: number
  seriesName?: string
  value?: unknown
}

const escapeHtml = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!)

/**
 * The tooltip of a chart with one series per emotion (in canonical order), as plain markup: the
 * period, then each emotion's mark, name and value. ECharts' default tooltip writes inline
 * `style` attributes, which the page's CSP (style-src 'self') refuses; this one needs none.
 */
export function emotionAxisTooltip(format: (value: number) => string) {
  return (raw: unknown): string => {
    const params = (Array.isArray(raw) ? raw : [raw]) as AxisTooltipParam[]
    const rows = params
      .filter((p) => typeof p.value === 'number' && p.value > 0)
      .map((p) => `${EMOTION_GLYPHS[CANONICAL_EMOTIONS[p.seriesIndex ?? 0]!]} ${escapeHtml(p.seriesName ?? '')}: ${escapeHtml(format(p.value as number))}`)
    return [escapeHtml(params[0]?.axisValueLabel ?? ''), ...rows].join('<br/>')
  }
}
