import { CANONICAL_EMOTIONS, type CanonicalDistribution, type CanonicalEmotion } from '../../../shared/emotions'
import { EMOTION_LABELS } from '../../../shared/trends/emotion-style'
import { EmotionIcon } from '../components/emotion/EmotionIcon'
import { useChartTheme } from '../components/trends/chart-style'
import { useI18n } from '../i18n/I18nProvider'
import { cx } from '../ui/ui'
import styles from './WordsVoiceCompare.module.css'

const pct = (v: number) => `${Math.round(v * 100)}%`

/** Both readings of a memo, emotion by emotion: the words' share and the voice's, as figures and bars. */
export function WordsVoiceCompare({ words, voice, highlight }: { words: CanonicalDistribution; voice: CanonicalDistribution; highlight: CanonicalEmotion }) {
  const { t, locale } = useI18n()
  const theme = useChartTheme()
  const rows = CANONICAL_EMOTIONS.filter((e) => words[e] >= 0.005 || voice[e] >= 0.005 || e === highlight)
  return (
    <table className={styles.table} data-testid="memo-compare">
      <caption className={styles.caption}>{t('memo.compareCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('search.emotion')}</th>
          <th scope="col">{t('memo.words')}</th>
          <th scope="col">{t('memo.voice')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((e) => (
          <tr key={e} data-emotion={e} className={cx(e === highlight && styles.highlight)}>
            <th scope="row">
              <EmotionIcon emotion={e} /> {EMOTION_LABELS[locale][e]}
            </th>
            {[
              ['words', words[e]],
              ['voice', voice[e]]
            ].map(([side, value]) => (
              <td key={side as string} data-side={side}>
                <span className={styles.bar} style={{ width: `${(value as number) * 4}rem`, backgroundColor: theme.color(e) }} aria-hidden="true" />
                {pct(value as number)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
