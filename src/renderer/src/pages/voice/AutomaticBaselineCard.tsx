import type { BaselineStatus } from '../../../../shared/api/calibration-schemas'
import { useI18n } from '../../i18n/I18nProvider'
import { ui } from '../../ui/ui'
import styles from './AutomaticBaselineCard.module.css'

/**
 * "내 메모로 만든 임시 기준" (issue 16): the baseline made from the writer's own memos before they
 * calibrate — how much speech it rests on, whether analyses use it now, and what happens before
 * there is enough speech. A calibrated baseline always takes precedence.
 */
export function AutomaticBaselineCard({ automatic, calibrated }: { automatic: NonNullable<BaselineStatus['automatic']>; calibrated: boolean }) {
  const { t } = useI18n()
  const seconds = Math.round(automatic.voicedSec ?? automatic.poolVoicedSec)
  const state = automatic.version === null ? 'waiting' : calibrated ? 'standby' : 'in-use'
  return (
    <div className={ui.card} data-testid="automatic-baseline" data-state={state} data-version={automatic.version ?? ''} data-seconds={seconds}>
      <h2 className={ui.heading}>{t('voiceReading.auto.heading')}</h2>
      {automatic.version === null ? (
        <>
          <p>{t('voiceReading.auto.waiting', { seconds: Math.round(automatic.poolVoicedSec), needed: automatic.neededSec })}</p>
          <progress className={styles.progress} max={automatic.neededSec} value={Math.min(automatic.poolVoicedSec, automatic.neededSec)} />
        </>
      ) : (
        <p>{t('voiceReading.auto.ready', { version: automatic.version, seconds, memos: automatic.memoCount })}</p>
      )}
      <p className={ui.mutedSmall}>{calibrated ? t('voiceReading.auto.standby') : t('voiceReading.auto.explain')}</p>
    </div>
  )
}
