import { ANALYSIS_SOURCES, type AnalysisSource } from '../../../../shared/trends/sources'
import { useI18n } from '../../i18n/I18nProvider'
import { ui } from '../../ui/ui'

/** Which analyses a view reads: words, voice or both fused. */
export function SourceFilter({ id, value, onChange }: { id: string; value: AnalysisSource; onChange(source: AnalysisSource): void }) {
  const { t } = useI18n()
  return (
    <label className={ui.filter} htmlFor={id}>
      <span>{t('trends.source')}</span>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as AnalysisSource)}>
        {ANALYSIS_SOURCES.map((s) => (
          <option key={s} value={s}>
            {t(`trends.source.${s}`)}
          </option>
        ))}
      </select>
    </label>
  )
}
