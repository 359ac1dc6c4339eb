import { DAY_SOURCES, type DaySource } from '../../../../shared/trends/sources'
import { useI18n } from '../../i18n/I18nProvider'
import { ui } from '../../ui/ui'

/** Which reading a view shows: words, voice, both fused, or the writer's own check-in. */
export function SourceFilter({ id, value, onChange }: { id: string; value: DaySource; onChange(source: DaySource): void }) {
  const { t } = useI18n()
  return (
    <label className={ui.filter} htmlFor={id}>
      <span>{t('trends.source')}</span>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as DaySource)}>
        {DAY_SOURCES.map((s) => (
          <option key={s} value={s}>
            {t(`trends.source.${s}`)}
          </option>
        ))}
      </select>
    </label>
  )
}
