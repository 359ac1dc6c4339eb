import type { CanonicalEmotion } from '../../../../shared/emotions'
import { EMOTION_LABELS } from '../../../../shared/trends/emotion-style'
import { useI18n } from '../../i18n/I18nProvider'
import styles from './DayEmotionTag.module.css'
import { EmotionIcon } from './EmotionIcon'

/** A day's (or a reading's) emotion, shown the same way everywhere: icon, name and share. */
export function DayEmotionTag({ emotion, share }: { emotion: CanonicalEmotion; share?: number | null }) {
  const { locale } = useI18n()
  return (
    <span className={styles.tag} data-emotion={emotion}>
      <EmotionIcon emotion={emotion} />
      {EMOTION_LABELS[locale][emotion]}
      {share !== undefined && share !== null && ` ${Math.round(share * 100)}%`}
    </span>
  )
}
