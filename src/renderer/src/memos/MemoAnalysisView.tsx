import type { MemoAnalysis } from '../../../shared/api/memos-schemas'
import { dominantEmotion, type CanonicalDistribution } from '../../../shared/emotions'
import { EMOTION_ICONS, EMOTION_LABELS } from '../../../shared/trends/emotion-style'
import { useI18n } from '../i18n/I18nProvider'
import type { MessageKey } from '../i18n/messages'

const PARTS: { key: 'text' | 'voice' | 'fused'; label: MessageKey }[] = [
  { key: 'text', label: 'memo.words' },
  { key: 'voice', label: 'memo.voice' },
  { key: 'fused', label: 'memo.fused' }
]

function Top({ dist }: { dist: CanonicalDistribution }) {
  const { locale } = useI18n()
  const e = dominantEmotion(dist)
  return (
    <span data-emotion={e}>
      {EMOTION_ICONS[e]} {EMOTION_LABELS[locale][e]} {Math.round(dist[e] * 100)}%
    </span>
  )
}

/** Words, voice and their fusion side by side, with a call-out when words and voice disagree. */
export function MemoAnalysisView({ analysis }: { analysis: MemoAnalysis }) {
  const { t, locale } = useI18n()
  return (
    <div className="memo-analysis" data-testid="memo-analysis">
      <dl className="memo-parts">
        {PARTS.map(({ key, label }) => {
          const part = analysis[key]
          return (
            <div key={key} data-part={key}>
              <dt>{t(label)}</dt>
              <dd>{part ? <Top dist={part.canonical} /> : <span className="muted">—</span>}</dd>
              {key === 'voice' && analysis.voice && (
                <dd className="muted small" data-testid="memo-baseline" data-baseline-id={analysis.voice.baselineId ?? 'default'}>
                  {analysis.voice.baselineId === null ? t('memo.baselineDefault') : t('memo.baselineCalibrated', { id: analysis.voice.baselineId })}
                </dd>
              )}
            </div>
          )
        })}
      </dl>
      {analysis.disagreement && (
        <p className="notice" data-testid="memo-disagreement">
          {t('memo.disagree', { emotion: EMOTION_LABELS[locale][analysis.disagreement.emotion], gap: Math.round(analysis.disagreement.gap * 100) })}
        </p>
      )}
      {analysis.notes.map((n) => (
        <p key={n} className="muted small">
          {n}
        </p>
      ))}
    </div>
  )
}
