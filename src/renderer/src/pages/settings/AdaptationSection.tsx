import { useEffect, useState } from 'react'
import type { AdaptationStatus } from '../../../../shared/api/moods-schemas'
import type { Profile } from '../../../../shared/api/schemas'
import { haruApi } from '../../api'
import { ErrorNotice } from '../../components/ErrorNotice'
import { useI18n } from '../../i18n/I18nProvider'
import { ui } from '../../ui/ui'
import { SettingsSection } from './SettingsSection'

/** While the adapter trains or the diary is read again, the status is asked for this often. */
const POLL_MS = 1500

/**
 * Issue 12: reading this profile's text through what Haru learnt from its corrections. On by
 * default; off, every reading goes back to the base model (the adapter is kept for later).
 */
export function AdaptationSection({ profile }: { profile: Profile }) {
  const { t, formatDate } = useI18n()
  const [status, setStatus] = useState<AdaptationStatus | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [saving, setSaving] = useState(false)

  useEffect(() => {
    let live = true
    let timer: ReturnType<typeof setTimeout> | undefined
    const load = () =>
      haruApi()
        .corrections.adaptation({ profileId: profile.id })
        .then((s) => {
          if (!live) return
          setStatus(s)
          if (s.busy) timer = setTimeout(load, POLL_MS)
        })
        .catch((err) => live && setError(err))
    void load()
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [profile.id, saving])

  const toggle = async (enabled: boolean) => {
    setSaving(true)
    setError(null)
    // The box follows the click at once; a refused change puts it back.
    setStatus((s) => s && { ...s, enabled })
    try {
      await haruApi().settings.set({ profileId: profile.id, adaptation: enabled })
    } catch (err) {
      setStatus((s) => s && { ...s, enabled: !enabled })
      setError(err)
    } finally {
      setSaving(false)
    }
  }

  const adapter = status?.adapter
  return (
    <SettingsSection legend={t('adaptation.title')} testId="adaptation-settings">
      <p className={ui.mutedSmall}>{t('adaptation.help')}</p>
      {status && (
        <label>
          <input type="checkbox" checked={status.enabled} disabled={saving} onChange={(e) => void toggle(e.target.checked)} /> {t('adaptation.toggle')}
        </label>
      )}
      {status && (
        <p className={ui.mutedSmall} role="status" data-testid="adaptation-status" data-version={adapter?.version ?? ''}>
          {status.busy
            ? t('adaptation.busy')
            : status.corrections === 0 && !adapter?.examples
              ? t('adaptation.none')
              : adapter && adapter.upToDate
                ? t('adaptation.learnt', { count: adapter.examples, version: adapter.version, date: formatDate(adapter.createdAt.slice(0, 10)) })
                : t('adaptation.pending', { count: status.corrections })}
        </p>
      )}
      <ErrorNotice error={error} action={t('adaptation.failed')} />
    </SettingsSection>
  )
}
