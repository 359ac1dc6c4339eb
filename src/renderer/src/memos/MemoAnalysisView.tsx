import { MEMO_NOTES, type MemoNote } from '../../../shared/analysis/memo-notes'
import type { MemoAnalysis } from '../../../shared/api/memos-schemas'
import { dominantEmotion, type CanonicalDistribution } from '../../../shared/emotions'
import { EMOTION_LABELS } from '../../../shared/trends/emotion-style'
import { DayEmotionTag } from '../components/emotion/DayEmotionTag'
import { useI18n } from '../i18n/I18nProvider'
import type { MessageKey } from '../i18n/messages'
import { cx, ui } from '../ui/ui'
import styles from './MemoAnalysisView.module.css'
import { MemoCorrection } from './MemoCorrection'
import { WordsVoiceCompare } from './WordsVoiceCompare'
import { UncertainVoice, VoiceReadingNote, voiceIsConfident } from './VoiceReadingNote'

const PARTS: { key: 'text' | 'voice' | 'fused'; label: MessageKey }[] = [
  { key: 'text', label: 'memo.words' },
  { key: 'voice', label: 'memo.voice' },
  { key: 'fused', label: 'memo.fused' }
]

const Top = ({ dist }: { dist: CanonicalDistribution }) => <DayEmotionTag emotion={dominantEmotion(dist)} share={dist[dominantEmotion(dist)]} />
const pct = (v: number) => Math.round(v * 100)

/**
 * Words, voice and their fusion side by side. When words and voice disagree, the note names the
 * emotion with both figures, and both distributions are shown in full beside it.
 */
export function MemoAnalysisView({ analysis, onCorrected }: { analysis: MemoAnalysis; onCorrected?(next: MemoAnalysis): void }) {
  const { t, locale } = useI18n()
  const gap = analysis.disagreement
  // Corrected by the writer: the readings below are what the models said (the writer's emotion is above them).
  const corrected = Boolean(analysis.correction)
  return (
    <div className={styles.analysis} data-testid="memo-analysis">
      {onCorrected && <MemoCorrection analysis={analysis} onChange={onCorrected} />}
      {corrected && <p className={ui.mutedSmall}>{t('correct.memoReadings')}</p>}
      <dl className={styles.parts}>
        {PARTS.map(({ key, label }) => {
          const part = analysis[key]
          return (
            <div key={key} data-part={key}>
              <dt className={ui.mutedSmall}>{t(label)}</dt>
              <dd>
                {!part ? (
                  <span className={ui.muted}>—</span>
                ) : key === 'voice' && analysis.voice?.voiceReading && !voiceIsConfident(analysis.voice) ? (
                  <UncertainVoice reading={analysis.voice.voiceReading} />
                ) : (
                  <Top dist={part.reading ?? part.canonical} />
                )}
              </dd>
              {key === 'voice' && analysis.voice && <VoiceReadingNote voice={analysis.voice} fusedWithVoice={analysis.fusedWithVoice} />}
            </div>
          )
        })}
      </dl>
      {gap && analysis.text && analysis.voice && voiceIsConfident(analysis.voice) && (
        <>
          <p className={ui.notice} data-testid="memo-disagreement">
            {t('memo.disagree', {
              emotion: EMOTION_LABELS[locale][gap.emotion],
              words: pct((analysis.text.reading ?? analysis.text.canonical)[gap.emotion]),
              voice: pct((analysis.voice.reading ?? analysis.voice.canonical)[gap.emotion]),
              gap: pct(gap.gap)
            })}
          </p>
          <WordsVoiceCompare words={analysis.text.reading ?? analysis.text.canonical} voice={analysis.voice.reading ?? analysis.voice.canonical} highlight={gap.emotion} />
        </>
      )}
      {analysis.notes.map((n) => {
        const known = (Object.keys(MEMO_NOTES) as MemoNote[]).find((k) => MEMO_NOTES[k] === n)
        return known ? (
          <p key={n} className={ui.mutedSmall}>
            {t(`memo.note.${known}`)}
          </p>
        ) : (
          // Anything else (a part that failed, a model that stood in for another) comes with the
          // service's own sentence: said in the UI's language here, the sentence folded under 자세히.
          <details key={n} className={cx(ui.mutedSmall, styles.note)}>
            <summary>{t('memo.otherNote')}</summary>
            {n}
          </details>
        )
      })}
    </div>
  )
}
