import { useEffect, useId, useRef, useState } from 'react'
import type { MemoAnalysis, VoiceMemo } from '../../../shared/api/memos-schemas'
import { decodeWav } from '../../../shared/audio/wav'
import { haruApi } from '../api'
import { ConfirmDialog } from '../components/ConfirmDialog'
import { ErrorNotice } from '../components/ErrorNotice'
import { useI18n } from '../i18n/I18nProvider'
import { base64ToBytes } from '../audio/base64'
import { cx, ui } from '../ui/ui'
import { useAnalysisRevision } from '../analysis-queue/revision'
import { MemoAnalysisView } from './MemoAnalysisView'
import styles from './MemoItem.module.css'
import { overviewPeaks, Waveform } from './Waveform'

/** While a memo has no result yet, it is read again this often, this many times (about a minute). */
const WAIT_READ_MS = 2000
const MAX_WAIT_READS = 30

/**
 * One memo: playback with a seekable waveform, an editable transcript, and its analysis.
 * `analysisRevision` changes when someone else (the list's automatic analysis) stored a new result.
 * Without a transcription model, 받아쓰기 is disabled and says why.
 */
export function MemoItem({
  memo,
  analysisRevision,
  canTranscribe,
  onDeleted,
  onAnalysed
}: {
  memo: VoiceMemo
  analysisRevision: number
  canTranscribe: boolean
  onDeleted(): void
  onAnalysed(): void
}) {
  const { t } = useI18n()
  const noModelId = useId()
  const audio = useRef<HTMLAudioElement>(null)
  const [url, setUrl] = useState<string | null>(null)
  const [peaks, setPeaks] = useState<number[]>([])
  const [progress, setProgress] = useState(0)
  const [transcript, setTranscript] = useState(memo.transcript ?? '')
  const [analysis, setAnalysis] = useState<MemoAnalysis | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [confirming, setConfirming] = useState(false)

  useEffect(() => {
    let objectUrl: string | null = null
    haruApi()
      .memos.audio({ memoId: memo.id })
      .then(({ wavBase64 }) => {
        const bytes = base64ToBytes(wavBase64)
        setPeaks(overviewPeaks(decodeWav(bytes).samples))
        objectUrl = URL.createObjectURL(new Blob([bytes], { type: 'audio/wav' }))
        setUrl(objectUrl)
      })
      .catch(setError)
    return () => {
      if (objectUrl) URL.revokeObjectURL(objectUrl)
    }
  }, [memo.id])

  // The background queue may analyse this memo too (e.g. after a restart): read again when it has.
  const queueRevision = useAnalysisRevision()
  useEffect(() => {
    let current = true
    let timer: ReturnType<typeof setTimeout> | undefined
    let tries = 0
    const read = () =>
      haruApi()
        .memos.analysis({ memoId: memo.id })
        .then((result) => {
          if (!current) return
          setAnalysis(result)
          // A fresh memo's analysis may be running from another page (an import to another day): look again for a while.
          if (!result.voice && !result.text && ++tries < MAX_WAIT_READS) timer = setTimeout(read, WAIT_READ_MS)
        })
        .catch(() => {}) // no analysis yet is the normal state of a fresh memo
    void read()
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [memo.id, analysisRevision, queueRevision])

  const run = async (job: () => Promise<MemoAnalysis>) => {
    setBusy(true)
    setError(null)
    try {
      setAnalysis(await job())
      onAnalysed()
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }

  const hasResult = analysis && (analysis.voice || analysis.text)
  return (
    <li className={styles.memo} data-testid="memo" data-memo-id={memo.id}>
      <Waveform
        peaks={peaks}
        progress={progress}
        label={t('memo.waveform', { seconds: memo.durationSec.toFixed(1) })}
        onSeek={(f) => {
          if (audio.current && Number.isFinite(audio.current.duration)) audio.current.currentTime = f * audio.current.duration
        }}
      />
      {url && <audio ref={audio} className={styles.audio} src={url} controls preload="metadata" onTimeUpdate={(e) => setProgress(e.currentTarget.currentTime / (e.currentTarget.duration || 1))} />}
      <label className={ui.field}>
        <span>{t('memo.transcript')}</span>
        <textarea className={cx(ui.input, styles.transcript)} value={transcript} onChange={(e) => setTranscript(e.target.value)} rows={2} placeholder={t('memo.transcriptPlaceholder')} />
      </label>
      <div className={ui.actions}>
        <button type="button" disabled={busy || transcript === (memo.transcript ?? '')} onClick={() => void run(() => haruApi().memos.setTranscript({ memoId: memo.id, transcript }))}>
          {t('memo.saveTranscript')}
        </button>
        <button
          type="button"
          disabled={busy || !canTranscribe}
          aria-describedby={canTranscribe ? undefined : noModelId}
          onClick={() =>
            void run(async () => {
              const result = await haruApi().memos.transcribe({ memoId: memo.id })
              const fresh = (await haruApi().memos.list({ entryId: memo.entryId })).find((m) => m.id === memo.id)
              setTranscript(fresh?.transcript ?? '')
              return result
            })
          }
        >
          {t('memo.transcribe')}
        </button>
        <button type="button" disabled={busy} onClick={() => void run(() => haruApi().memos.analyze({ memoId: memo.id }))}>
          {busy ? t('memo.analyzing') : hasResult ? t('memo.reanalyze') : t('memo.analyze')}
        </button>
        <button type="button" className={ui.dangerGhost} onClick={() => setConfirming(true)}>
          {t('memo.delete')}
        </button>
      </div>
      {!canTranscribe && (
        <p id={noModelId} className={ui.mutedSmall}>
          {t('memo.noTranscriber')}
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('memo.confirmDelete')}
        body={t('memo.confirmDeleteBody')}
        confirmLabel={t('memo.delete')}
        cancelLabel={t('history.cancel')}
        onCancel={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false)
          void haruApi().memos.delete({ memoId: memo.id }).then(onDeleted, setError)
        }}
      />
      <ErrorNotice error={error} />
      {analysis && hasResult && (
        <MemoAnalysisView
          analysis={analysis}
          onCorrected={(next) => {
            setAnalysis(next)
            onAnalysed()
          }}
        />
      )}
    </li>
  )
}
