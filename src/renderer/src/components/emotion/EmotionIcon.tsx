import type { ReactElement } from 'react'
import type { CanonicalEmotion } from '../../../../shared/emotions'
import { emotionColor, inkOn } from '../../../../shared/trends/emotion-style'
import { useColorScheme } from '../../hooks/useColorScheme'
import styles from './EmotionIcon.module.css'

/**
 * The app's own emotion icon: the emotion's colour with its mark (▲ ▼ ✕ ● ◆ ★ ■, the same marks the
 * charts draw), drawn as SVG so it never depends on a colour-emoji font. Decorative: it always
 * stands beside the emotion's name.
 */
const MARKS: Record<CanonicalEmotion, ReactElement> = {
  ANGRY: <path d="M8 3.4 L12.8 12 H3.2 Z" />,
  SAD: <path d="M3.2 4 H12.8 L8 12.6 Z" />,
  DISGUST: <path d="M4.6 4.6 L11.4 11.4 M11.4 4.6 L4.6 11.4" strokeWidth="2.4" strokeLinecap="round" fill="none" />,
  HAPPY: <circle cx="8" cy="8" r="4.3" />,
  FEAR: <path d="M8 2.8 L13.2 8 L8 13.2 L2.8 8 Z" />,
  SURPRISE: <path d="M8.00 3.00 L9.29 6.62 L13.14 6.73 L10.09 9.08 L11.17 12.77 L8.00 10.60 L4.83 12.77 L5.91 9.08 L2.86 6.73 L6.71 6.62 Z" />,
  NEUTRAL: <rect x="4.4" y="4.4" width="7.2" height="7.2" />
}

export function EmotionIcon({ emotion, className }: { emotion: CanonicalEmotion; className?: string }) {
  const scheme = useColorScheme()
  const fill = emotionColor(emotion, scheme)
  const ink = inkOn(fill)
  return (
    <svg className={className ? `${styles.icon} ${className}` : styles.icon} viewBox="0 0 16 16" aria-hidden="true" focusable="false" data-icon={emotion}>
      <rect width="16" height="16" rx="4" fill={fill} />
      <g fill={ink} stroke={ink}>
        {MARKS[emotion]}
      </g>
    </svg>
  )
}
