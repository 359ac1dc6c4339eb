import { CANONICAL_EMOTIONS } from '../../../../shared/emotions'
import { EMOTION_GLYPHS, EMOTION_ICONS, EMOTION_LABELS } from '../../../../shared/trends/emotion-style'
import { useI18n } from '../../i18n/I18nProvider'
import { useChartTheme } from './chart-style'

/** Colour, icon, mark and name of every emotion: the key to all the trend views. */
export function EmotionLegend() {
  const { t, locale } = useI18n()
  const theme = useChartTheme()
  return (
    <ul className="emotion-legend" aria-label={t('trends.legend')}>
      {CANONICAL_EMOTIONS.map((e) => (
        <li key={e}>
          <span className="legend-swatch" style={{ backgroundColor: theme.color(e) }} aria-hidden="true">
            {EMOTION_GLYPHS[e]}
          </span>
          <span aria-hidden="true">{EMOTION_ICONS[e]}</span> {EMOTION_LABELS[locale][e]}
        </li>
      ))}
    </ul>
  )
}
