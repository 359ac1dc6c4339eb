import { useCallback, useEffect, useState } from 'react'
import { parseTagInput } from '../../../../shared/trends/tags'
import { haruApi } from '../../api'
import { useI18n } from '../../i18n/I18nProvider'
import { cx, ui } from '../../ui/ui'
import { ErrorNotice } from '../ErrorNotice'
import styles from './EntryTags.module.css'

/**
 * Free tags on the day's entry. The entry may not exist yet (it is created by the first autosave),
 * so the entry is looked up again when tags are saved rather than assumed.
 */
export function EntryTags({ profileId, date }: { profileId: number; date: string }) {
  const { t } = useI18n()
  const [tags, setTags] = useState<string[]>([])
  const [input, setInput] = useState('')
  const [status, setStatus] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)

  const load = useCallback(async () => {
    const entry = await haruApi().entries.getByDate({ profileId, entryDate: date })
    const current = entry ? await haruApi().tags.get({ entryId: entry.id }) : []
    setTags(current)
    return entry
  }, [profileId, date])

  useEffect(() => {
    load().catch(() => setTags([]))
  }, [load])

  const save = async (next: string[]) => {
    setError(null)
    setStatus(null)
    try {
      const entry = await haruApi().entries.getByDate({ profileId, entryDate: date })
      if (!entry) return setStatus(t('tags.needEntry'))
      setTags(await haruApi().tags.set({ entryId: entry.id, tags: next }))
      setInput('')
      setStatus(t('tags.saved'))
    } catch (err) {
      setError(err)
    }
  }

  return (
    <section className={styles.tags} aria-labelledby={`tags-${date}`} data-testid="entry-tags">
      <h2 id={`tags-${date}`} className={ui.smallHeading}>
        {t('tags.label')}
      </h2>
      <ul className={styles.list}>
        {tags.map((tag) => (
          <li key={tag} className={styles.tag} data-tag={tag}>
            #{tag}
            <button type="button" className={styles.remove} aria-label={t('tags.remove', { tag })} onClick={() => void save(tags.filter((x) => x !== tag))}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <form
        className={styles.form}
        onSubmit={(e) => {
          e.preventDefault()
          const added = parseTagInput(input)
          if (added.length > 0) void save([...tags, ...added.filter((a) => !tags.includes(a))])
        }}
      >
        <input className={cx(ui.input, styles.input)} aria-label={t('tags.label')} placeholder={t('tags.placeholder')} value={input} onChange={(e) => setInput(e.target.value)} />
        <button type="submit">{t('tags.add')}</button>
      </form>
      <ErrorNotice error={error} action={t('tags.failed')} />
      <p className={ui.small} role="status" aria-live="polite">
        {status}
      </p>
    </section>
  )
}
