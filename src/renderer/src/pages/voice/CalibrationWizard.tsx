import { useEffect, useRef, useState } from 'react'
import type { CalibrationSummary } from '../../../../shared/api/calibration-schemas'
import type { Profile } from '../../../../shared/api/schemas'
import { CALIBRATION_SENTENCES } from '../../../../shared/calibration/sentences'
import { haruApi } from '../../api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useI18n } from '../../i18n/I18nProvider'
import { MicCheckStep } from './MicCheckStep'
import { ReadingStep } from './ReadingStep'
import { SummaryStep } from './SummaryStep'
import { useMicrophone } from './useMicrophone'
import styles from './CalibrationWizard.module.css'
import { ui } from '../../ui/ui'

const STEPS = ['intro', 'mic', 'read', 'summary'] as const
type Step = (typeof STEPS)[number] | 'saved'

/**
 * The guided calibration: why → microphone check → read the sentences → summary → save.
 * Nothing is stored as a baseline before "save"; cancelling at any step deletes this session's
 * recordings and leaves every saved baseline as it was.
 */
export function CalibrationWizard({ profile, onClose }: { profile: Profile; onClose(saved: boolean): void }) {
  const { t } = useI18n()
  const [step, setStep] = useState<Step>('intro')
  const [sessionId, setSessionId] = useState<string | null>(null)
  const [accepted, setAccepted] = useState(0)
  const [summary, setSummary] = useState<CalibrationSummary | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const heading = useRef<HTMLHeadingElement>(null)
  const primary = useRef<HTMLButtonElement>(null)
  const microphone = useMicrophone(step === 'mic' || step === 'read')

  // Focus always lands where the keyboard user acts next: the primary button, or the microphone
  // step's heading while there is nothing to press yet (the reading and summary steps focus their own buttons).
  useEffect(() => {
    if (step === 'intro' || step === 'saved') primary.current?.focus()
    else if (step === 'mic') heading.current?.focus()
  }, [step])

  const guard = async (fn: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    try {
      await fn()
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }

  const begin = () =>
    guard(async () => {
      const { sessionId: id } = await haruApi().calibration.start({ profileId: profile.id })
      setSessionId(id)
      setAccepted(0)
      setSummary(null)
      setStep('mic')
    })

  const compute = () =>
    guard(async () => {
      setSummary(await haruApi().calibration.preview({ profileId: profile.id, sessionId: sessionId! }))
      setStep('summary')
    })

  const save = () =>
    guard(async () => {
      const result = await haruApi().calibration.save({ profileId: profile.id, sessionId: sessionId! })
      setSummary(result)
      if (result.status === 'ok') setStep('saved')
    })

  const cancel = () =>
    guard(async () => {
      if (sessionId && step !== 'saved') await haruApi().calibration.cancel({ profileId: profile.id, sessionId })
      onClose(false)
    })

  const stepIndex = step === 'saved' ? STEPS.length : STEPS.indexOf(step)
  return (
    <section className={styles.wizard} aria-labelledby="wizard-heading" data-testid="calibration-wizard" data-step={step}>
      <ol className={styles.steps} aria-label={t('voice.wizard.progress')}>
        {STEPS.map((s, i) => (
          <li key={s} className={i < stepIndex ? styles.done : i === stepIndex ? styles.current : styles.step} aria-current={i === stepIndex ? 'step' : undefined}>
            {t(`voice.step.${s}`)}
          </li>
        ))}
      </ol>
      <h2 id="wizard-heading" className={styles.heading} ref={heading} tabIndex={-1}>
        {t(step === 'saved' ? 'voice.saved.title' : `voice.step.${step}.title`)}
      </h2>
      <ErrorNotice error={error} />

      {step === 'intro' && (
        <div className={ui.stack}>
          <p>{t('voice.intro.why')}</p>
          <p>{t('voice.intro.how', { count: CALIBRATION_SENTENCES.length })}</p>
          <div className={ui.actionsEnd}>
            <button ref={primary} type="button" className={ui.primary} disabled={busy} onClick={() => void begin()}>
              {t('voice.intro.start')}
            </button>
          </div>
        </div>
      )}
      {step === 'mic' && <MicCheckStep microphone={microphone} onNext={() => setStep('read')} />}
      {step === 'read' && sessionId && (
        <ReadingStep
          profileId={profile.id}
          sessionId={sessionId}
          microphone={microphone}
          accepted={accepted}
          onAccepted={setAccepted}
          onFinished={() => void compute()}
        />
      )}
      {step === 'summary' && summary && <SummaryStep summary={summary} saving={busy} onSave={() => void save()} onRestart={() => void begin()} />}
      {step === 'saved' && (
        <div className={ui.stack}>
          <p role="status" className={ui.notice} data-testid="calibration-saved">
            {t('voice.saved.body')}
          </p>
          <div className={ui.actionsEnd}>
            <button ref={primary} type="button" className={ui.primary} onClick={() => onClose(true)}>
              {t('voice.saved.done')}
            </button>
          </div>
        </div>
      )}
      {step !== 'saved' && (
        <div className={styles.cancel}>
          <button type="button" className={ui.link} disabled={busy && step === 'summary'} onClick={() => void cancel()}>
            {t('voice.wizard.cancel')}
          </button>
        </div>
      )}
    </section>
  )
}
