import { useEffect, useState } from 'react'
import type { DuePeriod } from '../../../../shared/api/reflections-schemas'
import { periodNameEn, periodNameKo } from '../../../../shared/reflect/phrases'
import { haruApi } from '../../api'
import { useI18n } from '../../i18n/I18nProvider'
import styles from './ReflectionBanner.module.css'
import { ui } from '../../ui/ui'

const dismissedKey = (profileId: number, period: string) => `haru.reflection.dismissed.${profileId}.${period}`

/**
 * On the first day after a week or a month ends (and only when something was written in it): an
 * offer to look back at it. Dismissing it is remembered per profile and period.
 */
export function ReflectionBanner({ profileId, today, onOpen }: { profileId: number; today: string; onOpen(period: string): void }) {
  const { t, locale } = useI18n()
  const [due, setDue] = useState<DuePeriod[]>([])
  useEffect(() => {
    let live = true
    haruApi()
      .reflections.due({ profileId, today })
      .then((d) => live && setDue(d.filter((p) => localStorage.getItem(dismissedKey(profileId, p.key)) === null)))
      .catch(() => live && setDue([])) // an offer, not a feature: failing quietly loses nothing
    return () => {
      live = false
    }
  }, [profileId, today])
  const dismiss = (key: string) => {
    localStorage.setItem(dismissedKey(profileId, key), today)
    setDue((d) => d.filter((p) => p.key !== key))
  }
  if (due.length === 0) return null
  return (
    <div className={styles.banners}>
      {due.map((p) => (
        <div key={p.key} className={styles.banner} role="region" aria-label={t('reflection.title')} data-testid="reflection-banner" data-period={p.key}>
          <span>{t('reflection.banner', { name: locale === 'ko' ? periodNameKo(p) : periodNameEn(p), count: p.entryDays })}</span>
          <span className={styles.actions}>
            <button type="button" className={ui.primary} onClick={() => onOpen(p.key)}>
              {t('reflection.banner.open')}
            </button>
            <button type="button" className={ui.ghost} onClick={() => dismiss(p.key)}>
              {t('reflection.banner.dismiss')}
            </button>
          </span>
        </div>
      ))}
    </div>
  )
}
