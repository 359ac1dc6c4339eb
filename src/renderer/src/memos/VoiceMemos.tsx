import { useCallback, useEffect, useState, type DragEvent } from 'react'
import type { OrphanRecording, VoiceMemo } from '../../../shared/api/memos-schemas'
import { errorMessage, haruApi } from '../api'
import { useI18n } from '../i18n/I18nProvider'
import { bytesToBase64 } from '../audio/base64'
import { MemoItem } from './MemoItem'
import { MemoRecorder } from './MemoRecorder'

/** The day's voice memos: recording, importing (picker or drag and drop), recovery after a crash, and the list. */
export function VoiceMemos({ profileId, date }: { profileId: number; date: string }) {
  const { t, formatDate } = useI18n()
  const [memos, setMemos] = useState<VoiceMemo[]>([])
  const [orphans, setOrphans] = useState<OrphanRecording[]>([])
  const [recording, setRecording] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  // memo id -> how many automatic analyses finished, so the item re-reads its result
  const [analysisRevisions, setAnalysisRevisions] = useState<Record<number, number>>({})

  const load = useCallback(async () => {
    const api = haruApi()
    const entry = await api.entries.getByDate({ profileId, entryDate: date })
    setMemos(entry ? await api.memos.list({ entryId: entry.id }) : [])
    setOrphans(await api.memos.orphans({ profileId }))
  }, [profileId, date])

  useEffect(() => {
    load().catch((err) => setError(errorMessage(err)))
  }, [load])

  const saved = (memo: VoiceMemo) => {
    setRecording(false)
    setMessage(t('memo.saved', { seconds: memo.durationSec.toFixed(1) }))
    void load()
    // Analyse right away; the result appears in the memo when it is ready.
    void haruApi()
      .memos.analyze({ memoId: memo.id })
      .then(
        () => setAnalysisRevisions((r) => ({ ...r, [memo.id]: (r[memo.id] ?? 0) + 1 })),
        (err) => setError(t('memo.analysisFailed', { message: errorMessage(err) })),
      )
  }

  const importFile = async (file: File) => {
    setError(null)
    try {
      const dataBase64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()))
      saved(await haruApi().memos.import({ profileId, entryDate: date, fileName: file.name, dataBase64 }))
    } catch (err) {
      setError(t('memo.importError', { name: file.name, message: errorMessage(err) }))
    }
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault()
    const file = e.dataTransfer.files[0]
    if (file) void importFile(file)
  }

  return (
    <section className="memos" aria-labelledby="memos-heading" onDragOver={(e) => e.preventDefault()} onDrop={onDrop} data-testid="voice-memos">
      <div className="insights-head">
        <h2 id="memos-heading">{t('memo.title')}</h2>
        {!recording && (
          <>
            <button type="button" className="primary" onClick={() => setRecording(true)}>
              {t('memo.newRecording')}
            </button>
            <label className="button-like">
              {t('memo.import')}
              <input type="file" accept=".wav,audio/wav,audio/x-wav" className="visually-hidden" onChange={(e) => e.target.files?.[0] && void importFile(e.target.files[0])} />
            </label>
          </>
        )}
      </div>
      {orphans.map((o) => (
        <div key={o.recordingId} className="notice" role="alert" data-testid="orphan-recording">
          {t('memo.orphan', { date: formatDate(o.entryDate), seconds: o.durationSec.toFixed(0) })}{' '}
          <button type="button" onClick={() => void haruApi().memos.finish({ recordingId: o.recordingId }).then(saved, (err) => setError(errorMessage(err)))}>
            {t('memo.keep')}
          </button>{' '}
          <button type="button" className="danger ghost" onClick={() => void haruApi().memos.discard({ recordingId: o.recordingId }).then(() => load())}>
            {t('memo.discard')}
          </button>
        </div>
      ))}
      {recording && <MemoRecorder profileId={profileId} date={date} onSaved={saved} onClose={() => setRecording(false)} />}
      {message && <p role="status" className="muted small">{message}</p>}
      {error && <p role="alert" className="error">{error}</p>}
      {memos.length === 0 && !recording && <p className="muted small">{t('memo.none')}</p>}
      <ul className="memo-list">
        {memos.map((m) => (
          <MemoItem key={m.id} memo={m} analysisRevision={analysisRevisions[m.id] ?? 0} onDeleted={() => void load()} />
        ))}
      </ul>
    </section>
  )
}
