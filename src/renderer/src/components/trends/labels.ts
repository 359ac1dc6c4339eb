import type { TrendBucket } from '../../../../shared/trends/date-ranges'

/** Short axis labels: `3/4` for a day or week (its Monday), `2026-03` for a month, `2026` for a year. */
export function bucketLabel(start: string, bucket: TrendBucket, locale: 'ko' | 'en'): string {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number]
  if (bucket === 'year') return String(y)
  if (bucket === 'month') return locale === 'ko' ? `${y}.${m}` : `${y}-${String(m).padStart(2, '0')}`
  return `${m}/${d}`
}
