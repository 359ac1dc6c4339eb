import { useState } from 'react'
import type { MemoAnalysis } from '../../../shared/api/memos-schemas'
import { haruApi } from '../api'
import { EmotionPicker } from '../components/corrections/EmotionPicker'
import { DayEmotionTag } from '../components/emotion/DayEmotionTag'
import { ErrorNotice } from '../components/ErrorNotice'
import { useI18n } from '../i18n/I18nProvider'
import { ui } from '../ui/ui'
import styles from './MemoCorrection.module.css'

/**
 * The writer's emotion for a whole voice memo (issue 12): shown above the readings with a
 * "내가 고침" mark and a one-click undo, or a button to give it. The service restates every
 * reading of the memo and answers with the memo's analysis.
 */
export function MemoCorrection({ analysis, onChange }: { analysis: MemoAnalysis; onChange(next: MemoAnalysis): void }) {
  const { t } = useI18n()
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const correction = analysis.correction ?? null

  const run = async (job: () => Promise<MemoAnalysis | null>) => {
    setBusy(true)
    setError(null)
    try {
      const next = await job()
      if (next) onChange(next)
      setOpen(false)
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className={styles.correction} data-testid="memo-correction" data-emotion={correction?.emotion ?? ''}>
      {correction ? (
        <p className={styles.mine}>
          <span className={ui.mutedSmall}>{t('correct.memoMine')}:</span> <DayEmotionTag emotion={correction.emotion} />{' '}
          <span className={ui.mutedSmall}>{t('correct.mine')}</span>
          <button type="button" className={ui.link} disabled={busy} onClick={() => void run(async () => (await haruApi().corrections.undo({ id: correction.id })).memoAnalysis)}>
            ↺ {t('correct.undo')}
          </button>
        </p>
      ) : null}
      {!open && (
        <button type="button" className={ui.link} onClick={() => setOpen(true)}>
          {t('correct.memo')}
        </button>
      )}
      {open && (
        <EmotionPicker
          question={t('correct.memoQuestion')}
          current={correction?.emotion ?? null}
          busy={busy}
          onPick={(emotion) => void run(async () => (await haruApi().corrections.setMemo({ memoId: analysis.memoId, emotion })).analysis)}
          onClose={() => setOpen(false)}
        />
      )}
      <ErrorNotice error={error} action={t('correct.failed')} />
    </div>
  )
}
