import { useState } from 'react'
import type { EntryTextAnalysis } from '../../../../shared/api/analysis-schemas'
import { dominantEmotion, type CanonicalEmotion } from '../../../../shared/emotions'
import { EMOTION_LABELS, emotionColor } from '../../../../shared/trends/emotion-style'
import { haruApi } from '../../api'
import { useColorScheme } from '../../hooks/useColorScheme'
import { useI18n } from '../../i18n/I18nProvider'
import { ui } from '../../ui/ui'
import { EmotionIcon } from '../emotion/EmotionIcon'
import { ErrorNotice } from '../ErrorNotice'
import styles from './CorrectableSentences.module.css'
import { EmotionPicker } from './EmotionPicker'

type Sentence = EntryTextAnalysis['sentences'][number]

/**
 * The entry's sentences highlighted by emotion, each one a button that opens the emotion picker.
 * A corrected sentence shows the writer's emotion with a small "내가 고침" mark (the model's
 * reading in its title) and an undo button beside it. A sentence the model was unsure of (and the
 * writer has not corrected) gets no emotion colour: a neutral dashed outline, and "잘 모르겠어요"
 * with the model's best guess on hover or keyboard focus. Corrections go to the API, which answers
 * with the entry's reading restated; `onChange` hands it up.
 */
export function CorrectableSentences({ analysis, onChange }: { analysis: EntryTextAnalysis; onChange(next: EntryTextAnalysis): void }) {
  const { t, locale } = useI18n()
  const scheme = useColorScheme()
  const names = EMOTION_LABELS[locale]
  const [open, setOpen] = useState<number | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)

  const run = async (job: () => Promise<EntryTextAnalysis | null>) => {
    setBusy(true)
    setError(null)
    try {
      const next = await job()
      if (next) onChange(next)
      setOpen(null)
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }
  const correct = (s: Sentence, emotion: CanonicalEmotion) =>
    run(async () => (await haruApi().corrections.setSentence({ entryId: analysis.entryId, start: s.start, end: s.end, text: s.text, emotion })).analysis)
  const undo = (s: Sentence) => run(async () => (await haruApi().corrections.undo({ id: s.correctionId! })).entryAnalysis)
  const picked = open === null ? null : analysis.sentences[open]

  return (
    <>
      <p className={styles.highlighted} data-testid="highlighted-text">
        {analysis.sentences.map((s, i) => {
          const emotion = dominantEmotion(s.canonical)
          const color = emotionColor(emotion, scheme)
          const modelSaid = s.reading ? t('correct.modelSaid', { emotion: names[dominantEmotion(s.reading)] }) : names[emotion]
          // Not sure and not corrected: no emotion colour, a neutral outline and "잘 모르겠어요" (issue 10).
          const unsure = s.uncertain === true && s.correctionId === null
          const notSure = unsure ? t('insights.uncertain', { emotion: names[emotion] }) : null
          return (
            <span key={`${s.start}-${i}`} className={styles.item}>
              <mark
                className={unsure ? styles.uncertain : styles.sentence}
                data-testid="highlighted-sentence"
                data-emotion={emotion}
                data-corrected={s.correctionId !== null}
                {...(unsure ? { 'data-uncertain': 'true', tabIndex: -1, 'aria-label': `${notSure}: ${s.text}` } : {})}
                style={unsure ? undefined : { backgroundColor: `${color}33`, borderBottomColor: color }}
              >
                <button
                  type="button"
                  className={styles.sentenceButton}
                  aria-expanded={open === i}
                  aria-label={unsure ? `${notSure}. ${t('correct.open', { sentence: s.text })}` : t('correct.open', { sentence: s.text })}
                  title={unsure ? undefined : modelSaid}
                  onClick={() => setOpen(open === i ? null : i)}
                >
                  <span className={styles.sentenceIcon} role="img" aria-label={s.correctionId !== null && emotion === 'NEUTRAL' ? t('correct.none') : names[emotion]}>
                    {unsure ? '❔' : <EmotionIcon emotion={emotion} />}
                  </span>
                  {s.text}
                </button>
                {unsure && (
                  <span className={styles.notSure} role="tooltip" data-testid="uncertain-note">
                    {notSure}
                  </span>
                )}
              </mark>
              {s.correctionId !== null && (
                <span className={styles.mine} data-testid="corrected-mark" title={modelSaid}>
                  {t('correct.mine')}
                  <button type="button" className={styles.undo} disabled={busy} aria-label={t('correct.undoLabel', { sentence: s.text })} onClick={() => void undo(s)}>
                    ↺ {t('correct.undo')}
                  </button>
                </span>
              )}
            </span>
          )
        })}
      </p>
      {picked && (
        <EmotionPicker
          question={t('correct.question')}
          current={picked.correctionId !== null ? dominantEmotion(picked.canonical) : null}
          busy={busy}
          onPick={(e) => void correct(picked, e)}
          onClose={() => setOpen(null)}
        />
      )}
      <ErrorNotice error={error} action={t('correct.failed')} />
      <p className={ui.mutedSmall}>{analysis.adapterVersion !== null ? `${t('correct.help')} ${t('correct.adapted')}` : t('correct.help')}</p>
    </>
  )
}
