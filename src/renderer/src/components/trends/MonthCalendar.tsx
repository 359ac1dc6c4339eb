import { useMemo, useState } from 'react'
import type { TrendDay } from '../../../../shared/api/trends-schemas'
import { CANONICAL_EMOTIONS } from '../../../../shared/emotions'
import { monthGrid } from '../../../../shared/trends/date-ranges'
import { EMOTION_LABELS, inkOn } from '../../../../shared/trends/emotion-style'
import { useI18n } from '../../i18n/I18nProvider'
import { cx, ui } from '../../ui/ui'
import { EmotionIcon } from '../emotion/EmotionIcon'
import { useChartTheme } from './chart-style'
import styles from './MonthCalendar.module.css'

interface Props {
  month: string
  days: TrendDay[]
  today: string
  onMonthChange(month: string): void
  onOpen(date: string): void
  prevMonth: string
  nextMonth: string
}

const pct = (v: number) => `${Math.round(v * 100)}%`

/**
 * The month at a glance: one cell per day with the dominant emotion's colour, icon and name, and
 * the full mix shown for the day under the pointer or keyboard focus. Built from buttons in a
 * table rather than drawn, so every day is reachable by keyboard and read out whole.
 */
export function MonthCalendar({ month, days, today, onMonthChange, onOpen, prevMonth, nextMonth }: Props) {
  const { t, locale, formatDate } = useI18n()
  const theme = useChartTheme()
  const [active, setActive] = useState<string | null>(null)
  const byDate = useMemo(() => new Map(days.map((d) => [d.date, d])), [days])
  const names = EMOTION_LABELS[locale]
  const weekdays = useMemo(() => {
    const f = new Intl.DateTimeFormat(locale === 'ko' ? 'ko-KR' : 'en-US', { weekday: 'short', timeZone: 'UTC' })
    return Array.from({ length: 7 }, (_, i) => f.format(new Date(Date.UTC(2026, 2, 1 + i))))
  }, [locale])
  const [y, m] = month.split('-').map(Number) as [number, number]
  const title = new Intl.DateTimeFormat(locale === 'ko' ? 'ko-KR' : 'en-US', { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 1)))
  const mixText = (d: TrendDay) =>
    CANONICAL_EMOTIONS.map((e) => ({ e, p: d.probs[e] }))
      .sort((a, b) => b.p - a.p)
      .filter((x) => x.p >= 0.01)
      .map((x) => `${names[x.e]} ${pct(x.p)}`)
      .join(', ')
  const shown = active ? byDate.get(active) : undefined

  return (
    <section data-testid="month-calendar" data-month={month} aria-labelledby="month-calendar-title">
      <div className={styles.nav}>
        <button type="button" className={ui.iconButton} onClick={() => onMonthChange(prevMonth)} aria-label={t('trends.prevMonth')}>
          ‹
        </button>
        <h2 id="month-calendar-title" className={styles.title}>
          {title}
        </h2>
        <button type="button" className={ui.iconButton} onClick={() => onMonthChange(nextMonth)} aria-label={t('trends.nextMonth')} disabled={`${nextMonth}-01` > today}>
          ›
        </button>
      </div>
      <table className={styles.grid} onMouseLeave={() => setActive(null)}>
        <thead>
          <tr>
            {weekdays.map((w) => (
              <th key={w} scope="col">
                {w}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthGrid(month).map((week, i) => (
            <tr key={i}>
              {week.map((date, j) => {
                if (!date) return <td key={j} />
                const day = byDate.get(date)
                const label = `${formatDate(date)}: ${day ? mixText(day) : t('trends.noAnalysis')}`
                const fill = day ? theme.color(day.dominant) : undefined
                return (
                  <td key={j}>
                    <button
                      type="button"
                      className={cx(styles.day, day && styles.analysed, date === today && styles.today)}
                      data-date={date}
                      data-dominant={day?.dominant ?? ''}
                      aria-label={label}
                      style={fill ? { backgroundColor: fill, color: inkOn(fill) } : undefined}
                      onMouseEnter={() => setActive(date)}
                      onFocus={() => setActive(date)}
                      onBlur={() => setActive(null)}
                      onClick={() => onOpen(date)}
                      disabled={date > today}
                    >
                      <span className={styles.number}>{Number(date.slice(8))}</span>
                      {day && (
                        <span className={styles.emotion} aria-hidden="true">
                          <EmotionIcon emotion={day.dominant} className={styles.icon} />
                          <span className={styles.name}>{names[day.dominant]}</span>
                        </span>
                      )}
                    </button>
                  </td>
                )
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <div className={styles.mix} aria-hidden="true" data-testid="day-mix">
        {shown ? (
          <>
            <strong>{formatDate(shown.date)}</strong>
            <div className={styles.bars}>
              {CANONICAL_EMOTIONS.filter((e) => shown.probs[e] >= 0.01)
                .sort((a, b) => shown.probs[b] - shown.probs[a])
                .map((e) => (
                  <div key={e} className={styles.row} data-emotion={e}>
                    <span>
                      <EmotionIcon emotion={e} /> {names[e]}
                    </span>
                    <span className={styles.track}>
                      <span className={styles.fill} style={{ width: pct(shown.probs[e]), backgroundColor: theme.color(e) }} />
                    </span>
                    <span className={styles.pct}>{pct(shown.probs[e])}</span>
                  </div>
                ))}
            </div>
          </>
        ) : (
          <span className={ui.mutedSmall}>{active ? t('trends.noAnalysis') : t('trends.hoverHint')}</span>
        )}
      </div>
    </section>
  )
}
