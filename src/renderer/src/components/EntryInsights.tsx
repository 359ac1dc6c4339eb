import type { EntryTextAnalysis } from '../../../shared/api/analysis-schemas'
import { CANONICAL_EMOTIONS, dominantEmotion } from '../../../shared/emotions'
import { EMOTION_ICONS, EMOTION_LABELS, emotionColor } from '../../../shared/trends/emotion-style'
import { useColorScheme } from '../hooks/useColorScheme'
import type { AnalysisState } from '../hooks/useEntryAnalysis'
import { useI18n } from '../i18n/I18nProvider'
import styles from './EntryInsights.module.css'

interface Props {
  analysis: EntryTextAnalysis | null
  state: AnalysisState
  error: string | null
  onAnalyze(): void
}

/**
 * The entry's emotion mix and its sentences highlighted by emotion; colours always come with icon
 * and name. A sentence the model was unsure of gets no emotion colour: a neutral outline, and
 * "잘 모르겠어요" (with the model's best guess) on hover or keyboard focus.
 */
export function EntryInsights({ analysis, state, error, onAnalyze }: Props) {
  const { t, locale } = useI18n()
  const scheme = useColorScheme()
  const names = EMOTION_LABELS[locale]
  const busy = state === 'waiting' || state === 'running'
  const shares = analysis ? CANONICAL_EMOTIONS.map((e) => ({ e, share: analysis.mix[e] })).filter((s) => s.share >= 0.005) : []

  return (
    <section className="insights" aria-labelledby="insights-heading" data-testid="entry-insights" data-state={state}>
      <div className="insights-head">
        <h2 id="insights-heading">{t('insights.title')}</h2>
        <span className="muted small" role="status" aria-live="polite">
          {busy ? t('insights.running') : state === 'error' ? t('insights.error', { message: error ?? '' }) : analysis?.stale ? t('insights.stale') : ''}
        </span>
        {!busy && (
          <button type="button" className="link" onClick={onAnalyze}>
            {analysis ? t('insights.again') : t('insights.analyze')}
          </button>
        )}
      </div>
      {!analysis && !busy && <p className="muted">{t('insights.none')}</p>}
      {analysis && (
        <>
          <div className="mix-bar" role="img" aria-label={shares.map((s) => `${names[s.e]} ${Math.round(s.share * 100)}%`).join(', ')}>
            {shares.map(({ e, share }) => (
              <span key={e} className="mix-segment" style={{ width: `${share * 100}%`, backgroundColor: emotionColor(e, scheme) }} />
            ))}
          </div>
          <ul className="mix-legend" data-testid="emotion-mix">
            {shares
              .sort((a, b) => b.share - a.share)
              .map(({ e, share }) => (
                <li key={e} data-emotion={e} data-share={share.toFixed(4)}>
                  <span className="swatch" style={{ backgroundColor: emotionColor(e, scheme) }} aria-hidden="true" />
                  {EMOTION_ICONS[e]} {names[e]} <strong>{Math.round(share * 100)}%</strong>
                </li>
              ))}
          </ul>
          <p className="highlighted" data-testid="highlighted-text">
            {analysis.sentences.map((s, i) => {
              const emotion = dominantEmotion(s.canonical)
              if (s.uncertain) {
                const notSure = t('insights.uncertain', { emotion: names[emotion] })
                return (
                  <mark
                    key={`${s.start}-${i}`}
                    className={styles.uncertain}
                    data-testid="highlighted-sentence"
                    data-emotion={emotion}
                    data-uncertain="true"
                    tabIndex={0}
                    aria-label={`${notSure}: ${s.text}`}
                  >
                    <span className="sentence-icon" aria-hidden="true">
                      ❔
                    </span>
                    {s.text}
                    <span className={styles.notSure} role="tooltip" data-testid="uncertain-note">
                      {notSure}
                    </span>
                  </mark>
                )
              }
              return (
                <mark
                  key={`${s.start}-${i}`}
                  className="sentence"
                  data-testid="highlighted-sentence"
                  data-emotion={emotion}
                  title={`${EMOTION_ICONS[emotion]} ${names[emotion]}`}
                  style={{ backgroundColor: `${emotionColor(emotion, scheme)}33`, borderBottomColor: emotionColor(emotion, scheme) }}
                >
                  <span className="sentence-icon" aria-label={names[emotion]}>
                    {EMOTION_ICONS[emotion]}
                  </span>
                  {s.text}
                </mark>
              )
            })}
          </p>
        </>
      )}
    </section>
  )
}
