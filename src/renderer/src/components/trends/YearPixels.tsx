import { useMemo, useState } from 'react'
import type { TrendDay } from '../../../../shared/api/trends-schemas'
import { CANONICAL_EMOTIONS } from '../../../../shared/emotions'
import { EMOTION_GLYPHS, EMOTION_LABELS, inkOn } from '../../../../shared/trends/emotion-style'
import { useI18n } from '../../i18n/I18nProvider'
import { useChartTheme } from './chart-style'
import { yearGrid, CELL, GRID_LEFT, GRID_TOP } from './year-grid'
import styles from './YearPixels.module.css'

/** Month and weekday names in the UI's language (Intl, never a chart library's built-in Chinese). */
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
 * "A year in pixels": every day of the year as one cell in the dominant emotion's colour, with the
 * emotion's mark (▲ ▼ ● …) inside the cell so the colours never have to be told apart.
 *
 * Drawn as plain SVG rather than an ECharts calendar heatmap: ECharts laid out and measured each of
 * ≈ 365 labelled cells one by one (forced layouts, text measuring), which was most of the Trends
 * page's first open; one React render of fixed-size cells is a fraction of that.
 */
export function YearPixels({ year, days, onOpen }: { year: number; days: TrendDay[]; onOpen(date: string): void }) {
  const { t, locale, formatDate } = useI18n()
  const theme = useChartTheme()
  const names = EMOTION_LABELS[locale]
  const grid = useMemo(() => yearGrid(year), [year])
  const byDate = useMemo(() => new Map(days.map((d) => [d.date, d])), [days])
  const labels = calendarNames(locale)
  const [hovered, setHovered] = useState<{ day: TrendDay; x: number; y: number } | null>(null)

  const counts = CANONICAL_EMOTIONS.map((e) => ({ e, n: days.filter((d) => d.dominant === e).length })).filter((c) => c.n > 0)
  const description = t('trends.yearDescription', {
    year,
    days: days.length,
    mix: counts.map((c) => `${names[c.e]} ${c.n}`).join(', ') || t('trends.emptyShort')
  })

  const tooltipLines = (d: TrendDay): string[] => [
    formatDate(d.date),
    ...CANONICAL_EMOTIONS.filter((e) => d.probs[e] >= 0.01)
      .sort((a, b) => d.probs[b] - d.probs[a])
      .map((e) => `${EMOTION_GLYPHS[e]} ${names[e]} ${Math.round(d.probs[e] * 100)}%`)
  ]

  return (
    <section aria-labelledby="year-pixels-title">
      <h2 id="year-pixels-title" className={styles.title}>
        {t('trends.year', { year })}
      </h2>
      <div className={styles.chart} data-testid="year-pixels" data-year={year} data-days={days.length} role="img" aria-label={description}>
        <svg
          className={styles.svg}
          viewBox={`0 0 ${grid.width} ${grid.height}`}
          onMouseLeave={() => setHovered(null)}
          onClick={(event) => {
            const date = (event.target as Element).getAttribute('data-date')
            if (date && byDate.has(date)) onOpen(date)
          }}
        >
          {grid.months.map((m) => (
            <text key={m.month} x={GRID_LEFT + m.week * CELL} y={GRID_TOP - 8} fill={theme.muted} className={styles.axis}>
              {labels.months[m.month]}
            </text>
          ))}
          {labels.days.map((name, row) => (
            <text key={row} x={GRID_LEFT - 6} y={GRID_TOP + row * CELL + CELL * 0.7} fill={theme.muted} textAnchor="end" className={styles.axis}>
              {name}
            </text>
          ))}
          {grid.cells.map((cell) => {
            const day = byDate.get(cell.date)
            const x = GRID_LEFT + cell.week * CELL
            const y = GRID_TOP + cell.weekday * CELL
            const fill = day ? theme.color(day.dominant) : 'transparent'
            return (
              <g key={cell.date}>
                <path
                  d={`M${x} ${y}h${CELL}v${CELL}h${-CELL}Z`}
                  fill={fill}
                  stroke={theme.line}
                  data-date={cell.date}
                  className={day ? styles.day : undefined}
                  onMouseEnter={day ? () => setHovered({ day, x: x + CELL, y: y + CELL }) : () => setHovered(null)}
                />
                {day && (
                  <text x={x + CELL / 2} y={y + CELL * 0.72} fill={inkOn(fill)} textAnchor="middle" className={styles.glyph} data-date={cell.date}>
                    {EMOTION_GLYPHS[day.dominant]}
                  </text>
                )}
              </g>
            )
          })}
        </svg>
        {hovered && (
          <div
            className={`${styles.tooltip} ${hovered.x > grid.width * 0.7 ? styles.flipped : ''}`}
            style={{ left: `${(hovered.x / grid.width) * 100}%`, top: `${(hovered.y / grid.height) * 100}%` }}
          >
            {tooltipLines(hovered.day).map((line) => (
              <div key={line}>{line}</div>
            ))}
          </div>
        )}
      </div>
      <p className={styles.description}>{description}</p>
    </section>
  )
}
