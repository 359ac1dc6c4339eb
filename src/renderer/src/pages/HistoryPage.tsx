import { useCallback, useEffect, useState } from 'react'
import type { EntrySummary, Profile } from '../../../shared/api/schemas'
import { ConfirmDialog } from '../components/ConfirmDialog'
import { TagFilter } from '../components/trends/TagFilter'
import { errorMessage, haruApi } from '../api'
import { useI18n } from '../i18n/I18nProvider'

export function HistoryPage({ profile, onOpen }: { profile: Profile; onOpen: (date: string) => void }) {
  const { t, formatDate } = useI18n()
  const [entries, setEntries] = useState<EntrySummary[] | null>(null)
  const [pendingDelete, setPendingDelete] = useState<EntrySummary | null>(null)
  const [message, setMessage] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  const [tag, setTag] = useState('')

  const load = useCallback(() => {
    const api = haruApi()
    ;(tag ? api.tags.entries({ profileId: profile.id, tag }) : api.entries.list({ profileId: profile.id }))
      .then(setEntries)
      .catch((err) => setError(t('error.loadFailed', { message: errorMessage(err) })))
  }, [profile.id, t, tag])

  useEffect(load, [load])

  const confirmDelete = async () => {
    const target = pendingDelete
    setPendingDelete(null)
    if (!target) return
    try {
      await haruApi().entries.delete({ id: target.id })
      localStorage.removeItem(`haru.draft.${profile.id}.${target.entryDate}`)
      setMessage(t('history.deleted', { date: formatDate(target.entryDate) }))
      load()
    } catch (err) {
      setError(t('error.generic', { message: errorMessage(err) }))
    }
  }

  return (
    <section aria-labelledby="history-heading">
      <h1 id="history-heading">{t('history.title')}</h1>
      <div className="history-filters">
        <TagFilter id="history-tag" profileId={profile.id} value={tag} onChange={setTag} />
      </div>
      {message && <p role="status" className="notice">{message}</p>}
      {error && <p role="alert" className="error">{error}</p>}
      {entries?.length === 0 && <p className="muted">{t('history.empty')}</p>}
      <ul className="history-list">
        {entries?.map((e) => (
          <li key={e.id} className="history-item" data-date={e.entryDate}>
            <button type="button" className="history-open" onClick={() => onOpen(e.entryDate)} aria-label={`${t('history.open')}: ${formatDate(e.entryDate)}`}>
              <span className="history-date">{formatDate(e.entryDate)}</span>
              <span className="history-preview">{e.preview}</span>
              <span className="muted small">{t('history.chars', { count: e.length.toLocaleString() })}</span>
            </button>
            <button type="button" className="danger ghost" onClick={() => setPendingDelete(e)} aria-label={`${t('history.delete')}: ${formatDate(e.entryDate)}`}>
              {t('history.delete')}
            </button>
          </li>
        ))}
      </ul>
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
