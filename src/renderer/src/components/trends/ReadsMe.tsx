import { useEffect, useId, useState } from 'react'
import type { Agreement } from '../../../../shared/api/moods-schemas'
import { CANONICAL_EMOTIONS } from '../../../../shared/emotions'
import type { AnalysisSource } from '../../../../shared/trends/sources'
import { EMOTION_LABELS } from '../../../../shared/trends/emotion-style'
import { haruApi } from '../../api'
import { useI18n } from '../../i18n/I18nProvider'
import { ui } from '../../ui/ui'
import { EmotionIcon } from '../emotion/EmotionIcon'
import { ErrorNotice } from '../ErrorNotice'
import styles from './ReadsMe.module.css'

/** Fewer days than this say nothing about which reading to trust. */
const MIN_DAYS_FOR_ADVICE = 3
const percent = (a: Agreement) => (a.days ? Math.round((100 * a.agreeing) / a.days) : 0)

/**
 * "How well Haru reads me" (issue 12 item 4): over the chosen range, on the days with a check-in,
 * how often each reading's dominant emotion was the mood the writer chose, which reading suits
 * them best, and a small confusion table (only the emotions that occur) for one reading.
 */
export function ReadsMe({ profileId, from, to, tag }: { profileId: number; from: string; to: string; tag: string }) {
  const { t, locale } = useI18n()
  const id = useId()
  const [result, setResult] = useState<{ checkIns: number; sources: Agreement[] } | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [picked, setPicked] = useState<AnalysisSource | null>(null)

  useEffect(() => {
    if (from > to) return
    let live = true
    haruApi()
      .moods.agreement({ profileId, from, to, ...(tag ? { tag } : {}) })
      .then((r) => {
        if (!live) return
        setResult(r)
        setError(null)
      })
      .catch((err) => live && setError(err))
    return () => {
      live = false
    }
  }, [profileId, from, to, tag])

  const withDays = result?.sources.filter((s) => s.days > 0) ?? []
  const best = withDays.filter((s) => s.days >= MIN_DAYS_FOR_ADVICE).sort((a, b) => percent(b) - percent(a))[0]
  const shown = withDays.find((s) => s.source === picked) ?? best ?? withDays[0]
  const sourceName = (s: AnalysisSource) => t(`trends.source.${s}`)
  const rows = shown ? CANONICAL_EMOTIONS.filter((_, i) => shown.confusion[i]!.some((n) => n > 0)) : []
  const cols = shown ? CANONICAL_EMOTIONS.filter((_, j) => shown.confusion.some((row) => row[j]! > 0)) : []

  return (
    <section aria-labelledby={id} data-testid="reads-me">
      <h2 id={id} className={ui.heading}>
        {t('readsMe.title')}
      </h2>
      <p className={ui.mutedSmall}>{t('readsMe.help')}</p>
      <ErrorNotice error={error} action={t('error.loadFailedShort')} />
      {result && withDays.length === 0 && <p className={ui.muted}>{t('readsMe.none')}</p>}
      {result && withDays.length > 0 && (
        <>
          <ul className={styles.shares}>
            {result.sources.map((s) => (
              <li key={s.source} data-source={s.source} data-days={s.days} data-agreeing={s.agreeing}>
                <strong>{sourceName(s.source)}</strong>: {s.days ? t('readsMe.share', { days: s.days, agreeing: s.agreeing, percent: percent(s) }) : t('readsMe.noDays')}
              </li>
            ))}
          </ul>
          {best && <p data-testid="reads-me-best">{t('readsMe.best', { source: sourceName(best.source) })}</p>}
          {shown && (
            <>
              {withDays.length > 1 && (
                <label className={ui.filter}>
                  <span>{t('readsMe.pick')}</span>
                  <select value={shown.source} onChange={(e) => setPicked(e.target.value as AnalysisSource)}>
                    {withDays.map((s) => (
                      <option key={s.source} value={s.source}>
                        {sourceName(s.source)}
                      </option>
                    ))}
                  </select>
                </label>
              )}
              <table className={ui.plainTable} data-testid="reads-me-table" data-source={shown.source}>
                <caption className={styles.caption}>{t('readsMe.table', { source: sourceName(shown.source) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('readsMe.rowHead')}</th>
                    {cols.map((c) => (
                      <th key={c} scope="col">
                        <EmotionIcon emotion={c} /> {EMOTION_LABELS[locale][c]}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r} data-self={r}>
                      <th scope="row">
                        <EmotionIcon emotion={r} /> {EMOTION_LABELS[locale][r]}
                      </th>
                      {cols.map((c) => {
                        const n = shown.confusion[CANONICAL_EMOTIONS.indexOf(r)]![CANONICAL_EMOTIONS.indexOf(c)]!
                        return (
                          <td key={c} className={r === c ? styles.same : undefined} data-reading={c}>
                            {n}
                          </td>
                        )
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </>
      )}
    </section>
  )
}
