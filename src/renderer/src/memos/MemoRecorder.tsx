import { useEffect, useState } from 'react'
import type { VoiceMemo } from '../../../shared/api/memos-schemas'
import { MAX_MEMO_SECONDS } from '../../../shared/api/limits'
import { meterFraction } from '../../../shared/calibration/levels'
import { ConfirmDialog } from '../components/ConfirmDialog'
import { ErrorNotice } from '../components/ErrorNotice'
import { useI18n } from '../i18n/I18nProvider'
import { MicrophoneProblem } from '../pages/voice/MicrophoneProblem'
import { useMicrophone } from '../pages/voice/useMicrophone'
import { ui } from '../ui/ui'
import styles from './MemoRecorder.module.css'
import { useMemoRecorder } from './useMemoRecorder'
import { Waveform } from './Waveform'

const clock = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`
const LIVE_COLUMNS = 120

/** The recorder: opens the microphone only while shown, with a live meter and a scrolling waveform. */
export function MemoRecorder({ profileId, date, onSaved, onClose }: { profileId: number; date: string; onSaved(m: VoiceMemo): void; onClose(): void }) {
  const { t } = useI18n()
  const microphone = useMicrophone(true)
  const recorder = useMemoRecorder(microphone.mic, profileId, date, onSaved)
  const [peaks, setPeaks] = useState<number[]>([])
  const [confirmDiscard, setConfirmDiscard] = useState(false)

  useEffect(() => {
    if (!microphone.level || recorder.phase !== 'recording') return
    setPeaks((p) => [...p.slice(-(LIVE_COLUMNS - 1)), meterFraction(microphone.level!.peakDb)])
  }, [microphone.level, recorder.phase])

  if (microphone.error) return <MicrophoneProblem error={microphone.error} onRetry={microphone.retry} />
  const level = microphone.level ? meterFraction(microphone.level.rmsDb) : 0
  const active = recorder.phase === 'recording' || recorder.phase === 'paused'

  return (
    <div className={styles.recorder} data-testid="memo-recorder" data-phase={recorder.phase}>
      <div className={styles.meter} role="meter" aria-label={t('memo.level')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(level * 100)}>
        <span className={styles.fill} style={{ width: `${level * 100}%` }} data-testid="meter-fill" />
      </div>
      <Waveform peaks={peaks} label={t('memo.liveWaveform')} />
      <div className={ui.actions}>
        <span className={styles.elapsed} data-testid="memo-elapsed">
          {clock(recorder.seconds)} / {clock(MAX_MEMO_SECONDS)}
        </span>
        {microphone.silent && active && <span className={ui.warn}>{t('memo.silent')}</span>}
        {microphone.clipping && active && <span className={ui.warn}>{t('memo.clipping')}</span>}
      </div>
      {recorder.autoStopped && <p className={ui.notice}>{t('memo.maxReached')}</p>}
      <ErrorNotice error={recorder.error} action={t('memo.saveFailed')} after={t('memo.saveKept')} />
      <div className={ui.actions}>
        {recorder.phase === 'idle' && (
          <button type="button" className={ui.primary} disabled={!microphone.mic} onClick={() => void recorder.start()}>
            {t('memo.record')}
          </button>
        )}
        {recorder.phase === 'recording' && (
          <button type="button" onClick={recorder.pause}>
            {t('memo.pause')}
          </button>
        )}
        {recorder.phase === 'paused' && (
          <button type="button" onClick={recorder.resume}>
            {t('memo.resume')}
          </button>
        )}
        {active && (
          <>
            <button type="button" className={ui.primary} onClick={() => void recorder.stop()}>
              {t('memo.stop')}
            </button>
            <button type="button" className={ui.dangerGhost} onClick={() => setConfirmDiscard(true)}>
              {t('memo.discard')}
            </button>
          </>
        )}
        {recorder.phase === 'saving' && <span className={ui.muted}>{t('memo.saving')}</span>}
        {recorder.phase === 'idle' && (
          <button type="button" className={ui.link} onClick={onClose}>
            {t('memo.close')}
          </button>
        )}
      </div>
      {/* Throwing a recording away cannot be undone: ask first; the recording goes on meanwhile. */}
      <ConfirmDialog
        open={confirmDiscard}
        title={t('memo.confirmDiscard')}
        body={t('memo.confirmDiscardBody', { seconds: Math.round(recorder.seconds) })}
        confirmLabel={t('memo.discard')}
        cancelLabel={t('memo.keepRecording')}
        onCancel={() => setConfirmDiscard(false)}
        onConfirm={() => {
          setConfirmDiscard(false)
          void recorder.discard()
        }}
      />
    </div>
  )
}
