import { useCallback, useEffect, useState } from 'react'
import type { BaselineStatus, ReanalysisStatus } from '../../../../shared/api/calibration-schemas'
import type { OutputOf } from '../../../../shared/api/contract'
import type { Profile } from '../../../../shared/api/schemas'
import { haruApi } from '../../api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { useI18n } from '../../i18n/I18nProvider'
import { AutomaticBaselineCard } from './AutomaticBaselineCard'
import { BaselineHistory } from './BaselineHistory'
import { CalibrationWizard } from './CalibrationWizard'
import { ReanalysisPanel } from './ReanalysisPanel'
import styles from './VoicePage.module.css'
import { cx, ui } from '../../ui/ui'

/**
 * "My voice": which baseline voice analyses use, the calibration wizard, the history of
 * baselines (go back to one, recompute, or use the default), the kept recordings, and
 * re-analysing past memos after a change.
 */
export function VoicePage({ profile }: { profile: Profile }) {
  const { t, locale } = useI18n()
  const [status, setStatus] = useState<BaselineStatus | null>(null)
  const [reanalysis, setReanalysis] = useState<ReanalysisStatus | null>(null)
  const [kept, setKept] = useState<OutputOf<'calibration', 'sessions'>>([])
  const [wizard, setWizard] = useState(false)
  const [message, setMessage] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [confirmDelete, setConfirmDelete] = useState(false)

  const load = useCallback(async () => {
    try {
      const [s, r, k] = await Promise.all([
        haruApi().baselines.list({ profileId: profile.id }),
        haruApi().reanalysis.status({ profileId: profile.id }),
        haruApi().calibration.sessions({ profileId: profile.id })
      ])
      setStatus(s)
      setReanalysis(r)
      setKept(k)
    } catch (err) {
      setError(err)
    }
  }, [profile.id, t])

  useEffect(() => void load(), [load])

  const act = async (fn: () => Promise<unknown>, done?: string) => {
    setError(null)
    setMessage(null)
    try {
      await fn()
      if (done) setMessage(done)
      await load()
    } catch (err) {
      setError(err)
    }
  }

  if (wizard) {
    return (
      <CalibrationWizard
        profile={profile}
        onClose={(saved) => {
          setWizard(false)
          setMessage(saved ? t('voice.saved.short') : null)
          void load()
        }}
      />
    )
  }

  const active = status?.active
  const activeBaseline = status?.baselines.find((b) => b.isActive)
  const keptTakes = kept.reduce((n, k) => n + k.takes, 0)
  const keptSeconds = kept.reduce((n, k) => n + k.voicedSec, 0)
  const dateFormat = new Intl.DateTimeFormat(locale === 'ko' ? 'ko-KR' : 'en-US', { dateStyle: 'medium', timeStyle: 'short' })

  return (
    <section aria-labelledby="voice-heading" className={styles.page}>
      <h1 id="voice-heading">{t('voice.title')}</h1>
      <p className={ui.muted}>{t('voice.lead')}</p>
      {message && <p role="status" className={ui.notice}>{message}</p>}
      <ErrorNotice error={error} />
      {status && active && (
        <div className={ui.card} data-testid="active-baseline" data-kind={active.kind} data-baseline-id={active.baselineId ?? ''}>
          <h2 className={ui.heading}>{t('voice.active.heading')}</h2>
          <p className={styles.activeKind}>
            {active.kind === 'calibrated' && activeBaseline
              ? t('voice.active.calibrated', { date: dateFormat.format(new Date(activeBaseline.createdAt)) })
              : status.automatic?.inUse && status.automatic.version !== null
                ? t('voiceReading.auto.active', { version: status.automatic.version })
                : t('voice.active.default', { kind: t(`voice.kind.${active.kind}`) })}
          </p>
          {!status.defaultModel && <p className={cx(ui.warn, ui.small)}>{t('voice.noModel')}</p>}
          <div className={ui.actions}>
            <button type="button" className={ui.primary} onClick={() => setWizard(true)}>
              {status.baselines.some((b) => b.source === 'calibrated') ? t('voice.recalibrate') : t('voice.calibrate')}
            </button>
            {active.kind === 'calibrated' && (
              <button type="button" onClick={() => void act(() => haruApi().baselines.useDefault({ profileId: profile.id }), t('voice.usingDefault'))}>
                {t('voice.useDefault')}
              </button>
            )}
          </div>
        </div>
      )}
      {status?.automatic && active && <AutomaticBaselineCard automatic={status.automatic} calibrated={active.kind === 'calibrated'} />}
      {reanalysis && <ReanalysisPanel profileId={profile.id} status={reanalysis} onChange={setReanalysis} onError={setError} />}
      {status && status.baselines.length > 0 && (
        <BaselineHistory
          baselines={status.baselines}
          formatDate={(iso) => dateFormat.format(new Date(iso))}
          onActivate={(id) => act(() => haruApi().baselines.activate({ profileId: profile.id, baselineId: id }), t('voice.history.activated'))}
          onRecompute={(id) =>
            act(async () => {
              const r = await haruApi().baselines.recompute({ profileId: profile.id, baselineId: id })
              if (r.status !== 'ok') throw new Error(t(`voice.rejection.${r.reason ?? 'too-few-takes'}`))
            }, t('voice.history.recomputed'))
          }
        />
      )}
      {keptTakes > 0 && (
        <div className={ui.card}>
          <h2 className={ui.heading}>{t('voice.takes.heading')}</h2>
          <p className={ui.mutedSmall}>{t('voice.takes.body', { count: keptTakes, seconds: keptSeconds.toFixed(0) })}</p>
          <button type="button" className={ui.dangerGhost} onClick={() => setConfirmDelete(true)}>
            {t('voice.takes.delete')}
          </button>
        </div>
      )}
      <ConfirmDialog
        open={confirmDelete}
        title={t('voice.takes.confirmTitle')}
        body={t('voice.takes.confirmBody')}
        confirmLabel={t('voice.takes.confirmDelete')}
        cancelLabel={t('history.cancel')}
        onCancel={() => setConfirmDelete(false)}
        onConfirm={() => {
          setConfirmDelete(false)
          void act(() => haruApi().calibration.deleteTakes({ profileId: profile.id }), t('voice.takes.deleted'))
        }}
      />
    </section>
  )
}
