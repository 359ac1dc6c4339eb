import { useEffect, useId, useRef } from 'react'
import { CANONICAL_EMOTIONS, type CanonicalEmotion } from '../../../../shared/emotions'
import { EMOTION_LABELS } from '../../../../shared/trends/emotion-style'
import { useI18n } from '../../i18n/I18nProvider'
import { EmotionIcon } from '../emotion/EmotionIcon'
import styles from './EmotionPicker.module.css'

/** The six emotions, then NEUTRAL as "감정 없음": a correction says the sentence carries no feeling. */
const ORDER: readonly CanonicalEmotion[] = [...CANONICAL_EMOTIONS.filter((e) => e !== 'NEUTRAL'), 'NEUTRAL']

/**
 * Choosing the right emotion for a reading: a small group of buttons that takes the focus when it
 * opens (the current answer first in line), closes with Escape or "닫기" and gives the focus back.
 */
export function EmotionPicker({
  question,
  current,
  busy,
  onPick,
  onClose
}: {
  question: string
  current: CanonicalEmotion | null
  busy: boolean
  onPick(emotion: CanonicalEmotion): void
  onClose(): void
}) {
  const { t, locale } = useI18n()
  const id = useId()
  const first = useRef<HTMLButtonElement>(null)
  useEffect(() => first.current?.focus(), [])
  return (
    <div
      className={styles.picker}
      role="group"
      aria-labelledby={id}
      data-testid="emotion-picker"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation()
          onClose()
        }
      }}
    >
      <p id={id} className={styles.question}>
        {question}
      </p>
      <div className={styles.options}>
        {ORDER.map((e, i) => (
          <button
            key={e}
            ref={i === 0 ? first : undefined}
            type="button"
            className={styles.option}
            aria-pressed={current === e}
            disabled={busy}
            data-emotion={e}
            onClick={() => onPick(e)}
          >
            <EmotionIcon emotion={e} /> {e === 'NEUTRAL' ? t('correct.none') : EMOTION_LABELS[locale][e]}
          </button>
        ))}
        <button type="button" className={styles.close} onClick={onClose}>
          {t('correct.cancel')}
        </button>
      </div>
    </div>
  )
}
