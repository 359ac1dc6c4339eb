import { useCallback, useEffect, useState } from 'react'
import type { MonthCount } from '../../../shared/api/day-schemas'
import type { EntrySummary, Profile } from '../../../shared/api/schemas'
import { monthRange } from '../../../shared/trends/date-ranges'
import { haruApi } from '../api'
import { ConfirmDialog } from '../components/ConfirmDialog'
import { ErrorNotice } from '../components/ErrorNotice'
import { TagFilter } from '../components/trends/TagFilter'
import { useI18n } from '../i18n/I18nProvider'
import { ui } from '../ui/ui'
import { HistoryMonth } from './history/HistoryMonth'
import styles from './HistoryPage.module.css'

/**
 * Every day written, a month per page (newest first), each day with its emotion, memo and tag
 * marks; a month can be picked directly, and a tag narrows the months and days.
 */
export function HistoryPage({ profile, onOpen }: { profile: Profile; onOpen: (date: string) => void }) {
  const { t, formatDate, formatMonth } = useI18n()
  const [months, setMonths] = useState<MonthCount[] | null>(null)
  const [month, setMonth] = useState<string | null>(null)
  const [entries, setEntries] = useState<EntrySummary[]>([])
  const [tag, setTag] = useState('')
  const [pendingDelete, setPendingDelete] = useState<EntrySummary | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)

  const loadMonths = useCallback(() => {
    haruApi()
      .entries.months({ profileId: profile.id, ...(tag ? { tag } : {}) })
      .then((m) => {
        setMonths(m)
        setMonth((current) => (current && m.some((x) => x.month === current) ? current : (m[0]?.month ?? null)))
        setError(null)
      })
      .catch(setError)
  }, [profile.id, tag])
  useEffect(loadMonths, [loadMonths])

  useEffect(() => {
    if (!month) return setEntries([])
    let live = true
    const api = haruApi()
    const range = monthRange(month)
    ;(tag ? api.tags.entries({ profileId: profile.id, tag, ...range, limit: 31 }) : api.entries.list({ profileId: profile.id, ...range, limit: 31 }))
      .then((e) => live && setEntries(e))
      .catch((err) => live && setError(err))
    return () => {
      live = false
    }
  }, [profile.id, tag, month, months])

  const confirmDelete = async () => {
    const target = pendingDelete
    setPendingDelete(null)
    if (!target) return
    try {
      await haruApi().entries.delete({ id: target.id })
      localStorage.removeItem(`haru.draft.${profile.id}.${target.entryDate}`)
      setMessage(t('history.deleted', { date: formatDate(target.entryDate) }))
      setError(null)
      loadMonths()
    } catch (err) {
      setError(err)
    }
  }

  const index = months?.findIndex((m) => m.month === month) ?? -1
  const older = months && index >= 0 ? months[index + 1] : undefined
  const newer = months && index > 0 ? months[index - 1] : undefined

  return (
    <section aria-labelledby="history-heading">
      <h1 id="history-heading">{t('history.title')}</h1>
      <div className={styles.controls}>
        <TagFilter id="history-tag" profileId={profile.id} value={tag} onChange={setTag} />
        {months && months.length > 0 && (
          <label className={ui.filter} htmlFor="history-month-select">
            <span>{t('history.pickMonth')}</span>
            <select id="history-month-select" value={month ?? ''} onChange={(e) => setMonth(e.target.value)}>
              {months.map((m) => (
                <option key={m.month} value={m.month}>
                  {t('history.monthOption', { month: formatMonth(m.month), count: m.count })}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {message && (
        <p role="status" className={ui.notice}>
          {message}
        </p>
      )}
      <ErrorNotice error={error} action={t('error.loadFailedShort')} />
      {months?.length === 0 && <p className={ui.muted}>{t(tag ? 'history.emptyTag' : 'history.empty')}</p>}
      {month && (
        <HistoryMonth
          month={month}
          entries={entries}
          onOpen={onOpen}
          onDelete={setPendingDelete}
          pager={
            <div className={styles.pager} data-testid="history-pager">
              <button type="button" className={ui.link} disabled={!older} onClick={() => older && setMonth(older.month)}>
                ‹ {t('history.olderMonth')}
              </button>
              <button type="button" className={ui.link} disabled={!newer} onClick={() => newer && setMonth(newer.month)}>
                {t('history.newerMonth')} ›
              </button>
            </div>
          }
        />
      )}
      <ConfirmDialog
        open={pendingDelete !== null}
        title={t('history.confirmTitle')}
        body={pendingDelete ? t('history.confirmBody', { date: formatDate(pendingDelete.entryDate) }) : ''}
        confirmLabel={t('history.confirmDelete')}
        cancelLabel={t('history.cancel')}
        onConfirm={() => void confirmDelete()}
        onCancel={() => setPendingDelete(null)}
      />
    </section>
  )
}
