import { useEffect, useId, useRef, useState } from 'react'
import { CANONICAL_EMOTIONS, type CanonicalEmotion } from '../../../../shared/emotions'
import { MOOD_INTENSITY_MAX, MOOD_INTENSITY_MIN, MOOD_VOCABULARY } from '../../../../shared/moods/vocabulary'
import { EMOTION_LABELS } from '../../../../shared/trends/emotion-style'
import { haruApi } from '../../api'
import { EmotionIcon } from '../../components/emotion/EmotionIcon'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useI18n } from '../../i18n/I18nProvider'
import { cx, ui } from '../../ui/ui'
import styles from './MoodCheckIn.module.css'

/** What the check-in says, as shown: it follows each tap at once, and the saves follow in order. */
interface Choice {
  emotion: CanonicalEmotion
  word: string | null
  intensity: number | null
}

const INTENSITIES = Array.from({ length: MOOD_INTENSITY_MAX - MOOD_INTENSITY_MIN + 1 }, (_, i) => MOOD_INTENSITY_MIN + i)

/**
 * The day's check-in (issue 12): one tap on an emotion records it; a closer word under it and an
 * intensity are optional, and everything can be changed or cleared. The emotions are a radio group
 * (arrow keys move and choose, as in any radio group), words and intensity are toggle buttons.
 * Every change is shown at once and stored in the order made (a quick run of arrow keys ends on
 * the last emotion chosen); `onChanged` lets the day figure read again.
 */
export function MoodCheckIn({ profileId, date, onChanged }: { profileId: number; date: string; onChanged(): void }) {
  const { t, locale } = useI18n()
  const id = useId()
  const [mood, setMood] = useState<Choice | null>(null)
  const [status, setStatus] = useState<'idle' | 'saved' | 'cleared'>('idle')
  const [error, setError] = useState<unknown>(null)
  const saves = useRef<Promise<void>>(Promise.resolve())

  const load = () =>
    haruApi()
      .moods.get({ profileId, date })
      .then((m) => setMood(m && { emotion: m.emotion, word: m.word, intensity: m.intensity }))
  useEffect(() => {
    let live = true
    setMood(null)
    setStatus('idle')
    haruApi()
      .moods.get({ profileId, date })
      .then((m) => live && setMood(m && { emotion: m.emotion, word: m.word, intensity: m.intensity }))
      .catch((err) => live && setError(err))
    return () => {
      live = false
    }
  }, [profileId, date])

  /** Shows `next` now and stores it after the saves before it; a refusal shows what is stored. */
  const store = (next: Choice | null) => {
    setMood(next)
    setError(null)
    saves.current = saves.current.then(async () => {
      try {
        if (next) await haruApi().moods.set({ profileId, date, ...next })
        else await haruApi().moods.clear({ profileId, date })
        setStatus(next ? 'saved' : 'cleared')
        onChanged()
      } catch (err) {
        setError(err)
        await load().catch(() => undefined)
      }
    })
  }
  const save = (next: Choice) => store(next)
  const clear = () => store(null)

  return (
    <section className={cx(ui.card, styles.checkIn)} aria-labelledby={`${id}-title`} data-testid="mood-check-in" data-emotion={mood?.emotion ?? ''}>
      <h2 id={`${id}-title`} className={ui.heading}>
        {t('mood.title')}
      </h2>
      <p className={ui.mutedSmall}>{t('mood.help')}</p>
      <fieldset className={styles.group}>
        <legend className={ui.visuallyHidden}>{t('mood.emotions')}</legend>
        <div className={styles.chips}>
          {CANONICAL_EMOTIONS.map((e) => (
            <label key={e} className={styles.chip} data-emotion={e}>
              <input
                type="radio"
                className={styles.radio}
                name={`${id}-emotion`}
                value={e}
                checked={mood?.emotion === e}
                onChange={() => save({ emotion: e, word: null, intensity: mood?.intensity ?? null })}
              />
              <EmotionIcon emotion={e} /> {EMOTION_LABELS[locale][e]}
            </label>
          ))}
        </div>
      </fieldset>
      {mood && (
        <>
          <div className={styles.group} role="group" aria-label={t('mood.words')}>
            <span className={ui.mutedSmall}>{t('mood.words')}</span>
            <div className={styles.chips}>
              {MOOD_VOCABULARY[mood.emotion].map((w) => (
                <button
                  key={w.word}
                  type="button"
                  className={styles.word}
                  aria-pressed={mood.word === w.word}
                  lang="ko"
                  title={w.en}
                  onClick={() => save({ emotion: mood.emotion, word: mood.word === w.word ? null : w.word, intensity: mood.intensity })}
                >
                  {w.word}
                  {locale === 'en' && <span className={styles.gloss} lang="en"> · {w.en}</span>}
                </button>
              ))}
            </div>
          </div>
          <div className={styles.group} role="group" aria-label={t('mood.intensity')}>
            <span className={ui.mutedSmall}>
              {t('mood.intensity')} <span aria-hidden="true">({t('mood.intensityLow')} → {t('mood.intensityHigh')})</span>
            </span>
            <div className={styles.chips}>
              {INTENSITIES.map((n) => (
                <button
                  key={n}
                  type="button"
                  className={styles.level}
                  aria-pressed={mood.intensity === n}
                  onClick={() => save({ emotion: mood.emotion, word: mood.word, intensity: mood.intensity === n ? null : n })}
                >
                  {t('mood.intensityValue', { value: n })}
                </button>
              ))}
            </div>
          </div>
          <div className={ui.actions}>
            <button type="button" className={ui.link} onClick={clear}>
              {t('mood.clear')}
            </button>
          </div>
        </>
      )}
      <p className={ui.mutedSmall} role="status" aria-live="polite" data-testid="mood-status">
        {status === 'saved' ? t('mood.saved') : status === 'cleared' ? t('mood.cleared') : ''}
      </p>
      <ErrorNotice error={error} action={t('mood.failed')} />
    </section>
  )
}
