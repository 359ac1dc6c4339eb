import { CANONICAL_EMOTIONS } from '../../../../shared/emotions'
import { EMOTION_LABELS } from '../../../../shared/trends/emotion-style'
import { useI18n } from '../../i18n/I18nProvider'
import { EmotionIcon } from '../emotion/EmotionIcon'
import styles from './EmotionLegend.module.css'

/** Colour, mark and name of every emotion: the key to all the trend views. */
export function EmotionLegend() {
  const { t, locale } = useI18n()
  return (
    <ul className={styles.legend} aria-label={t('trends.legend')}>
      {CANONICAL_EMOTIONS.map((e) => (
        <li key={e}>
          <EmotionIcon emotion={e} className={styles.icon} /> {EMOTION_LABELS[locale][e]}
        </li>
      ))}
    </ul>
  )
}
