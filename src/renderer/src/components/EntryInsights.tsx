import type { EntryTextAnalysis } from '../../../shared/api/analysis-schemas'
import { CANONICAL_EMOTIONS } from '../../../shared/emotions'
import { EMOTION_LABELS, emotionColor } from '../../../shared/trends/emotion-style'
import { useColorScheme } from '../hooks/useColorScheme'
import type { AnalysisState } from '../hooks/useEntryAnalysis'
import { useI18n } from '../i18n/I18nProvider'
import { ui } from '../ui/ui'
import { CorrectableSentences } from './corrections/CorrectableSentences'
import { EmotionIcon } from './emotion/EmotionIcon'
import styles from './EntryInsights.module.css'
import { ErrorNotice } from './ErrorNotice'

interface Props {
  analysis: EntryTextAnalysis | null
  state: AnalysisState
  error: unknown
  onAnalyze(): void
  /** The writer corrected (or un-corrected) a sentence: the reading as restated by the service. */
  onCorrected(next: EntryTextAnalysis): void
}

/** What the entry's own words say: their emotion mix and the sentences highlighted by emotion (each one correctable); colours always come with icon and name. */
export function EntryInsights({ analysis, state, error, onAnalyze, onCorrected }: Props) {
  const { t, locale } = useI18n()
  const scheme = useColorScheme()
  const names = EMOTION_LABELS[locale]
  const busy = state === 'waiting' || state === 'running'
  const shares = analysis ? CANONICAL_EMOTIONS.map((e) => ({ e, share: analysis.mix[e] })).filter((s) => s.share >= 0.005) : []

  return (
    <section className={styles.insights} aria-labelledby="insights-heading" data-testid="entry-insights" data-state={state}>
      <div className={styles.head}>
        <h3 id="insights-heading" className={styles.title}>
          {t('insights.title')}
        </h3>
        <span className={ui.mutedSmall} role="status" aria-live="polite">
          {busy ? t('insights.running') : analysis?.stale && state !== 'error' ? t('insights.stale') : ''}
        </span>
        {!busy && (
          <button type="button" className={ui.link} onClick={onAnalyze}>
            {analysis ? t('insights.again') : t('insights.analyze')}
          </button>
        )}
      </div>
      {state === 'error' && <ErrorNotice error={error} action={t('insights.failed')} after={t('insights.safe')} />}
      {!analysis && !busy && <p className={ui.muted}>{t('insights.none')}</p>}
      {analysis && (
        <>
          <div className={styles.bar} role="img" aria-label={shares.map((s) => `${names[s.e]} ${Math.round(s.share * 100)}%`).join(', ')}>
            {shares.map(({ e, share }) => (
              <span key={e} className={styles.segment} style={{ width: `${share * 100}%`, backgroundColor: emotionColor(e, scheme) }} />
            ))}
          </div>
          <ul className={styles.legend} data-testid="emotion-mix">
            {shares
              .sort((a, b) => b.share - a.share)
              .map(({ e, share }) => (
                <li key={e} data-emotion={e} data-share={share.toFixed(4)}>
                  <EmotionIcon emotion={e} /> {names[e]} <strong>{Math.round(share * 100)}%</strong>
                </li>
              ))}
          </ul>
          <CorrectableSentences analysis={analysis} onChange={onCorrected} />
        </>
      )}
    </section>
  )
}
