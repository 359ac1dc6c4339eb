import { useEffect, useRef, useState } from 'react'
import { MIC_CHECK, noiseFloorDb, type ChunkLevel } from '../../../../shared/calibration/levels'
import { useI18n } from '../../i18n/I18nProvider'
import { LevelMeter } from './LevelMeter'
import { MicrophoneProblem } from './MicrophoneProblem'
import type { MicrophoneState } from './useMicrophone'
import { ui } from '../../ui/ui'

/**
 * Listens to the room for two seconds (its noise floor), then lets the user speak and watch the
 * meter, with warnings for a loud room, clipping and a microphone that hears nothing.
 */
export function MicCheckStep({ microphone, onNext }: { microphone: MicrophoneState; onNext(): void }) {
  const { t } = useI18n()
  const { mic, level, clipping, silent, error, opening, retry } = microphone
  const [floor, setFloor] = useState<number | null>(null)
  const next = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    if (!mic) return
    setFloor(null)
    const levels: ChunkLevel[] = []
    const started = performance.now()
    const stop = mic.onLevel((l) => {
      levels.push(l)
      if (performance.now() - started >= MIC_CHECK.noiseSampleSec * 1000) {
        stop()
        setFloor(noiseFloorDb(levels))
      }
    })
    return () => void stop()
  }, [mic])

  useEffect(() => {
    if (floor !== null) next.current?.focus()
  }, [floor])

  if (error) return <MicrophoneProblem error={error} onRetry={retry} />
  return (
    <div className={ui.stack}>
      <p>{t('voice.mic.intro')}</p>
      <LevelMeter level={level} clipping={clipping} />
      <div aria-live="polite" className={ui.stackTight}>
        {opening && <p className={ui.muted}>{t('voice.mic.opening')}</p>}
        {mic && floor === null && <p className={ui.muted}>{t('voice.mic.measuring', { seconds: MIC_CHECK.noiseSampleSec })}</p>}
        {floor !== null && (
          <p data-testid="noise-floor" className={floor > MIC_CHECK.quietRoomDb ? ui.warn : ui.ok}>
            {floor > MIC_CHECK.quietRoomDb ? t('voice.mic.noisyRoom', { db: Math.round(floor) }) : t('voice.mic.quietRoom', { db: Math.round(floor) })}
          </p>
        )}
        {floor !== null && <p>{t('voice.mic.speak')}</p>}
        {clipping && <p className={ui.warn}>{t('voice.mic.clipping')}</p>}
        {mic && silent && <p className={ui.warn} data-testid="mic-silent">{t('voice.mic.silent')}</p>}
      </div>
      <div className={ui.actionsEnd}>
        <button ref={next} type="button" className={ui.primary} disabled={floor === null} onClick={onNext}>
          {t('voice.mic.next')}
        </button>
      </div>
    </div>
  )
}
