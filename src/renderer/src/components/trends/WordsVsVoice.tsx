import type { Disagreement } from '../../../../shared/api/trends-schemas'
import { EMOTION_ICONS, EMOTION_LABELS } from '../../../../shared/trends/emotion-style'
import { useI18n } from '../../i18n/I18nProvider'
import { useChartTheme } from './chart-style'

const pct = (v: number) => `${Math.round(v * 100)}%`

/** Days with both a text and a voice analysis, where the two readings differed most. */
export function WordsVsVoice({ days, onOpen }: { days: Disagreement[]; onOpen(date: string): void }) {
  const { t, locale, formatDate } = useI18n()
  const theme = useChartTheme()
  const names = EMOTION_LABELS[locale]
  const side = (s: Disagreement['text']) => (
    <span className="emotion-chip">
      <span className="chip-dot" style={{ backgroundColor: theme.color(s.dominant) }} aria-hidden="true" />
      {EMOTION_ICONS[s.dominant]} {names[s.dominant]} {pct(s.probs[s.dominant])}
    </span>
  )
  return (
    <section className="words-vs-voice" aria-labelledby="wvv-title" data-testid="words-vs-voice">
      <h2 id="wvv-title">{t('trends.wordsVsVoice')}</h2>
      <p className="muted small">{t('trends.wordsVsVoice.help')}</p>
      {days.length === 0 ? (
        <p className="muted">{t('trends.wordsVsVoice.none')}</p>
      ) : (
        <table className="plain-table">
          <thead>
            <tr>
              <th scope="col">{t('trends.date')}</th>
              <th scope="col">{t('trends.words')}</th>
              <th scope="col">{t('trends.voice')}</th>
              <th scope="col">{t('trends.difference')}</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.date} data-date={d.date}>
                <th scope="row">
                  <button type="button" className="link" onClick={() => onOpen(d.date)}>
                    {formatDate(d.date)}
                  </button>
                </th>
                <td>{side(d.text)}</td>
                <td>{side(d.audio)}</td>
                <td>{pct(d.distance)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
