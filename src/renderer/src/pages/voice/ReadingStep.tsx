import { useEffect, useRef, useState } from 'react'
import type { TakeResult } from '../../../../shared/api/calibration-schemas'
import { MAX_WIZARD_TAKE_SEC } from '../../../../shared/calibration/rules'
import { CALIBRATION_SENTENCES } from '../../../../shared/calibration/sentences'
import { haruApi } from '../../api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { recordingToWavBase64 } from '../../audio/microphone'
import { useI18n } from '../../i18n/I18nProvider'
import { LevelMeter } from './LevelMeter'
import { MicrophoneProblem } from './MicrophoneProblem'
import type { MicrophoneState } from './useMicrophone'
import styles from './ReadingStep.module.css'
import { cx, ui } from '../../ui/ui'

type TakeState = { kind: 'idle' } | { kind: 'recording' } | { kind: 'checking' } | { kind: 'result'; result: TakeResult } | { kind: 'error'; error: unknown }

interface Props {
  profileId: number
  sessionId: string
  microphone: MicrophoneState
  /** Sentences already accepted (the wizard remembers across re-renders). */
  accepted: number
  onAccepted(count: number): void
  onFinished(): void
}

/**
 * One sentence at a time: record, stop, and the take is checked at once by the analysis process;
 * a refused take is explained and recorded again. Every control is a button, so Tab/Enter/Space
 * are enough, and focus goes to the next useful one after each step.
 */
export function ReadingStep({ profileId, sessionId, microphone, accepted, onAccepted, onFinished }: Props) {
  const { t } = useI18n()
  const { mic, level, clipping, error, retry } = microphone
  const [take, setTake] = useState<TakeState>({ kind: 'idle' })
  const [elapsed, setElapsed] = useState(0)
  const primary = useRef<HTMLButtonElement>(null)
  const index = accepted
  const total = CALIBRATION_SENTENCES.length
  const lastAccepted = take.kind === 'result' && take.result.accepted

  // Focus follows the flow: record → stop → next/again.
  useEffect(() => primary.current?.focus(), [take.kind, index])

  useEffect(() => {
    if (take.kind !== 'recording' || !mic) return
    const timer = setInterval(() => {
      setElapsed(mic.recordedSec)
      if (mic.recordedSec >= MAX_WIZARD_TAKE_SEC) void stop()
    }, 200)
    return () => clearInterval(timer)
    // `stop` only reads the microphone and props that cannot change during one recording.
  }, [take.kind, mic])

  const start = () => {
    if (!mic) return
    mic.startRecording()
    setElapsed(0)
    setTake({ kind: 'recording' })
  }

  async function stop() {
    if (!mic?.isRecording) return
    const recording = mic.stopRecording()
    setTake({ kind: 'checking' })
    try {
      const result = await haruApi().calibration.addTake({ profileId, sessionId, sentenceIndex: index, wavBase64: recordingToWavBase64(recording) })
      setTake({ kind: 'result', result })
    } catch (err) {
      setTake({ kind: 'error', error: err })
    }
  }

  const advance = () => {
    const count = index + 1
    setTake({ kind: 'idle' })
    if (count >= total) onFinished()
    else onAccepted(count)
  }

  if (error) return <MicrophoneProblem error={error} onRetry={retry} />
  const sentence = CALIBRATION_SENTENCES[Math.min(index, total - 1)]!
  return (
    <div className={ui.stack}>
      <p className={ui.muted}>{t('voice.read.instructions')}</p>
      <div className={styles.progress}>
        <span data-testid="sentence-counter">{t('voice.read.counter', { n: Math.min(index + 1, total), total })}</span>
        <progress max={total} value={index} aria-label={t('voice.read.progress')} />
      </div>
      <blockquote className={styles.sentence} lang="ko" data-testid="sentence">
        {sentence}
      </blockquote>
      <LevelMeter level={level} clipping={clipping} />
      <div className={ui.actionsEnd}>
        {take.kind === 'recording' ? (
          <button ref={primary} type="button" className={cx(ui.primary, styles.record, styles.on)} onClick={() => void stop()}>
            {t('voice.read.stop', { seconds: elapsed.toFixed(0) })}
          </button>
        ) : lastAccepted ? (
          <button ref={primary} type="button" className={ui.primary} onClick={advance}>
            {index + 1 >= total ? t('voice.read.finish') : t('voice.read.next')}
          </button>
        ) : (
          <button ref={primary} type="button" className={cx(ui.primary, styles.record)} disabled={!mic || take.kind === 'checking'} onClick={start}>
            {take.kind === 'idle' ? t('voice.read.record') : t('voice.read.again')}
          </button>
        )}
      </div>
      <div aria-live="polite" data-testid="take-feedback" data-state={take.kind === 'result' ? (take.result.accepted ? 'accepted' : 'rejected') : take.kind}>
        {take.kind === 'recording' && <p className={ui.muted}>{t('voice.read.recording')}</p>}
        {take.kind === 'checking' && <p className={ui.muted}>{t('voice.read.checking')}</p>}
        {take.kind === 'error' && <ErrorNotice error={take.error} action={t('voice.read.checkFailed')} />}
        {take.kind === 'result' && take.result.accepted && (
          <p className={ui.ok}>{t('voice.read.accepted', { seconds: take.result.metrics.voicedSec.toFixed(1) })}</p>
        )}
        {take.kind === 'result' && !take.result.accepted && (
          <div className={styles.problems}>
            <p className={ui.warn}>{t('voice.read.rejected')}</p>
            <ul>
              {take.result.problems.map((p) => (
                <li key={p} data-problem={p}>
                  {t(`voice.problem.${p}`, { seconds: take.result.metrics.voicedSec.toFixed(1) })}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </div>
  )
}
