import { useMemo } from 'react'
import type { TrendSummary } from '../../../../shared/api/trends-schemas'
import { CANONICAL_EMOTIONS } from '../../../../shared/emotions'
import { enumerateBuckets } from '../../../../shared/trends/date-ranges'
import { EMOTION_LABELS } from '../../../../shared/trends/emotion-style'
import { useI18n } from '../../i18n/I18nProvider'
import { BucketTable } from './BucketTable'
import { EChart } from './EChart'
import type { EChartsOption } from './echarts'
import { EMOTION_SYMBOLS, emotionAxisTooltip, useChartTheme } from './chart-style'
import { bucketLabel } from './labels'
import styles from './EmotionLines.module.css'

const pct = (v: number) => Math.round(v * 1000) / 10

/** One line per emotion: its average share per day, week or month over the range (gaps where nothing was analysed). */
export function EmotionLines({ summary }: { summary: TrendSummary }) {
  const { t, locale, formatDate } = useI18n()
  const theme = useChartTheme()
  const names = EMOTION_LABELS[locale]
  const starts = useMemo(() => enumerateBuckets(summary, summary.bucket, 800), [summary])
  const byStart = useMemo(() => new Map(summary.buckets.map((b) => [b.start, b])), [summary])

  const option = useMemo<EChartsOption>(
    () => ({
      backgroundColor: 'transparent',
      textStyle: { color: theme.ink },
      tooltip: { trigger: 'axis', formatter: emotionAxisTooltip((v) => `${v}%`) },
      legend: { top: 0, textStyle: { color: theme.ink } },
      grid: { left: 40, right: 12, top: 56, bottom: 28 },
      xAxis: { type: 'category', data: starts.map((s) => bucketLabel(s, summary.bucket, locale)), axisLabel: { color: theme.muted }, axisLine: { lineStyle: { color: theme.line } } },
      yAxis: { type: 'value', max: 100, axisLabel: { color: theme.muted, formatter: '{value}%' }, splitLine: { lineStyle: { color: theme.line } } },
      series: CANONICAL_EMOTIONS.map((e) => ({
        type: 'line',
        name: names[e],
        connectNulls: false,
        symbol: EMOTION_SYMBOLS[e].symbol,
        symbolSize: 7,
        itemStyle: { color: theme.color(e) },
        lineStyle: { color: theme.color(e), type: EMOTION_SYMBOLS[e].lineType, width: 2 },
        data: starts.map((s) => {
          const b = byStart.get(s)
          return b ? pct(b.mean[e]) : null
        })
      }))
    }) as EChartsOption,
    [starts, byStart, summary.bucket, theme, names, locale]
  )

  const top = [...CANONICAL_EMOTIONS].sort((a, b) => summary.totals.mean[b] - summary.totals.mean[a]).slice(0, 3)
  const description = t('trends.linesDescription', {
    from: formatDate(summary.from),
    to: formatDate(summary.to),
    top: summary.totals.days > 0 ? top.map((e) => `${names[e]} ${pct(summary.totals.mean[e])}%`).join(', ') : t('trends.emptyShort')
  })

  return (
    <figure className={styles.figure}>
      <EChart
        option={option}
        label={description}
        height={300}
        testId="emotion-lines"
        data={{ from: summary.from, to: summary.to, bucket: summary.bucket, points: starts.length, days: summary.totals.days }}
      />
      <BucketTable summary={summary} cell={(b, e) => `${pct(b.mean[e])}%`} />
    </figure>
  )
}
