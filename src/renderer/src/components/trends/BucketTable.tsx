import type { ReactNode } from 'react'
import type { TrendSummary } from '../../../../shared/api/trends-schemas'
import { CANONICAL_EMOTIONS, type CanonicalEmotion } from '../../../../shared/emotions'
import { EMOTION_LABELS } from '../../../../shared/trends/emotion-style'
import { EmotionIcon } from '../emotion/EmotionIcon'
import styles from './BucketTable.module.css'
import { useI18n } from '../../i18n/I18nProvider'
import { bucketLabel } from './labels'

type Bucket = TrendSummary['buckets'][number]

/** A chart's "show as table" twin: one row per period, one column per emotion. */
export function BucketTable({ summary, cell }: { summary: TrendSummary; cell(bucket: Bucket, emotion: CanonicalEmotion): ReactNode }) {
  const { t, locale } = useI18n()
  const names = EMOTION_LABELS[locale]
  return (
    <details className={styles.table}>
      <summary>{t('trends.table')}</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('trends.period')}</th>
            {CANONICAL_EMOTIONS.map((e) => (
              <th key={e} scope="col">
                <EmotionIcon emotion={e} /> {names[e]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {summary.buckets.map((b) => (
            <tr key={b.start} data-bucket={b.start}>
              <th scope="row">{bucketLabel(b.start, summary.bucket, locale)}</th>
              {CANONICAL_EMOTIONS.map((e) => (
                <td key={e}>{cell(b, e)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  )
}
