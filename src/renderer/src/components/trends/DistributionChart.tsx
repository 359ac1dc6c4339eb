import { useMemo } from 'react'
import type { TrendSummary } from '../../../../shared/api/trends-schemas'
import { CANONICAL_EMOTIONS } from '../../../../shared/emotions'
import { enumerateBuckets } from '../../../../shared/trends/date-ranges'
import { EMOTION_LABELS } from '../../../../shared/trends/emotion-style'
import { useI18n } from '../../i18n/I18nProvider'
import { BucketTable } from './BucketTable'
import { EChart } from './EChart'
import type { EChartsOption } from './echarts'
import { EMOTION_DECALS, emotionAxisTooltip, useChartTheme } from './chart-style'
import { bucketLabel } from './labels'
import styles from './DistributionChart.module.css'

/** How many days each emotion was the day's strongest, per week or month, stacked. */
export function DistributionChart({ summary }: { summary: TrendSummary }) {
  const { t, locale, formatDate } = useI18n()
  const theme = useChartTheme()
  const names = EMOTION_LABELS[locale]
  const starts = useMemo(() => enumerateBuckets(summary, summary.bucket, 400), [summary])
  const byStart = useMemo(() => new Map(summary.buckets.map((b) => [b.start, b])), [summary])

  const option = useMemo<EChartsOption>(
    () => ({
      backgroundColor: 'transparent',
      textStyle: { color: theme.ink },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: emotionAxisTooltip((v) => t('trends.daysValue', { count: v })) },
      legend: { top: 0, textStyle: { color: theme.ink }, itemWidth: 18, itemHeight: 12 },
      grid: { left: 36, right: 12, top: 56, bottom: 28 },
      xAxis: {
        type: 'category',
        data: starts.map((s) => bucketLabel(s, summary.bucket, locale)),
        axisLabel: { color: theme.muted },
        axisLine: { lineStyle: { color: theme.line } }
      },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { color: theme.muted }, splitLine: { lineStyle: { color: theme.line } } },
      series: CANONICAL_EMOTIONS.map((e) => ({
        type: 'bar',
        name: names[e],
        stack: 'days',
        itemStyle: { color: theme.color(e), decal: EMOTION_DECALS[e] },
        emphasis: { focus: 'series' },
        data: starts.map((s) => byStart.get(s)?.counts[e] ?? 0)
      }))
    }) as EChartsOption,
    [starts, byStart, summary.bucket, theme, names, locale, t]
  )

  const description = t('trends.distributionDescription', {
    from: formatDate(summary.from),
    to: formatDate(summary.to),
    days: summary.totals.days,
    mix: CANONICAL_EMOTIONS.filter((e) => summary.totals.counts[e] > 0)
      .map((e) => `${names[e]} ${summary.totals.counts[e]}`)
      .join(', ')
  })

  return (
    <figure className={styles.figure}>
      <EChart
        option={option}
        label={description}
        height={300}
        testId="distribution-chart"
        data={{ from: summary.from, to: summary.to, bucket: summary.bucket, buckets: starts.length, days: summary.totals.days }}
      />
      <BucketTable summary={summary} cell={(b, e) => b.counts[e]} />
    </figure>
  )
}
