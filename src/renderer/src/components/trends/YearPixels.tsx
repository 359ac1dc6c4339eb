import { useMemo } from 'react'
import type { TrendDay } from '../../../../shared/api/trends-schemas'
import { CANONICAL_EMOTIONS } from '../../../../shared/emotions'
import { EMOTION_GLYPHS, EMOTION_LABELS, inkOn } from '../../../../shared/trends/emotion-style'
import { useI18n } from '../../i18n/I18nProvider'
import { EChart } from './EChart'
import type { EChartsOption } from './echarts'
import { EMOTION_DECALS, useChartTheme } from './chart-style'
import styles from './YearPixels.module.css'

/** Month and weekday names for the calendar, in the UI's language (never ECharts' built-in Chinese). */
function calendarNames(locale: 'ko' | 'en'): { months: string[]; days: string[] } {
  const tag = locale === 'ko' ? 'ko-KR' : 'en-US'
  const month = new Intl.DateTimeFormat(tag, { month: 'short', timeZone: 'UTC' })
  const weekday = new Intl.DateTimeFormat(tag, { weekday: 'short', timeZone: 'UTC' })
  return {
    months: Array.from({ length: 12 }, (_, i) => month.format(new Date(Date.UTC(2026, i, 1)))),
    // 2026-03-01 is a Sunday: the calendar's first day.
    days: Array.from({ length: 7 }, (_, i) => weekday.format(new Date(Date.UTC(2026, 2, 1 + i))))
  }
}

/**
 * "A year in pixels": every day of the year as one calendar cell in the dominant emotion's colour,
 * with the emotion's mark (▲ ▼ ● …) inside the cell so the colours never have to be told apart.
 */
export function YearPixels({ year, days, onOpen }: { year: number; days: TrendDay[]; onOpen(date: string): void }) {
  const { t, locale, formatDate } = useI18n()
  const theme = useChartTheme()
  const names = EMOTION_LABELS[locale]

  // One series per emotion: colour, pattern and mark are set once per series instead of on each of
  // ≈ 365 items, which ECharts styles one by one (the slowest chart of the page to draw).
  const bySeries = useMemo(() => CANONICAL_EMOTIONS.map((e) => days.filter((d) => d.dominant === e)), [days])
  const option = useMemo<EChartsOption>(() => {
    return {
      backgroundColor: 'transparent',
      textStyle: { color: theme.ink },
      tooltip: {
        formatter: (p: unknown) => {
          const { seriesIndex, dataIndex } = p as { seriesIndex: number; dataIndex: number }
          const d = bySeries[seriesIndex]?.[dataIndex]
          if (!d) return ''
          const mix = CANONICAL_EMOTIONS.filter((e) => d.probs[e] >= 0.01)
            .sort((a, b) => d.probs[b] - d.probs[a])
            .map((e) => `${EMOTION_GLYPHS[e]} ${names[e]} ${Math.round(d.probs[e] * 100)}%`)
          // Plain markup: ECharts' default tooltip writes inline styles the CSP refuses.
          return [formatDate(d.date), ...mix].join('<br/>')
        }
      },
      visualMap: {
        type: 'piecewise',
        show: false,
        dimension: 1,
        pieces: CANONICAL_EMOTIONS.map((e, i) => ({ value: i, label: names[e], color: theme.color(e) }))
      },
      calendar: {
        range: String(year),
        top: 28,
        left: 36,
        right: 8,
        cellSize: ['auto', 15],
        orient: 'horizontal',
        splitLine: { lineStyle: { color: theme.line } },
        itemStyle: { color: 'transparent', borderColor: theme.line },
        dayLabel: { color: theme.muted, nameMap: calendarNames(locale).days, firstDay: 0 },
        monthLabel: { color: theme.muted, nameMap: calendarNames(locale).months },
        yearLabel: { show: false }
      },
      series: CANONICAL_EMOTIONS.map((e, i) => ({
        type: 'heatmap',
        name: names[e],
        coordinateSystem: 'calendar',
        data: bySeries[i]!.map((d) => [d.date, i]),
        itemStyle: { decal: EMOTION_DECALS[e] },
        label: { show: true, formatter: EMOTION_GLYPHS[e], fontSize: 8, color: inkOn(theme.color(e)) }
      }))
    } as EChartsOption
  }, [bySeries, year, theme, names, locale, formatDate])

  const counts = CANONICAL_EMOTIONS.map((e) => ({ e, n: days.filter((d) => d.dominant === e).length })).filter((c) => c.n > 0)
  const description = t('trends.yearDescription', {
    year,
    days: days.length,
    mix: counts.map((c) => `${names[c.e]} ${c.n}`).join(', ') || t('trends.emptyShort')
  })

  return (
    <section aria-labelledby="year-pixels-title">
      <h2 id="year-pixels-title" className={styles.title}>
        {t('trends.year', { year })}
      </h2>
      <EChart
        option={option}
        label={description}
        height={190}
        testId="year-pixels"
        data={{ year, days: days.length }}
        onItemClick={(p) => {
          const d = bySeries[p.seriesIndex]?.[p.dataIndex]
          if (d) onOpen(d.date)
        }}
      />
      <p className={styles.description}>{description}</p>
    </section>
  )
}
