import { useCallback, useEffect, useState, type DragEvent } from 'react'
import type { OrphanRecording, VoiceMemo } from '../../../shared/api/memos-schemas'
import { haruApi } from '../api'
import { ConfirmDialog } from '../components/ConfirmDialog'
import { ErrorNotice } from '../components/ErrorNotice'
import { useI18n } from '../i18n/I18nProvider'
import { bytesToBase64 } from '../audio/base64'
import { cx, ui } from '../ui/ui'
import { MemoItem } from './MemoItem'
import { MemoRecorder } from './MemoRecorder'
import { MAX_IMPORT_MINUTES, MemoImportError, prepareMemoImport } from './prepare-import'
import styles from './VoiceMemos.module.css'

/** What the picker offers: WAV and the formats phones record in. */
const IMPORT_ACCEPT = '.wav,.m4a,.mp4,.aac,.mp3,.ogg,.oga,.opus,.flac,.webm,audio/*'

/**
 * The day's voice memos: recording, importing (picker or drag and drop; an imported file goes to
 * the day it was recorded, with a way there), recovery after a crash, and the list.
 */
export function VoiceMemos({
  profileId,
  date,
  onChanged,
  onOpenDay
}: {
  profileId: number
  date: string
  onChanged?: () => void
  onOpenDay?: (day: string) => void
}) {
  const { t, formatDate } = useI18n()
  const [memos, setMemos] = useState<VoiceMemo[]>([])
  const [orphans, setOrphans] = useState<OrphanRecording[]>([])
  const [recording, setRecording] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const [error, setError] = useState<{ action: string; error: unknown; headline?: string } | null>(null)
  const [discarding, setDiscarding] = useState<OrphanRecording | null>(null)
  /** Whether a transcription model is installed (받아쓰기 is disabled, with the reason, without one). */
  const [canTranscribe, setCanTranscribe] = useState(false)
  // An import that went to another day than the one shown: where, so the writer can go there.
  const [elsewhere, setElsewhere] = useState<string | null>(null)
  // memo id -> how many automatic analyses finished, so the item re-reads its result
  const [analysisRevisions, setAnalysisRevisions] = useState<Record<number, number>>({})
  const changed = useCallback(() => onChanged?.(), [onChanged])

  const load = useCallback(async () => {
    const api = haruApi()
    const entry = await api.entries.getByDate({ profileId, entryDate: date })
    setMemos(entry ? await api.memos.list({ entryId: entry.id }) : [])
    setOrphans(await api.memos.orphans({ profileId }))
  }, [profileId, date])

  useEffect(() => {
    load().catch((err) => setError({ action: t('error.loadFailedShort'), error: err }))
    haruApi()
      .asr.status()
      .then((s) => setCanTranscribe(s.activeDir !== null), () => setCanTranscribe(false))
  }, [load, t])

  const saved = (memo: VoiceMemo, note?: string) => {
    setRecording(false)
    setError(null)
    setElsewhere(memo.entryDate === date ? null : memo.entryDate)
    setMessage(note ?? t('memo.saved', { seconds: memo.durationSec.toFixed(1) }))
    void load()
    changed()
    // Analyse right away; the result appears in the memo when it is ready.
    void haruApi()
      .memos.analyze({ memoId: memo.id })
      .then(
        () => {
          setAnalysisRevisions((r) => ({ ...r, [memo.id]: (r[memo.id] ?? 0) + 1 }))
          changed()
        },
        (err) => setError({ action: t('memo.analysisFailed'), error: err })
      )
  }

  const importFile = async (file: File) => {
    setError(null)
    setMessage(null) // a failure must not sit next to the previous file's success
    try {
      const prepared = await prepareMemoImport(file)
      const memo = await haruApi().memos.import({ profileId, entryDate: prepared.day, fileName: file.name, dataBase64: bytesToBase64(prepared.wav) })
      const where = { date: formatDate(memo.entryDate) }
      saved(memo, memo.entryDate === date ? undefined : t(prepared.dayFrom === 'recorded' ? 'memo.importedRecorded' : prepared.dayFrom === 'modified' ? 'memo.importedModified' : 'memo.importedToday', where))
    } catch (err) {
      // A file the page could not decode has no service detail to fold away: its sentence says it all.
      if (err instanceof MemoImportError) {
        setError({ action: t('memo.importError', { name: file.name }), error: { code: 'invalid-input' }, headline: t(`memo.decode.${err.code}`, { minutes: MAX_IMPORT_MINUTES }) })
      } else {
        setError({ action: t('memo.importError', { name: file.name }), error: err })
      }
    }
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault()
    const file = e.dataTransfer.files[0]
    if (file) void importFile(file)
  }

  return (
    <section className={cx(ui.card, styles.memos)} aria-labelledby="memos-heading" onDragOver={(e) => e.preventDefault()} onDrop={onDrop} data-testid="voice-memos">
      <div className={styles.head}>
        <h2 id="memos-heading" className={styles.title}>
          {t('memo.title')}
        </h2>
        {!recording && (
          <>
            <button type="button" className={ui.primary} onClick={() => setRecording(true)}>
              {t('memo.newRecording')}
            </button>
            <label className={ui.fileButton}>
              {t('memo.import')}
              <input type="file" accept={IMPORT_ACCEPT} className={ui.visuallyHidden} onChange={(e) => e.target.files?.[0] && void importFile(e.target.files[0])} />
            </label>
          </>
        )}
      </div>
      {orphans.map((o) => (
        <div key={o.recordingId} className={ui.notice} role="alert" data-testid="orphan-recording">
          {t('memo.orphan', { date: formatDate(o.entryDate), seconds: o.durationSec.toFixed(0) })}{' '}
          <button
            type="button"
            onClick={() => void haruApi().memos.finish({ recordingId: o.recordingId }).then(saved, (err) => setError({ action: t('memo.keepFailed'), error: err }))}
          >
            {t('memo.keep')}
          </button>{' '}
          <button type="button" className={ui.dangerGhost} onClick={() => setDiscarding(o)}>
            {t('memo.discard')}
          </button>
        </div>
      ))}
      <ConfirmDialog
        open={discarding !== null}
        title={t('memo.confirmDiscard')}
        body={t('memo.confirmDiscardBody', { seconds: discarding ? Math.round(discarding.durationSec) : 0 })}
        confirmLabel={t('memo.discard')}
        cancelLabel={t('history.cancel')}
        onCancel={() => setDiscarding(null)}
        onConfirm={() => {
          const o = discarding
          setDiscarding(null)
          if (o) void haruApi().memos.discard({ recordingId: o.recordingId }).then(() => load())
        }}
      />
      {recording && <MemoRecorder profileId={profileId} date={date} onSaved={saved} onClose={() => setRecording(false)} />}
      {message && (
        <p role="status" className={ui.mutedSmall} data-testid="memo-message">
          {message}
          {elsewhere && onOpenDay && (
            <>
              {' '}
              <button type="button" className={ui.link} onClick={() => onOpenDay(elsewhere)}>
                {t('memo.openDay')}
              </button>
            </>
          )}
        </p>
      )}
      {error && <ErrorNotice error={error.error} action={error.action} headline={error.headline} />}
      {memos.length === 0 && !recording && <p className={ui.mutedSmall}>{t('memo.none')}</p>}
      <ul className={styles.list}>
        {memos.map((m) => (
          <MemoItem
            key={m.id}
            memo={m}
            analysisRevision={analysisRevisions[m.id] ?? 0}
            canTranscribe={canTranscribe}
            onAnalysed={changed}
            onDeleted={() => {
              void load()
              changed()
            }}
          />
        ))}
      </ul>
    </section>
  )
}
