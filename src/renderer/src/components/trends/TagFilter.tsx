import { useEffect, useState } from 'react'
import type { TagCount } from '../../../../shared/api/tags-schemas'
import { haruApi } from '../../api'
import { useI18n } from '../../i18n/I18nProvider'
import { ui } from '../../ui/ui'

/** A select of the profile's tags (most used first); '' means no tag filter. */
export function TagFilter({ profileId, value, onChange, id }: { profileId: number; value: string; onChange(tag: string): void; id: string }) {
  const { t } = useI18n()
  const [tags, setTags] = useState<TagCount[]>([])
  useEffect(() => {
    haruApi()
      .tags.list({ profileId })
      .then(setTags)
      .catch(() => setTags([]))
  }, [profileId])
  return (
    <label className={ui.filter} htmlFor={id}>
      <span>{t('tags.filter')}</span>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} data-testid={`${id}-select`}>
        <option value="">{t('tags.all')}</option>
        {tags.map((tag) => (
          <option key={tag.tag} value={tag.tag}>
            #{tag.tag} ({tag.count})
          </option>
        ))}
      </select>
    </label>
  )
}
