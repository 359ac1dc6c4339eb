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
 * reading in its title) and an undo button beside it. Corrections go to the API, which answers
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
          return (
            <span key={`${s.start}-${i}`} className={styles.item}>
              <mark
                className={styles.sentence}
                data-testid="highlighted-sentence"
                data-emotion={emotion}
                data-corrected={s.correctionId !== null}
                style={{ backgroundColor: `${color}33`, borderBottomColor: color }}
              >
                <button
                  type="button"
                  className={styles.sentenceButton}
                  aria-expanded={open === i}
                  aria-label={t('correct.open', { sentence: s.text })}
                  title={modelSaid}
                  onClick={() => setOpen(open === i ? null : i)}
                >
                  <span className={styles.sentenceIcon} role="img" aria-label={s.correctionId !== null && emotion === 'NEUTRAL' ? t('correct.none') : names[emotion]}>
                    <EmotionIcon emotion={emotion} />
                  </span>
                  {s.text}
                </button>
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
