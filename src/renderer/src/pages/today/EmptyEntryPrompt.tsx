import { useI18n } from '../../i18n/I18nProvider'
import { cx, ui } from '../../ui/ui'
import styles from './EmptyEntryPrompt.module.css'

/**
 * Shown when every word of a saved entry was removed: delete the day's entry (or only its words,
 * when voice memos keep the day), or bring the text back. Not a modal: the writer may simply type.
 */
export function EmptyEntryPrompt({ hasMemos, hasMood = false, onRemove, onRestore }: { hasMemos: boolean; hasMood?: boolean; onRemove(): void; onRestore(): void }) {
  const { t } = useI18n()
  return (
    <div className={cx(ui.notice, styles.prompt)} role="group" aria-labelledby="empty-entry-question" data-testid="empty-entry">
      <p id="empty-entry-question" className={styles.question}>
        {t(hasMemos ? 'entry.emptiedWithMemos' : hasMood ? 'entry.emptiedWithMood' : 'entry.emptied')}
      </p>
      <p className={ui.mutedSmall}>{t('entry.emptiedLeave')}</p>
      <div className={ui.actions}>
        <button type="button" className={ui.danger} onClick={onRemove}>
          {t(hasMemos || hasMood ? 'entry.clearWords' : 'entry.delete')}
        </button>
        <button type="button" onClick={onRestore}>
          {t('entry.restore')}
        </button>
      </div>
    </div>
  )
}
