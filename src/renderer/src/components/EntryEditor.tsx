import { MAX_ENTRY_TEXT_LENGTH } from '../../../shared/api/limits'
import { useEntryAnalysis } from '../hooks/useEntryAnalysis'
import { useEntryAutosave, type SaveStatus } from '../hooks/useEntryAutosave'
import { EntryInsights } from './EntryInsights'
import { useI18n } from '../i18n/I18nProvider'
import type { MessageKey } from '../i18n/messages'

const statusKey: Record<Exclude<SaveStatus, 'loading'>, MessageKey> = {
  idle: 'save.idle',
  pending: 'save.pending',
  saving: 'save.saving',
  saved: 'save.saved',
  empty: 'save.empty',
  error: 'save.error'
}

export function EntryEditor({ profileId, date, label }: { profileId: number; date: string; label: string }) {
  const { t } = useI18n()
  const editor = useEntryAutosave(profileId, date)
  const insights = useEntryAnalysis(editor.entryId, editor.savedRevision)
  const tooLong = editor.text.length > MAX_ENTRY_TEXT_LENGTH

  return (
    <div className="editor">
      {editor.restoredDraft && <p className="notice">{t('save.restored')}</p>}
      <textarea
        className="entry-text"
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
      <div className="editor-footer">
        <span className={tooLong ? 'count error' : 'count'}>{t('today.chars', { count: editor.text.length.toLocaleString() })}</span>
        <span className={`save-status ${editor.status}`} role="status" aria-live="polite" data-testid="save-status" data-status={editor.status}>
          {editor.status === 'loading' ? '' : t(statusKey[editor.status], { message: editor.error ?? '' })}
        </span>
      </div>
      {editor.entryId !== null && editor.text.trim() !== '' && (
        <EntryInsights analysis={insights.analysis} state={insights.state} error={insights.error} onAnalyze={insights.analyzeNow} />
      )}
    </div>
  )
}
