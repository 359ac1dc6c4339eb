import { useEffect, useState } from 'react'
import type { Reflection } from '../../../../shared/api/reflections-schemas'
import type { Profile } from '../../../../shared/api/schemas'
import { localIsoDate } from '../../../../shared/dates'
import { parsePeriodKey } from '../../../../shared/reflect/period'
import { periodNameEn, periodNameKo } from '../../../../shared/reflect/phrases'
import { haruApi } from '../../api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useI18n } from '../../i18n/I18nProvider'
import { PeriodPicker } from './PeriodPicker'
import styles from './ReflectionPage.module.css'
import { SectionView } from './SectionView'
import { ui } from '../../ui/ui'

/**
 * A week or a month looked back on: built in the main process from the writer's own entries and
 * stored readings (`reflections.get`); this page only shows it and links each day back to Today.
 */
export function ReflectionPage({ profile, period, onPeriodChange, onOpen }: { profile: Profile; period: string; onPeriodChange(key: string): void; onOpen(date: string): void }) {
  const { t, locale } = useI18n()
  const [reflection, setReflection] = useState<Reflection | null>(null)
  const [error, setError] = useState<unknown>(null)
  const today = localIsoDate()

  useEffect(() => {
    let live = true
    setError(null)
    haruApi()
      .reflections.get({ profileId: profile.id, period })
      .then((r) => live && setReflection(r))
      .catch((err: unknown) => live && setError(err))
    return () => {
      live = false
    }
  }, [profile.id, period])

  const p = parsePeriodKey(period)!
  const shown = reflection?.period.key === period ? reflection : null
  return (
    <section className={styles.page} aria-labelledby="reflection-heading" data-testid="reflection-page" data-period={period} aria-busy={!shown && !error}>
      <h1 id="reflection-heading" className={styles.heading}>
        {t('reflection.title')} · {locale === 'ko' ? periodNameKo(p) : periodNameEn(p)}
      </h1>
      <PeriodPicker value={period} today={today} onChange={onPeriodChange} />
      <ErrorNotice error={error} action={t('error.loadFailedShort')} />
      {!shown && !error && <p className={ui.muted}>{t('reflection.loading')}</p>}
      {shown && (
        <>
          <p className={styles.note}>{shown.reflector.note[locale]}</p>
          {shown.notices.map((n, i) => (
            <p key={i} className={ui.notice} role="status" data-testid="reflection-notice">
              {n[locale]}
            </p>
          ))}
          {shown.sections.map((s) => (
            <SectionView key={s.kind} section={s} kind={p.kind} onOpen={onOpen} />
          ))}
        </>
      )}
    </section>
  )
}
