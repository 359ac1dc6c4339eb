import { useEffect } from 'react'
import { MAX_ENTRY_TEXT_LENGTH } from '../../../shared/api/limits'
import { useEntryAnalysis } from '../hooks/useEntryAnalysis'
import { useEntryAutosave, type SaveStatus } from '../hooks/useEntryAutosave'
import { useI18n } from '../i18n/I18nProvider'
import type { MessageKey } from '../i18n/messages'
import { DayFeelings } from '../pages/today/DayFeelings'
import { EmptyEntryPrompt } from '../pages/today/EmptyEntryPrompt'
import { cx, ui } from '../ui/ui'
import styles from './EntryEditor.module.css'
import { EntryInsights } from './EntryInsights'
import { ErrorNotice } from './ErrorNotice'

const statusKey: Record<Exclude<SaveStatus, 'loading'>, MessageKey> = {
  idle: 'save.idle',
  pending: 'save.pending',
  saving: 'save.saving',
  saved: 'save.saved',
  empty: 'save.empty',
  emptied: 'save.emptied',
  error: 'save.failed'
}

interface Props {
  profileId: number
  date: string
  label: string
  /** Changes when the day's memos change: the day figure is read again. */
  memoRevision: number
  /** The stored entry changed other than by typing (removed, restored). */
  onEntryChanged(): void
}

/** The day's text (autosaved), what to do when it is emptied, and the day's feelings below it. */
export function EntryEditor({ profileId, date, label, memoRevision, onEntryChanged }: Props) {
  const { t } = useI18n()
  const editor = useEntryAutosave(profileId, date)
  const insights = useEntryAnalysis(editor.entryId, editor.savedRevision)
  const tooLong = editor.text.length > MAX_ENTRY_TEXT_LENGTH
  const { entryRevision } = editor
  useEffect(() => {
    if (entryRevision > 0) onEntryChanged()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [entryRevision])

  return (
    <div className={styles.editor}>
      {editor.restoredDraft && <p className={ui.notice}>{t('save.restored')}</p>}
      <textarea
        className={styles.text}
        aria-label={label}
        placeholder={t('today.placeholder')}
        value={editor.text}
        disabled={editor.status === 'loading'}
        onChange={(e) => editor.onChange(e.target.value)}
        onCompositionStart={editor.onCompositionStart}
        onCompositionEnd={(e) => editor.onCompositionEnd(e.currentTarget.value)}
        onBlur={editor.onBlur}
        spellCheck={false}
      />
      <div className={styles.footer}>
        <span className={cx(tooLong && styles.over)}>{t('today.chars', { count: editor.text.length.toLocaleString() })}</span>
        <span className={cx(editor.status === 'error' && styles.failed)} role="status" aria-live="polite" data-testid="save-status" data-status={editor.status}>
          {editor.status === 'loading' ? '' : t(statusKey[editor.status])}
        </span>
      </div>
      {editor.status === 'error' && (
        <ErrorNotice
          error={editor.error}
          testId="save-error"
          headline={tooLong ? t('save.tooLong', { max: MAX_ENTRY_TEXT_LENGTH.toLocaleString(), count: editor.text.length.toLocaleString() }) : undefined}
          after={t('save.kept')}
        />
      )}
      {editor.status === 'emptied' && (
        <EmptyEntryPrompt hasMemos={editor.hasMemos} hasMood={editor.hasMood} onRemove={() => void editor.removeEntry()} onRestore={editor.restoreText} />
      )}
      {editor.removed && editor.text === '' && (
        <p className={cx(ui.notice, styles.removed)} role="status" data-testid="entry-removed">
          <span>{t(editor.removed.kind === 'deleted' ? 'entry.deleted' : editor.removed.keptBy === 'mood' ? 'entry.clearedWithMood' : 'entry.cleared')}</span>
          <button type="button" className={ui.link} onClick={() => void editor.undoRemoval()}>
            {t('entry.undo')}
          </button>
        </p>
      )}
      <DayFeelings profileId={profileId} date={date} revision={memoRevision + editor.entryRevision + insights.corrections + (insights.state === 'done' ? insights.runs : 0)}>
        {editor.entryId !== null && editor.text.trim() !== '' && (
          <EntryInsights analysis={insights.analysis} state={insights.state} error={insights.error} onAnalyze={insights.analyzeNow} onCorrected={insights.corrected} />
        )}
      </DayFeelings>
    </div>
  )
}
