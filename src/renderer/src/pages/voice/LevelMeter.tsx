import { meterFraction, type ChunkLevel } from '../../../../shared/calibration/levels'
import { useI18n } from '../../i18n/I18nProvider'
import { cx, ui } from '../../ui/ui'
import styles from './LevelMeter.module.css'

/** A horizontal input meter (−60…0 dBFS) with the RMS bar and a peak tick; announced as a meter. */
export function LevelMeter({ level, clipping }: { level: ChunkLevel | null; clipping: boolean }) {
  const { t } = useI18n()
  const rms = level?.rmsDb ?? -100
  const peak = level?.peakDb ?? -100
  return (
    <div className={styles.meter}>
      <div
        className={cx(styles.track, clipping && styles.clipping)}
        role="meter"
        aria-label={t('voice.meter.label')}
        aria-valuemin={-60}
        aria-valuemax={0}
        aria-valuenow={Math.round(Math.max(-60, rms))}
        aria-valuetext={t('voice.meter.value', { db: Math.round(Math.max(-60, rms)) })}
        data-testid="level-meter"
      >
        <div className={styles.fill} style={{ width: `${meterFraction(rms) * 100}%` }} />
        <div className={styles.peak} style={{ left: `${meterFraction(peak) * 100}%` }} />
      </div>
      <span className={cx(styles.db, ui.mutedSmall)} aria-hidden="true">
        {rms <= -99 ? '−∞' : Math.round(rms)} dBFS
      </span>
    </div>
  )
}
