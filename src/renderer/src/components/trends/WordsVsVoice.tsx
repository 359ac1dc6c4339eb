import type { Disagreement } from '../../../../shared/api/trends-schemas'
import { useI18n } from '../../i18n/I18nProvider'
import { ui } from '../../ui/ui'
import { DayEmotionTag } from '../emotion/DayEmotionTag'

const pct = (v: number) => `${Math.round(v * 100)}%`

/** Days with both a text and a voice analysis, where the two readings differed most. */
export function WordsVsVoice({ days, onOpen }: { days: Disagreement[]; onOpen(date: string): void }) {
  const { t, formatDate } = useI18n()
  const side = (s: Disagreement['text']) => <DayEmotionTag emotion={s.dominant} share={s.probs[s.dominant]} />
  return (
    <section aria-labelledby="wvv-title" data-testid="words-vs-voice">
      <h2 id="wvv-title" className={ui.heading}>
        {t('trends.wordsVsVoice')}
      </h2>
      <p className={ui.mutedSmall}>{t('trends.wordsVsVoice.help')}</p>
      {days.length === 0 ? (
        <p className={ui.muted}>{t('trends.wordsVsVoice.none')}</p>
      ) : (
        <table className={ui.plainTable}>
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
                  <button type="button" className={ui.link} onClick={() => onOpen(d.date)}>
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
