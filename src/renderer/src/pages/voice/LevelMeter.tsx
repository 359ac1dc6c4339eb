import { meterFraction, type ChunkLevel } from '../../../../shared/calibration/levels'
import { useI18n } from '../../i18n/I18nProvider'

/** A horizontal input meter (−60…0 dBFS) with the RMS bar and a peak tick; announced as a meter. */
export function LevelMeter({ level, clipping }: { level: ChunkLevel | null; clipping: boolean }) {
  const { t } = useI18n()
  const rms = level?.rmsDb ?? -100
  const peak = level?.peakDb ?? -100
  return (
    <div className="level-meter">
      <div
        className={clipping ? 'meter-track clipping' : 'meter-track'}
        role="meter"
        aria-label={t('voice.meter.label')}
        aria-valuemin={-60}
        aria-valuemax={0}
        aria-valuenow={Math.round(Math.max(-60, rms))}
        aria-valuetext={t('voice.meter.value', { db: Math.round(Math.max(-60, rms)) })}
        data-testid="level-meter"
      >
        <div className="meter-fill" style={{ width: `${meterFraction(rms) * 100}%` }} />
        <div className="meter-peak" style={{ left: `${meterFraction(peak) * 100}%` }} />
      </div>
      <span className="meter-db small muted" aria-hidden="true">
        {rms <= -99 ? '−∞' : Math.round(rms)} dBFS
      </span>
    </div>
  )
}
